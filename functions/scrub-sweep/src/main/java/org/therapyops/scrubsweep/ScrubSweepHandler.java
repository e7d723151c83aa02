package org.therapyops.scrubsweep;

import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import org.therapyops.billing.claims.ScrubSweep;
import org.therapyops.lambda.Metering;
import org.therapyops.ports.UsageStore;

import java.util.Map;

/**
 * The hourly scrub sweep: SCRUB_PENDING claims that never reached the scrub queue (a send that failed after the
 * claim was saved) are sent to it and marked queued. A run that fails to queue some claim throws, so the scheduler
 * retries it; a duplicate message is harmless (the scrubber skips a claim no longer pending).
 */
public class ScrubSweepHandler extends MicronautRequestHandler<Map<String, Object>, Void> {

    @Inject
    ScrubSweep scrubSweep;

    /** The workflow step this function's usage is metered as (scans over every practice: shared usage). */
    static final String STEP = "scrub-sweep";

    @Inject
    UsageStore usage;

    @Override
    public Void execute(Map<String, Object> schedule) {
        return Metering.invoke(STEP, null, usage, () -> handle(schedule));
    }

    private Void handle(Map<String, Object> schedule) {
        ScrubSweep.Result result = scrubSweep.run();
        if (result.failed() > 0) {
            throw new IllegalStateException("scrub sweep: " + result.failed() + " claim(s) not queued; the sweep is retried");
        }
        return null;
    }
}
