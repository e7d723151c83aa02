package org.therapyops.billing;

import java.math.BigDecimal;

/**
 * What is still owed on a claim: by the payer (insurance) and by the patient. One rule, used by the patient balance
 * ({@code GET /patients/{id}/balance}) and by the reports' A/R.
 *
 * <p>A claim never sent is not owed. A sent claim with no remittance yet is owed its charge by the payer, unless it
 * was replaced or voided first (its successor carries the charge). Once remitted, the payer owes the charge less what
 * it paid, what it left to the patient and what it adjusted off — except the lines it denied: a denial is money the
 * practice may still collect, so it stays in insurance A/R while no biller has worked it and while it is appealed,
 * becomes the patient's once billed to them, and leaves A/R when written off (or closed as needing no action) or when
 * the claim is replaced. The patient owes the patient responsibility, and a denial billed to them.
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
        BigDecimal adjusted = t.adjusted().max(BigDecimal.ZERO);
        // the denied lines' part of the adjustments: still the payer's while open or under appeal, the patient's once
        // billed to them; off only when written off (or closed as needing no action)
        BigDecimal openDenials = response.denials().stream().map(PayerResponse.Denial::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal payerOwes = openDenials.min(adjusted);
        BigDecimal patientOwes = BigDecimal.ZERO;
        PayerResponse.DenialWork work = response.denialWork();
        if (work != null && "APPEALED".equals(work.action())) {
            payerOwes = payerOwes.add(work.amount()).min(adjusted);
        } else if (work != null && "BILLED_TO_PATIENT".equals(work.action())) {
            patientOwes = work.amount().min(adjusted.subtract(payerOwes));
        }
        BigDecimal adjustedOff = t.adjusted().subtract(payerOwes).subtract(patientOwes);
        return new ClaimBalance(settled.subtract(adjustedOff).subtract(patientOwes), t.patientResponsibility().add(patientOwes));
    }
}
