package org.therapyops.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import org.therapyops.billing.Charge;
import org.therapyops.billing.Claim;
import org.therapyops.billing.ClaimStatus;
import org.therapyops.billing.PayerResponse;
import org.therapyops.billing.StoredClaim;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A claim as billers see it: status, payer, providers' NPIs, diagnoses and lines with units, modifiers and amounts; once
 * submitted, its batch and what came back (the latest acknowledgement, the remittance totals, denials still to work) and
 * the claim that replaced or voided it.
 */
@Serdeable
public record ClaimView(String id, @OrNull String noteId, ClaimStatus status, String patientId, @OrNull String coverageId,
                        @OrNull String payerId, @OrNull String payerName, @OrNull String billingProviderNpi,
                        @OrNull String renderingProviderNpi, LocalDate dateOfService, @OrNull String placeOfService,
                        String frequency, @OrNull String priorAuthorizationNumber, List<String> diagnoses, List<Line> lines,
                        BigDecimal totalCharge, Instant createdAt, long version,
                        @OrNull @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                                description = "the claim this one replaces or voids")
                        String originalClaimId,
                        @OrNull @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                                description = "the payer's control number of that claim (REF*F8)")
                        String originalReference,
                        @OrNull String batchId, @OrNull Instant submittedAt,
                        @OrNull @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                                description = "the payer's id of this claim (277CA REF*1K or 835 CLP07)")
                        String payerClaimControlNumber,
                        @OrNull Acknowledgement acknowledgement,
                        @OrNull Remittance remittance,
                        @JsonInclude(JsonInclude.Include.ALWAYS) List<Denial> denials,
                        @OrNull @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                                description = "the replacement or void made of this claim")
                        String successorId) {

    /** One claim line. */
    @Serdeable
    public record Line(String code, List<String> modifiers, int units, int minutes, List<Integer> diagnosisPointers,
                       BigDecimal amount, @OrNull String renderingProviderId, LocalDate dateOfService,
                       @OrNull String placeOfService) {

        static Line of(Charge c) {
            return new Line(c.code(), c.modifiers(), c.units(), c.minutes(), c.diagnosisPointers(), c.amount(),
                    c.renderingProviderId(), c.dateOfService(), c.placeOfService());
        }
    }

    /** The latest acknowledgement: a 999 of the claim's batch, or a 277CA of the claim. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Acknowledgement(String source, boolean accepted,
                                  @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                                          description = "277CA: category:status:entity per STC; 999: AK9/IK5 codes")
                                  List<String> statuses, @OrNull String message, @OrNull String deliveryId, @OrNull Instant at) {
    }

    /** Totals of the remittances posted (see GET /claims/{id}/ledger for each posting). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Remittance(BigDecimal paid, BigDecimal patientResponsibility, BigDecimal adjusted, @OrNull String lastEraId,
                             @OrNull Instant lastPostedAt, int postings) {
    }

    /** A denied line still to work. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Denial(int line, @OrNull String procedureCode, BigDecimal amount, List<String> reasons,
                         List<String> remarks) {
    }

    public static ClaimView of(StoredClaim s) {
        Claim c = s.claim();
        PayerResponse r = s.response();
        PayerResponse.Acknowledgement k = r.acknowledgement();
        PayerResponse.RemittanceTotals t = r.remittance();
        return new ClaimView(c.id(), s.noteId(), s.status(), c.patientId(), c.coverageId(), c.payerId(), c.payerName(),
                c.billingProvider() == null ? null : c.billingProvider().npi(),
                c.renderingProvider() == null ? null : c.renderingProvider().npi(), c.dateOfService(),
                c.placeOfService(), c.frequency().name(), c.priorAuthorizationNumber(), c.diagnoses(),
                c.lines().stream().map(Line::of).toList(), c.totalCharge(), s.createdAt(), s.version(),
                c.originalClaimId(), c.originalReference(), r.batchId(), r.submittedAt(), r.payerClaimControlNumber(),
                k == null ? null : new Acknowledgement(k.source(), k.accepted(), k.statuses(), k.message(), k.deliveryId(), k.at()),
                t == null ? null : new Remittance(t.paid(), t.patientResponsibility(), t.adjusted(), t.lastEraId(), t.lastPostedAt(),
                        t.postings()),
                r.denials().stream().map(d -> new Denial(d.line(), d.procedureCode(), d.amount(), d.reasons(), d.remarks())).toList(),
                r.successorId());
    }
}
