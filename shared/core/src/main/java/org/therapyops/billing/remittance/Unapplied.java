package org.therapyops.billing.remittance;

import java.math.BigDecimal;

/**
 * A claim payment of an ERA that was not posted, and why: it is held for a biller (nothing of it reached a claim).
 *
 * @param claimId the claim it matched, or null when it matched none
 * @param message what a biller reads: ids, amounts and codes, never patient data
 */
public record Unapplied(int clpIndex, String patientControlNumber, String claimId, Reason reason, String message,
                        BigDecimal charge, BigDecimal paid) {

    /** Why a claim payment was held. */
    public enum Reason {
        /** The ERA's payment does not equal its claims' payments less its provider adjustments: nothing of it was posted. */
        ERA_UNBALANCED,
        /** CLP03 is not CLP04 plus every adjustment of the claim and its lines. */
        UNBALANCED_CLAIM,
        /** A service line's charge is not its payment plus its adjustments. */
        UNBALANCED_LINE,
        /** No claim of the practice has that patient control number. */
        NO_MATCHING_CLAIM,
        /** A service payment matches no line of the claim. */
        NO_MATCHING_LINE,
        /** The payer adjudicated another total charge than the claim's. */
        CHARGE_MISMATCH,
        /** The claim was never submitted. */
        CLAIM_NOT_SUBMITTED,
        /** A reversal for a claim with no payment posted. */
        NOTHING_TO_REVERSE
    }
}
