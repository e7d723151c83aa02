package org.therapyops.api.model;

import io.micronaut.serde.annotation.Serdeable;
import org.therapyops.billing.ClaimStatus;
import org.therapyops.billing.scrub.Finding;
import org.therapyops.billing.scrub.ScrubRecord;

import java.time.Instant;
import java.util.List;

/**
 * The scrubber's last word on a claim: the claim's status, the payer profile version and the payer's own rule version
 * (absent: the payer set none for the date of service) it was scrubbed under, and the findings to fix.
 */
@Serdeable
public record ScrubView(String claimId, ClaimStatus status, @OrNull String profileId, @OrNull String profileVersion,
                        @OrNull Integer payerRulesVersion, @OrNull Instant scrubbedAt, List<FindingView> findings, long version) {

    /** One finding: rule id, ERROR (blocks submission) or WARNING, the field, what is wrong and how to fix it. */
    @Serdeable
    public record FindingView(String ruleId, String severity, @OrNull String field, @OrNull String message,
                              @OrNull String fixHint) {
        static FindingView of(Finding f) {
            return new FindingView(f.ruleId(), f.severity().name(), f.field(), f.message(), f.fixHint());
        }
    }

    public static ScrubView of(String claimId, ClaimStatus status, long version, ScrubRecord record) {
        return record == null ? new ScrubView(claimId, status, null, null, null, null, List.of(), version)
                : new ScrubView(claimId, status, record.profileId(), record.profileVersion(), record.payerRulesVersion(),
                record.scrubbedAt(),
                record.findings().stream().map(FindingView::of).toList(), version);
    }
}
