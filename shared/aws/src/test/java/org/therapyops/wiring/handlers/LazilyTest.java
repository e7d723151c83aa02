package org.therapyops.wiring.handlers;

import io.micronaut.context.ApplicationContextConfiguration;
import io.micronaut.context.env.Environment;
import io.micronaut.function.aws.LambdaApplicationContextBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every function's context: Micronaut's Lambda builder makes all singletons at init; ours makes them when needed. */
class LazilyTest {

    @Test
    void asMicronautsLambdaBuilderButSingletonsMadeWhenNeededUnlessTheEnvironmentAsks() {
        ApplicationContextConfiguration lambda = (ApplicationContextConfiguration) new LambdaApplicationContextBuilder();
        ApplicationContextConfiguration ours = (ApplicationContextConfiguration) Lazily.builder();

        assertThat(lambda.isEagerInitSingletons()).as("Micronaut's default on Lambda").isTrue();
        assertThat(System.getenv(Lazily.EAGER)).as("not set where the tests run").isNull();
        assertThat(ours.isEagerInitSingletons()).isFalse();
        assertThat(((ApplicationContextConfiguration) Lazily.builder(true)).isEagerInitSingletons()).isTrue();
        assertThat(ours.getEnvironments()).containsExactlyElementsOf(lambda.getEnvironments()).contains(Environment.FUNCTION);
        assertThat(ours.isEagerInitConfiguration()).isEqualTo(lambda.isEagerInitConfiguration());
    }
}
