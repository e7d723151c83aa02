package org.therapyops.billing.review;

import org.therapyops.billing.scrub.Finding;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A claim in NEEDS_REVIEW as the review digest reads it: what identifies it to a biller (id, date of service,
 * payer, billed amount) and the scrubber's findings. Nothing about the patient.
 */
public record ClaimForReview(String claimId, LocalDate dateOfService, String payerName, BigDecimal billedAmount,
                             List<Finding> findings) {

    public ClaimForReview {
        Objects.requireNonNull(claimId, "claimId");
        findings = findings == null ? List.of() : List.copyOf(findings);
    }
}
