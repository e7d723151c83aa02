package org.therapyops.reporting;

import org.therapyops.billing.StoredClaim;

import java.time.Instant;
import java.util.Objects;

/** A claim as its latest image shows it, with the time of its latest scrub (READY and NEEDS_REVIEW date from it). */
public record ClaimSnapshot(StoredClaim claim, Instant scrubbedAt) {

    public ClaimSnapshot {
        Objects.requireNonNull(claim, "claim");
    }
}
