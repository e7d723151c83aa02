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
    void readsTheVersionOfAStrongEtag() {
        assertThat(Preconditions.expectedVersion("\"3\"")).isEqualTo(3);
        assertThat(Preconditions.expectedVersion(" \"12\" ")).isEqualTo(12);
        assertThat(Preconditions.expectedVersion("\"0\"")).isZero();
    }

    @Test
    void aWeakEtagNeverMatchesIfMatch() {
        // RFC 9110 §13.1.1: If-Match compares strongly, so W/"12" matches nothing, not even version 12.
        assertThatThrownBy(() -> Preconditions.expectedVersion("W/\"12\""))
                .isInstanceOfSatisfying(ApiProblemException.class, e -> {
                    assertThat(e.type()).isEqualTo(ProblemType.PRECONDITION_FAILED);
                    assertThat(e.getMessage()).contains("weak");
                });
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
