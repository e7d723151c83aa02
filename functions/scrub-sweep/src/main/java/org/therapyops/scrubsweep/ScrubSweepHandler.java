package org.therapyops.scrubsweep;

import jakarta.inject.Inject;
import org.therapyops.billing.claims.ScrubSweep;
import org.therapyops.wiring.handlers.ScheduledRunHandler;

/**
 * The hourly scrub sweep: SCRUB_PENDING claims that never reached the scrub queue (a send that failed after the
 * claim was saved) are sent to it and marked queued. A run that fails to queue some claim throws, so the scheduler
 * retries it; a duplicate message is harmless (the scrubber skips a claim no longer pending).
 */
public class ScrubSweepHandler extends ScheduledRunHandler {

    @Inject
    ScrubSweep scrubSweep;

    /** Metered as this step (scans over every practice: shared usage). */
    public ScrubSweepHandler() {
        super("scrub-sweep", "claim(s) not queued");
    }

    @Override
    protected long run() {
        return scrubSweep.run().failed();
    }
}
