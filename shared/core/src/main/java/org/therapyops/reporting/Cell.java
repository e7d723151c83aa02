package org.therapyops.reporting;

import java.util.Objects;

/** One counter of one aggregate. */
public record Cell(Aggregate aggregate, String counter) {

    public Cell {
        Objects.requireNonNull(aggregate, "aggregate");
        Objects.requireNonNull(counter, "counter");
    }
}
