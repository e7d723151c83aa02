package org.therapyops.reporting;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One item of a leakage list while it leaks: the kind of work, since when it is due (practice-local date), the item's
 * id, what it is worth (a claim's charge, the open denials' amount; none before there are charges), the units (of an
 * authorization that will end with units unused), a detail (a capture outcome, a status), and ids to find it by.
 * Ids, dates and amounts only: no names, no member ids, no diagnoses.
 */
public record WorkItem(Kind kind, LocalDate since, String id, BigDecimal amount, BigDecimal units, String detail,
                       String payerId, String providerId, String patientId) {

    /** The leakage lists. */
    public enum Kind {
        /** A completed session without a signed note (since: the date of service). */
        NOTE_MISSING,
        /** A signed note that produced no claim (since: the day it was signed). */
        CLAIM_MISSING,
        /** A READY claim not submitted (since: its last scrub). */
        UNSUBMITTED,
        /** A NEEDS_REVIEW claim not worked (since: its last scrub). */
        REVIEW,
        /** A REJECTED claim not corrected (since: the rejection). */
        REJECTED,
        /** A DENIED or PARTIALLY_PAID claim whose denials were not worked (since: the last posting). */
        DENIED,
        /** An authorization that will end with units unused (since: its end date). */
        EXPIRING
    }

    public WorkItem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(id, "id");
    }

    /** Its key among the practice's worklists: kind, since, id (so that a kind lists oldest first). */
    public String key() {
        return kind + "#" + since + "#" + id;
    }
}
