package org.therapyops.billing.acknowledgement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A 277CA (005010X214) health care claim acknowledgement: per claim (loop 2200D) whether it was accepted into the
 * payer's (or clearinghouse's) adjudication system, and why not.
 *
 * @param referenceId BHT03, the originator's reference of this report
 * @param created     BHT04
 * @param claims      each 2200D loop, in file order
 */
public record ClaimAcknowledgementReport(String referenceId, LocalDate created, List<ClaimStatusReport> claims) {

    public ClaimAcknowledgementReport {
        claims = List.copyOf(claims);
    }

    /**
     * One claim's acknowledgement.
     *
     * @param patientControlNumber     TRN02 of 2200D: the CLM01 the 837P sent
     * @param payerClaimControlNumber  REF*1K, the payer's (or clearinghouse's) claim id; may be null
     * @param clearinghouseTraceNumber REF*D9; may be null
     * @param statuses                 every STC of the claim, in order (the first is the primary status)
     * @param totalCharge              STC04 of the first STC; may be null
     * @param serviceFrom              DTP*472 start (or only) date; may be null
     * @param serviceTo                DTP*472 end date; may be null
     * @param lines                    2220D service line statuses
     */
    public record ClaimStatusReport(String patientControlNumber, String payerClaimControlNumber, String clearinghouseTraceNumber,
                                    List<StatusInformation> statuses, BigDecimal totalCharge, LocalDate serviceFrom,
                                    LocalDate serviceTo, List<LineStatus> lines) {
        public ClaimStatusReport {
            statuses = List.copyOf(statuses);
            lines = List.copyOf(lines);
        }

        /** Rejected when any status category is a rejection (A3, A4, A6, A7, A8; also E0–E3 response errors). */
        public boolean rejected() {
            return statuses.stream().anyMatch(StatusInformation::rejection);
        }
    }

    /**
     * One STC composite (STC01 or STC10/STC11): category code, status code, entity identifier code; with the STC's
     * effective date (STC02), action code (STC03) and free text (STC12), which may quote claim data.
     */
    public record StatusInformation(String categoryCode, String statusCode, String entityCode, LocalDate effectiveDate,
                                    String actionCode, String freeText) {

        /** A1/A2 acknowledged or accepted into adjudication; A5 split; P-categories pending. */
        public boolean rejection() {
            return categoryCode != null && (categoryCode.equals("A3") || categoryCode.equals("A4") || categoryCode.equals("A6")
                    || categoryCode.equals("A7") || categoryCode.equals("A8") || categoryCode.startsWith("E"));
        }
    }

    /**
     * 2220D: a service line's status.
     *
     * @param lineItemControlNumber REF*FJ: the REF*6R the 837P sent for the line; may be null
     */
    public record LineStatus(String procedureCode, List<String> modifiers, BigDecimal charge, String lineItemControlNumber,
                             List<StatusInformation> statuses, LocalDate serviceDate) {
        public LineStatus {
            modifiers = List.copyOf(modifiers);
            statuses = List.copyOf(statuses);
        }
    }
}
