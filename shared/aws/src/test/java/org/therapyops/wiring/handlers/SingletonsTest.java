package org.therapyops.wiring.handlers;

import io.micronaut.context.ApplicationContextConfiguration;
import io.micronaut.function.aws.LambdaApplicationContextBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every function's context: as Micronaut's Lambda builder makes it, or with singletons made when first needed. */
class SingletonsTest {

    @Test
    void asMicronautsLambdaBuilderUnlessTheEnvironmentAsksForLazySingletons() {
        ApplicationContextConfiguration lambda = (ApplicationContextConfiguration) new LambdaApplicationContextBuilder();
        ApplicationContextConfiguration ours = (ApplicationContextConfiguration) Singletons.builder();
        ApplicationContextConfiguration lazy = (ApplicationContextConfiguration) Singletons.builder(false);

        assertThat(System.getenv(Singletons.LAZY)).as("not set where the tests run").isNull();
        assertThat(ours.isEagerInitSingletons()).isEqualTo(lambda.isEagerInitSingletons()).isTrue();
        assertThat(lazy.isEagerInitSingletons()).isFalse();
        for (ApplicationContextConfiguration c : new ApplicationContextConfiguration[] {ours, lazy}) {
            assertThat(c.getEnvironments()).containsExactlyElementsOf(lambda.getEnvironments());
            assertThat(c.isEagerInitConfiguration()).isEqualTo(lambda.isEagerInitConfiguration());
        }
    }
}
