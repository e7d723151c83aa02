package org.therapyops.wiring.handlers;

import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import org.therapyops.ports.UsageStore;
import org.therapyops.lambda.Metering;

/**
 * A function's handler whose every invocation is metered as one workflow step ({@link Metering}): a subclass names its
 * step and says what one invocation does; the batch and schedule shapes below it say the rest.
 */
public abstract class MeteredHandler<I, O> extends MicronautRequestHandler<I, O> {

    private final String step;
    private UsageStore usage;

    /** @param step the workflow step this function's usage is metered as */
    protected MeteredHandler(String step) {
        this.step = step;
    }

    /** For tests: a handler on a context built with the given builder. */
    protected MeteredHandler(String step, ApplicationContextBuilder builder) {
        super(builder);
        this.step = step;
    }

    /** As every function's context is built ({@link Singletons}). */
    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return Singletons.builder();
    }

    @Inject
    public void setUsage(UsageStore usage) {
        this.usage = usage;
    }

    /** The workflow step this function's usage is metered as. */
    public final String step() {
        return step;
    }

    @Override
    public final O execute(I input) {
        return Metering.invoke(step, null, usage, () -> handle(input));
    }

    /** What one invocation does. */
    protected abstract O handle(I input);
}
