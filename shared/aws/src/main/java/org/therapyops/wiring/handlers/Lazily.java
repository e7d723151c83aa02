package org.therapyops.wiring.handlers;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.env.Environment;
import io.micronaut.function.aws.MicronautLambdaContext;

/**
 * How every function's context is built: as Micronaut's Lambda builder ({@code LambdaApplicationContextBuilder}) builds
 * it — the function and lambda environments, configuration read at init — but with singletons made when first needed.
 * That builder makes every singleton at init, which suits a snapshot taken after init (SnapStart) but makes a plain
 * cold start pay for every client and service of the function before its first event, and its
 * {@code eagerInitSingletons(true)} cannot be undone on it. Set {@value #EAGER} to {@code true} in a function's
 * environment to have them made at init again.
 */
public final class Lazily {

    /** The environment variable that turns eager singletons back on (e.g. for SnapStart). */
    public static final String EAGER = "THERAPY_OPS_EAGER_SINGLETONS";

    private Lazily() {
    }

    public static ApplicationContextBuilder builder() {
        return builder(Boolean.parseBoolean(System.getenv(EAGER)));
    }

    static ApplicationContextBuilder builder(boolean eagerSingletons) {
        return ApplicationContext.builder().environments(Environment.FUNCTION, MicronautLambdaContext.ENVIRONMENT_LAMBDA)
                .eagerInitConfiguration(true).eagerInitSingletons(eagerSingletons);
    }
}
