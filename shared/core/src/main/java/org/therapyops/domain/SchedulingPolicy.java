package org.therapyops.domain;

/** What happens to a booking that fails the authorization check: a practice setting. */
public enum SchedulingPolicy {
    /** The appointment ends NEEDS_AUTH; a permitted role may override, with a reason that is audited. */
    BLOCK,
    /** The appointment is scheduled anyway, without a reservation, carrying the reasons as warnings. */
    WARN
}
