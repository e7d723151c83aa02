package org.therapyops.billing;

import java.math.BigDecimal;

/**
 * What is still owed on a claim: by the payer (insurance) and by the patient. One rule, used by the patient balance
 * ({@code GET /patients/{id}/balance}) and by the reports' A/R.
 *
 * <p>A claim never sent is not owed. A sent claim with no remittance yet is owed its charge by the payer, unless it
 * was replaced or voided first (its successor carries the charge). Once remitted, the payer owes the charge less what
 * it paid, what it left to the patient and what it adjusted off — except the lines it denied that no biller has worked
 * yet: a denial is money the practice may still collect (appeal, correct, bill the patient), so it stays in insurance
 * A/R until the denial is closed or the claim replaced. The patient owes the patient responsibility.
 */
public record ClaimBalance(BigDecimal insurance, BigDecimal patient) {

    public static final ClaimBalance NONE = new ClaimBalance(BigDecimal.ZERO, BigDecimal.ZERO);

    public static ClaimBalance of(StoredClaim claim) {
        if (!claim.status().sent()) {
            return NONE;
        }
        PayerResponse response = claim.response();
        PayerResponse.RemittanceTotals t = response.remittance();
        BigDecimal charge = claim.claim().totalCharge();
        if (t == null) {
            return new ClaimBalance(response.successorId() != null ? BigDecimal.ZERO : charge, BigDecimal.ZERO);
        }
        BigDecimal settled = charge.subtract(t.paid()).subtract(t.patientResponsibility());
        BigDecimal openDenials = response.denials().stream().map(PayerResponse.Denial::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        // what was adjusted off, less the open denials' part of it (never more than the adjustments themselves)
        BigDecimal adjustedOff = t.adjusted().subtract(openDenials.min(t.adjusted().max(BigDecimal.ZERO)));
        return new ClaimBalance(settled.subtract(adjustedOff), t.patientResponsibility());
    }
}
