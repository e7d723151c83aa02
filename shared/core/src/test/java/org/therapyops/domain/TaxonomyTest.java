package org.therapyops.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class TaxonomyTest {

    @ParameterizedTest
    @ValueSource(strings = {"225100000X", "225X00000X", "235Z00000X", "103TC0700X", "106S00000X", "2251C2600X"})
    void nuccCodesAreValid(String code) {
        assertThat(Taxonomy.isValid(code)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"225100000", "2251000000", "225100000XX", "225100000x", "22510-000X", "225100 00X", "225100000Y"})
    void otherShapesAreInvalid(String code) {
        assertThat(Taxonomy.isValid(code)).isFalse();
    }
}
