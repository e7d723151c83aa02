package org.therapyops.wiring.handlers;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.env.Environment;
import io.micronaut.function.aws.LambdaApplicationContextBuilder;
import io.micronaut.function.aws.MicronautLambdaContext;

/**
 * How every function's context is built: as Micronaut's Lambda builder ({@code LambdaApplicationContextBuilder}) builds
 * it — the function and lambda environments, configuration read and every singleton made at init — unless
 * {@value #LAZY} is {@code true} in the function's environment, when singletons are made when first needed (that
 * builder's {@code eagerInitSingletons(true)} cannot be undone on it). Making them lazily was measured as a cold-start
 * lever and gave nothing (docs/measurements/ColdStartBenchmark.md), so it is not the default.
 */
public final class Singletons {

    /** The environment variable that has a function make its singletons when first needed. */
    public static final String LAZY = "THERAPY_OPS_LAZY_SINGLETONS";

    private Singletons() {
    }

    public static ApplicationContextBuilder builder() {
        return builder(!Boolean.parseBoolean(System.getenv(LAZY)));
    }

    /** Micronaut's own Lambda builder when eager; for lazy singletons the same settings but that one. */
    static ApplicationContextBuilder builder(boolean eager) {
        if (eager) {
            return new LambdaApplicationContextBuilder();
        }
        return ApplicationContext.builder().environments(Environment.FUNCTION, MicronautLambdaContext.ENVIRONMENT_LAMBDA)
                .eagerInitConfiguration(true);
    }
}
