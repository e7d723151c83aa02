package org.therapyops.billing;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a claim is: waiting for the scrubber, ready to submit, back with a biller with findings, submitted in an 837P;
 * then what came back for it: accepted into adjudication or rejected (999 or 277CA), and adjudicated by the payer's 835
 * (paid, partly paid with some line denied, denied, or a payment reversed).
 */
public enum ClaimStatus {
    SCRUB_PENDING, READY, NEEDS_REVIEW, SUBMITTED,
    /** A 277CA accepted it into the payer's adjudication system (A1/A2). */
    ACCEPTED,
    /** A 999 rejected its batch, or a 277CA rejected the claim: never adjudicated; corrected and sent again as is. */
    REJECTED,
    /** Adjudicated with no line denied: every line paid, or owed by the patient, after contractual adjustments. */
    PAID,
    /** Adjudicated with some lines paid and at least one denied (nothing paid and nothing owed by the patient). */
    PARTIALLY_PAID,
    /** Adjudicated with nothing paid and nothing owed by the patient (CLP02 4, or every line adjusted off). */
    DENIED,
    /** The payer took back an earlier payment (CLP02 22); a new adjudication usually follows. */
    REVERSED;

    private static final Set<ClaimStatus> SENT = EnumSet.of(SUBMITTED, ACCEPTED, REJECTED, PAID, PARTIALLY_PAID, DENIED, REVERSED);
    private static final Set<ClaimStatus> ADJUDICATED = EnumSet.of(PAID, PARTIALLY_PAID, DENIED, REVERSED);

    /** Whether it left in a batch (a 999, 277CA or 835 can speak of it). */
    public boolean sent() {
        return SENT.contains(this);
    }

    /** Whether a payer's 835 adjudicated it (a later acknowledgement no longer moves it). */
    public boolean adjudicated() {
        return ADJUDICATED.contains(this);
    }

    /** Whether a biller's correction replaces its content in place (before submission, or after a front-end rejection). */
    public boolean correctableInPlace() {
        return this == READY || this == NEEDS_REVIEW || this == REJECTED;
    }

    /** Whether the payer knows it, so that changing it takes a replacement (frequency 7) or void (8) claim. */
    public boolean replaceable() {
        return this == ACCEPTED || adjudicated();
    }
}
