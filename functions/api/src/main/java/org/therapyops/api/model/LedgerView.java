package org.therapyops.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import org.therapyops.billing.StoredClaim;
import org.therapyops.billing.remittance.LedgerEntry;
import org.therapyops.billing.remittance.Posting;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A claim's ledger: every posting of every ERA (append-only; a reversal is a posting of its own), and what follows from
 * them: paid by the payer, owed by the patient, adjusted off, and the balance still open with the payer.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record LedgerView(String claimId, String status, BigDecimal charge, BigDecimal paid, BigDecimal patientResponsibility,
                         BigDecimal adjusted,
                         @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                                 description = "charge − paid − patient responsibility − adjustments: the ledger's arithmetic "
                                         + "(the patient balance and the A/R keep denied lines not yet worked as still owed)")
                         BigDecimal insuranceBalance,
                         List<PostingView> postings) {

    /** One claim payment posted from one ERA. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PostingView(String id, String eraId, @OrNull String deliveryId, @OrNull String traceNumber,
                              @OrNull LocalDate paymentDate, String claimStatusCode,
                              @OrNull String payerClaimControlNumber, BigDecimal charge, BigDecimal paid,
                              BigDecimal patientResponsibility, List<Entry> entries, List<String> remarks, Instant postedAt) {
    }

    /** A payment or an adjustment (group and CARC), on a line (0: the claim as a whole). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Entry(String kind, int line, @OrNull String group, @OrNull String reason,
                        BigDecimal amount) {
    }

    public static LedgerView of(StoredClaim claim, List<Posting> postings) {
        BigDecimal paid = BigDecimal.ZERO;
        BigDecimal patient = BigDecimal.ZERO;
        BigDecimal adjusted = BigDecimal.ZERO;
        for (Posting p : postings) {
            for (LedgerEntry e : p.entries()) {
                if (e.kind() == LedgerEntry.Kind.PAYMENT) {
                    paid = paid.add(e.amount());
                } else if (e.patientResponsibility()) {
                    patient = patient.add(e.amount());
                } else {
                    adjusted = adjusted.add(e.amount());
                }
            }
        }
        BigDecimal charge = claim.claim().totalCharge();
        return new LedgerView(claim.claim().id(), claim.status().name(), charge, paid, patient, adjusted,
                charge.subtract(paid).subtract(patient).subtract(adjusted), postings.stream().map(p -> new PostingView(p.id(),
                p.eraId(), p.deliveryId(), p.traceNumber(), p.paymentDate(), p.statusCode(), p.payerClaimControlNumber(),
                p.charge(), p.paid(), p.patientResponsibility(), p.entries().stream().map(e -> new Entry(e.kind().name(), e.line(),
                e.group(), e.reason(), e.amount())).toList(), p.remarks(), p.postedAt())).toList());
    }
}
