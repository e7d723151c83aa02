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

    @Test
    void aReplaceOfAnOlderVersionWritesNothing() {
        java.util.List<Long> written = new java.util.ArrayList<>();
        assertThatThrownBy(() -> Preconditions.replace("The patient", "\"1\"", () -> 2L, v -> v, v -> {
            written.add(v);
            return v + 1;
        })).isInstanceOfSatisfying(ApiProblemException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.PRECONDITION_FAILED));
        assertThatThrownBy(() -> Preconditions.replace("The patient", null, () -> 2L, v -> v, v -> v))
                .isInstanceOfSatisfying(ApiProblemException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.PRECONDITION_REQUIRED));
        assertThat(written).isEmpty();
        assertThat(Preconditions.replace("The patient", "\"2\"", () -> 2L, v -> v, v -> v + 1)).isEqualTo(3L);
    }

    @Test
    void aDocumentIsBuiltForItsNextVersionAndSavedOnTheVersionNamed() {
        long[] savedOn = {-1};
        Preconditions.Saved<String> saved = Preconditions.save("The practice's settings", "\"4\"", v -> "settings v" + v,
                (doc, expected) -> savedOn[0] = expected);
        assertThat(saved).isEqualTo(new Preconditions.Saved<>("settings v5", 5));
        assertThat(savedOn[0]).isEqualTo(4);
        assertThatThrownBy(() -> Preconditions.save("The practice's settings", "\"4\"", v -> "x", (doc, expected) -> {
            throw new StaleVersionException("The practice's settings");
        })).isInstanceOfSatisfying(ApiProblemException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.PRECONDITION_FAILED));
    }
}
