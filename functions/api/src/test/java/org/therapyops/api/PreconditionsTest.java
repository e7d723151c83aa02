package org.therapyops.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.therapyops.api.problem.ApiProblemException;
import org.therapyops.api.problem.ProblemType;
import org.therapyops.ports.StaleVersionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PreconditionsTest {

    @Test
    void readsTheVersionOfAStrongOrWeakEtag() {
        assertThat(Preconditions.expectedVersion("\"3\"")).isEqualTo(3);
        assertThat(Preconditions.expectedVersion(" W/\"12\" ")).isEqualTo(12);
        assertThat(Preconditions.expectedVersion("\"0\"")).isZero();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void withoutIfMatchThePreconditionIsRequired(String header) {
        assertThatThrownBy(() -> Preconditions.expectedVersion(header))
                .isInstanceOfSatisfying(ApiProblemException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.PRECONDITION_REQUIRED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "3", "\"three\"", "\"-1\"", "\"1\", \"2\"", "\"99999999999999999999\""})
    void anIfMatchNamingNoVersionFails(String header) {
        assertThatThrownBy(() -> Preconditions.expectedVersion(header))
                .isInstanceOfSatisfying(ApiProblemException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.PRECONDITION_FAILED));
    }

    @Test
    void aLostConditionalWriteIsAFailedPrecondition() {
        assertThatThrownBy(() -> Preconditions.write("The payer", () -> {
            throw new StaleVersionException("The payer");
        })).isInstanceOfSatisfying(ApiProblemException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.PRECONDITION_FAILED));
        assertThatThrownBy(() -> Preconditions.requireVersion("The payer", 2, 1)).isInstanceOf(ApiProblemException.class);
        assertThat(Preconditions.write("The payer", () -> 7)).isEqualTo(7);
    }
}
