package org.therapyops.billing.scrub;

import java.time.Instant;
import java.util.List;

/**
 * The scrubber's result as stored on the claim: the profile version and the payer's rule version (null: none) it
 * applied, when, and the findings.
 */
public record ScrubRecord(String profileId, String profileVersion, Integer payerRulesVersion, Instant scrubbedAt,
                          List<Finding> findings) {

    public ScrubRecord {
        findings = List.copyOf(findings);
    }
}
