package org.therapyops.billing.scrub;

import java.time.Instant;
import java.util.List;

/** The scrubber's result as stored on the claim: the profile version it applied, when, and the findings. */
public record ScrubRecord(String profileId, String profileVersion, Instant scrubbedAt, List<Finding> findings) {

    public ScrubRecord {
        findings = List.copyOf(findings);
    }
}
