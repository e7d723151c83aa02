package org.therapyops.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What happened to a claim once it left: the batch it went in, the latest acknowledgement of it (999 or 277CA), the
 * payer's adjudication so far (sums of every remittance posted to it), the denied lines still to work, and the claim
 * that replaced or voided it. {@link #NONE} for a claim never submitted.
 *
 * @param batchId                 the 837P batch that last carried it; null before submission
 * @param submittedAt             when that batch was written
 * @param acknowledgement         the latest acknowledgement; null when none came
 * @param payerClaimControlNumber the payer's id of the claim (277CA REF*1K, or CLP07), for a replacement's REF*F8
 * @param remittance              totals of the remittances posted; null before the first
 * @param denials                 lines denied and not yet worked (the denials work queue); empty otherwise
 * @param successorId             the replacement or void claim made of it; null when none
 * @param denialWork              how a biller closed its denials without a successor (appealed, written off…); null otherwise
 */
public record PayerResponse(String batchId, Instant submittedAt, Acknowledgement acknowledgement, String payerClaimControlNumber,
                            RemittanceTotals remittance, List<Denial> denials, String successorId, DenialWork denialWork) {

    public static final PayerResponse NONE = new PayerResponse(null, null, null, null, null, List.of(), null, null);

    public PayerResponse {
        denials = denials == null ? List.of() : List.copyOf(denials);
    }

    public PayerResponse withSubmission(String batch, Instant at) {
        return new PayerResponse(batch, at, acknowledgement, payerClaimControlNumber, remittance, denials, successorId, denialWork);
    }

    public PayerResponse withAcknowledgement(Acknowledgement ack) {
        String pccn = ack.payerClaimControlNumber() != null ? ack.payerClaimControlNumber() : payerClaimControlNumber;
        return new PayerResponse(batchId, submittedAt, ack, pccn, remittance, denials, successorId, denialWork);
    }

    /**
     * An acceptance that came after the 835 had adjudicated the claim (the queue does not keep the clearinghouse's
     * order): kept as the claim's acknowledgement, the 835's control number unchanged.
     */
    public PayerResponse withLateAcknowledgement(Acknowledgement ack) {
        return new PayerResponse(batchId, submittedAt, ack, payerClaimControlNumber != null ? payerClaimControlNumber
                : ack.payerClaimControlNumber(), remittance, denials, successorId, denialWork);
    }

    public PayerResponse withRemittance(RemittanceTotals totals, String pccn, List<Denial> openDenials) {
        return new PayerResponse(batchId, submittedAt, acknowledgement, pccn != null ? pccn : payerClaimControlNumber, totals,
                openDenials, successorId, null);
    }

    public PayerResponse withSuccessor(String id) {
        return new PayerResponse(batchId, submittedAt, acknowledgement, payerClaimControlNumber, remittance, List.of(), id, denialWork);
    }

    /** The claim's denials closed: the work records what they amounted to, and the list of open denials empties. */
    public PayerResponse withDenialWork(DenialWork work) {
        BigDecimal amount = denials.stream().map(Denial::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new PayerResponse(batchId, submittedAt, acknowledgement, payerClaimControlNumber, remittance, List.of(), successorId,
                new DenialWork(work.action(), work.note(), work.by(), work.at(), amount));
    }

    /**
     * An acknowledgement: from a 999 (of the claim's batch) or a 277CA (of the claim).
     *
     * @param source     "999" or "277CA"
     * @param statuses   the status codes as sent: a 277CA's "category:status:entity" per STC composite; a 999's IK5/AK9
     *                   code and syntax error codes
     * @param message    what a biller reads: the 277CA's free text or our words for the 999's errors (may quote claim data)
     * @param deliveryId the inbound delivery that carried it
     */
    public record Acknowledgement(String source, boolean accepted, List<String> statuses, String message,
                                  String payerClaimControlNumber, String deliveryId, Instant at) {
        public Acknowledgement {
            statuses = List.copyOf(statuses);
        }
    }

    /**
     * Sums of every posting to the claim (a reversal subtracts): paid by the payer, owed by the patient (PR), adjusted
     * off otherwise (CO, OA, PI, CR), and the allowed amount per claim line (index = line number − 1; null where no
     * posting named the line).
     */
    public record RemittanceTotals(BigDecimal paid, BigDecimal patientResponsibility, BigDecimal adjusted,
                                   List<BigDecimal> allowedByLine, String lastEraId, Instant lastPostedAt, int postings) {
        public RemittanceTotals {
            allowedByLine = java.util.Collections.unmodifiableList(new ArrayList<>(allowedByLine));
        }
    }

    /**
     * A denied line to work: nothing paid and nothing owed by the patient on it; with the adjustments behind it.
     *
     * @param line    the claim line (1-based); 0 for a denial of the whole claim without service lines
     * @param reasons the CARCs, with their groups (e.g. "CO-197")
     * @param remarks the RARCs
     */
    public record Denial(int line, String procedureCode, BigDecimal amount, List<String> reasons, List<String> remarks) {
        public Denial {
            reasons = List.copyOf(reasons);
            remarks = List.copyOf(remarks);
        }

        /** The first CARC (without its group), which the work queue groups by. */
        public String primaryReason() {
            String first = reasons.isEmpty() ? "" : reasons.get(0);
            return first.contains("-") ? first.substring(first.indexOf('-') + 1) : first;
        }
    }

    /**
     * A biller closed the claim's denials: appealed, written off, or billed to the patient, with a note.
     *
     * @param amount what the denied lines amounted to when they were closed (zero for work recorded before it was kept)
     */
    public record DenialWork(String action, String note, String by, Instant at, BigDecimal amount) {
        public DenialWork {
            amount = amount == null ? BigDecimal.ZERO : amount;
        }

        /** Work as a biller gives it; {@link #withDenialWork} adds the amount. */
        public DenialWork(String action, String note, String by, Instant at) {
            this(action, note, by, at, BigDecimal.ZERO);
        }
    }
}
