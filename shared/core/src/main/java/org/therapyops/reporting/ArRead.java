package org.therapyops.reporting;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Which open A/R a report reads: by date of service from {@code from} on, and in total; by payer, or only the
 * counters of all payers together ({@code ins}, {@code pat}), which is all a report not grouped by payer needs.
 */
public record ArRead(LocalDate from, boolean byPayer) {

    public ArRead {
        Objects.requireNonNull(from, "from");
    }
}
