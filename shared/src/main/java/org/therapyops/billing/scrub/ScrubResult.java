package org.therapyops.billing.scrub;

import java.util.List;

/** The scrubber's decision on a claim: READY when no finding is an error, NEEDS_REVIEW otherwise. */
public record ScrubResult(String claimId, ScrubStatus status, String profileId, String profileVersion,
                          List<Finding> findings) {

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
