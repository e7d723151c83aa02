package org.therapyops.wiring.handlers;

import io.micronaut.context.ApplicationContextBuilder;

import java.util.Map;

/**
 * A function run on a schedule: one run over every practice; a run in which something failed throws, so that the
 * scheduler retries it (each run does nothing twice).
 */
public abstract class ScheduledRunHandler extends MeteredHandler<Map<String, Object>, Void> {

    private final String failures;

    /** @param failures what a failure counts, in words, e.g. "practice(s) failed" */
    protected ScheduledRunHandler(String step, String failures) {
        super(step);
        this.failures = failures;
    }

    /** For tests: a handler on a context built with the given builder. */
    protected ScheduledRunHandler(String step, String failures, ApplicationContextBuilder builder) {
        super(step, builder);
        this.failures = failures;
    }

    @Override
    protected final Void handle(Map<String, Object> schedule) {
        failIfAny(step(), run(), failures);
        return null;
    }

    /** One run; returns how many of its parts failed. */
    protected abstract long run();

    /** Throws, so that the run is retried, when {@code failed} is above zero. */
    static void failIfAny(String step, long failed, String failures) {
        if (failed > 0) {
            throw new IllegalStateException(step + ": " + failed + " " + failures + "; the run is retried");
        }
    }
}
