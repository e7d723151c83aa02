package org.therapyops.domain;

import java.time.Instant;
import java.time.LocalDate;

/** A patient's insurance coverage with one payer, effective over a date window (open-ended if no end). */
public record Coverage(String id, String patientId, String payerId, String memberId, CoveragePriority priority,
                       LocalDate effectiveFrom, LocalDate effectiveTo, Instant createdAt, long version) {

    /** Whether the coverage is in force on the date of service. */
    public boolean activeOn(LocalDate date) {
        return !date.isBefore(effectiveFrom) && (effectiveTo == null || !date.isAfter(effectiveTo));
    }
}
