package org.therapyops.domain.alert;

/**
 * What an alert is about; each authorization or appointment alert has its own threshold, taken from the practice's
 * settings. The review digest and the weekly report are about the practice as a whole and have none.
 */
public enum AlertType {
    /** The authorization ends within a number of days (threshold: days). */
    EXPIRING,
    /** Remaining is at or below a percentage of what was authorized (threshold: percent). */
    LOW_REMAINING,
    /** A visit-based authorization has at most a number of visits left (threshold: visits). */
    VISITS_LEFT,
    /** Nothing is left of a non-empty authorization (threshold: 0). */
    EXHAUSTED,
    /** An appointment was scheduled with warnings under the WARN policy: more booked than the authorization covers. */
    OVER_SCHEDULED,
    /** An appointment was refused (NEEDS_AUTH) for want of coverage or authorization. */
    APPOINTMENT_BLOCKED,
    /**
     * An integrator (payer or utilization-management vendor) created or changed an authorization and its blocked
     * sessions were checked again (threshold: how many of them are now scheduled).
     */
    AUTHORIZATION_UPDATED,
    /** The practice's daily digest of claims in NEEDS_REVIEW, for its billers (threshold: 0; see {@link ReviewDigest}). */
    CLAIMS_NEED_REVIEW,
    /** The practice's weekly headline figures against the week before, for its admins (threshold: 0; see {@link WeeklyReport}). */
    WEEKLY_REPORT
}
