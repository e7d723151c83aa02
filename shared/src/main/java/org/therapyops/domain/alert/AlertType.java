package org.therapyops.domain.alert;

/** What an alert is about; each has its own threshold, taken from the practice's settings. */
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
    APPOINTMENT_BLOCKED
}
