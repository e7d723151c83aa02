package org.therapyops.reviewdigest;

import jakarta.inject.Inject;
import org.therapyops.alerting.ReviewDigestScan;
import org.therapyops.wiring.handlers.ScheduledRunHandler;

/**
 * The daily billers' review digest: for each practice, one email a practice-local day listing its claims in
 * NEEDS_REVIEW (nothing for a practice without any). A run that fails for some practice throws, so the scheduler
 * retries it; a rerun the same day raises nothing twice.
 */
public class ReviewDigestHandler extends ScheduledRunHandler {

    @Inject
    ReviewDigestScan reviewDigest;

    /** Metered as this step (scans over every practice: shared usage). */
    public ReviewDigestHandler() {
        super("review-digest", "practice(s) failed");
    }

    @Override
    protected long run() {
        return reviewDigest.run().failed();
    }
}
