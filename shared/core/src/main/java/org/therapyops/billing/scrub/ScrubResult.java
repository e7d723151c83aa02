package org.therapyops.billing.scrub;

import java.util.List;

/**
 * The scrubber's decision on a claim: READY when no finding is an error, NEEDS_REVIEW otherwise; the payer profile
 * version and the payer's own rule version (null: none) it was scrubbed under.
 */
public record ScrubResult(String claimId, ScrubStatus status, String profileId, String profileVersion,
                          Integer payerRulesVersion, List<Finding> findings) {

    public ScrubResult {
        findings = List.copyOf(findings);
    }

    public List<Finding> errors() {
        return findings.stream().filter(f -> f.severity() == Severity.ERROR).toList();
    }

    public List<Finding> warnings() {
        return findings.stream().filter(f -> f.severity() == Severity.WARNING).toList();
    }
}
