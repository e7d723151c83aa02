package org.therapyops.billing;

import java.time.Instant;

/**
 * A claim as the Claims table holds it: the claim, the note it came from, its status and version, and
 * whether it was handed to the scrub queue.
 */
public record StoredClaim(Claim claim, String noteId, ClaimStatus status, boolean queued, Instant createdAt,
                          long version) {
}
