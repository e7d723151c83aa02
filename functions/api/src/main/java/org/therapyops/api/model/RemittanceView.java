package org.therapyops.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import org.therapyops.billing.remittance.EraRecord;
import org.therapyops.billing.remittance.Remittance;
import org.therapyops.billing.remittance.Unapplied;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** An ERA (835) as posted: the payment, how much of it reached claims, and what is held as unapplied remittance. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RemittanceView(String id, String status, @OrNull String payerName,
                             @OrNull String payerId, @OrNull BigDecimal amount,
                             @OrNull @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                                     description = "ACH, CHK, BOP, FWT or NON")
                             String method,
                             @OrNull LocalDate paymentDate, @OrNull String traceNumber, int claimCount,
                             int postedCount, BigDecimal postedPaid, List<UnappliedPayment> unapplied,
                             List<ProviderAdjustment> providerAdjustments, List<String> problems, List<String> deliveryIds,
                             Instant receivedAt, @OrNull Instant appliedAt) {

    /** A claim payment held for a biller: nothing of it reached a claim. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record UnappliedPayment(int position, @OrNull String patientControlNumber, @OrNull String claimId,
                                   String reason, @OrNull String message, @OrNull BigDecimal charge, @OrNull BigDecimal paid) {
    }

    /** A provider-level adjustment (PLB): a positive amount was taken from the payment, a negative one added. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ProviderAdjustment(@OrNull String reasonCode, @OrNull String reference, @OrNull BigDecimal amount) {
    }

    public static RemittanceView of(EraRecord e) {
        Remittance.Payment p = e.payment();
        return new RemittanceView(e.id(), e.status().name(), e.payer() == null ? null : e.payer().name(),
                e.payer() == null ? null : e.payer().id(), p.amount(), p.method(), p.date(), p.traceNumber(), e.claimCount(),
                e.postedCount(), e.postedPaid(), e.unapplied().stream().map(RemittanceView::unapplied).toList(),
                e.providerAdjustments().stream().map(a -> new ProviderAdjustment(a.reasonCode(), a.reference(), a.amount())).toList(),
                e.problems(), e.deliveryIds(), e.receivedAt(), e.appliedAt());
    }

    private static UnappliedPayment unapplied(Unapplied u) {
        return new UnappliedPayment(u.clpIndex() + 1, u.patientControlNumber(), u.claimId(), u.reason().name(), u.message(),
                u.charge(), u.paid());
    }
}
