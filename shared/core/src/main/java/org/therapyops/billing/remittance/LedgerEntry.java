package org.therapyops.billing.remittance;

import java.math.BigDecimal;

/**
 * One amount of a claim's ledger: a payment, or an adjustment with its group and CARC. A patient responsibility is an
 * adjustment of group PR. Amounts are signed as the payer sent them (a reversal's are the negatives of the original's).
 *
 * @param line the claim line (1-based), or 0 for the claim as a whole
 */
public record LedgerEntry(Kind kind, int line, String group, String reason, BigDecimal amount) {

    public enum Kind { PAYMENT, ADJUSTMENT }

    public static LedgerEntry payment(int line, BigDecimal amount) {
        return new LedgerEntry(Kind.PAYMENT, line, null, null, amount);
    }

    public static LedgerEntry adjustment(int line, String group, String reason, BigDecimal amount) {
        return new LedgerEntry(Kind.ADJUSTMENT, line, group, reason, amount);
    }

    /** Whether the patient owes it (group PR). */
    public boolean patientResponsibility() {
        return kind == Kind.ADJUSTMENT && "PR".equals(group);
    }
}
