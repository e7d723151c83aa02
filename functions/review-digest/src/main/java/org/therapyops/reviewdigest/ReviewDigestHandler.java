package org.therapyops.reviewdigest;

import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import org.therapyops.alerting.AlertRaiser;
import org.therapyops.alerting.ReviewDigestScan;
import org.therapyops.lambda.Metering;
import org.therapyops.ports.UsageStore;

import java.util.Map;

/**
 * The daily billers' review digest: for each practice, one email a practice-local day listing its claims in
 * NEEDS_REVIEW (nothing for a practice without any). A run that fails for some practice throws, so the scheduler
 * retries it; a rerun the same day raises nothing twice.
 */
public class ReviewDigestHandler extends MicronautRequestHandler<Map<String, Object>, Void> {

    @Inject
    ReviewDigestScan reviewDigest;

    /** The workflow step this function's usage is metered as (scans over every practice: shared usage). */
    static final String STEP = "review-digest";

    @Inject
    UsageStore usage;

    @Override
    public Void execute(Map<String, Object> schedule) {
        return Metering.invoke(STEP, null, usage, () -> handle(schedule));
    }

    private Void handle(Map<String, Object> schedule) {
        AlertRaiser.ScanResult result = reviewDigest.run();
        if (result.failed() > 0) {
            throw new IllegalStateException("review digest: " + result.failed() + " practice(s) failed; the run is retried");
        }
        return null;
    }
}
