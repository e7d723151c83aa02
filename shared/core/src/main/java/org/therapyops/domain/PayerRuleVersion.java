package org.therapyops.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One version of a payer's own rules: its number (1, 2, … in the order recorded), the first date of service it
 * applies to ({@code effectiveFrom}; null for a payer's first rules, which apply to every earlier date too), the
 * settings, and when and by whom it was recorded. A later-recorded version with the same effectiveFrom supersedes it.
 */
public record PayerRuleVersion(int number, LocalDate effectiveFrom, PayerRuleSettings settings, Instant recordedAt,
                               String recordedBy) {

    public PayerRuleVersion {
        if (number < 1) {
            throw new IllegalArgumentException("payer rule versions are numbered from 1");
        }
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }

    /** Whether it applies to a date of service (ignoring later versions). */
    public boolean appliesOn(LocalDate dateOfService) {
        return effectiveFrom == null || !effectiveFrom.isAfter(dateOfService);
    }
}
