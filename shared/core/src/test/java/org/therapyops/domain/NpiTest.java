package org.therapyops.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class NpiTest {

    @Test
    void theCmsExampleIsValid() {
        assertThat(Npi.isValid("1234567893")).isTrue();
    }

    @Test
    void theCmsExampleWithAnotherCheckDigitIsInvalid() {
        assertThat(Npi.isValid("1234567890")).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1000000004", "1999999992", "9876543213", "1555555550", "2888888882", "1000000012"})
    void otherNpisWithACorrectCheckDigitAreValid(String npi) {
        assertThat(expectedCheckDigit(npi.substring(0, 9))).isEqualTo(npi.charAt(9) - '0');
        assertThat(Npi.isValid(npi)).isTrue();
    }

    @Test
    void exactlyOneCheckDigitMakesAnNpiValid() {
        for (String firstNine : new String[] {"123456789", "100000000", "161234567", "299999999", "142738165"}) {
            int expected = expectedCheckDigit(firstNine);
            assertThat(IntStream.rangeClosed(0, 9).filter(d -> Npi.isValid(firstNine + d)))
                    .as("check digits accepted after %s", firstNine)
                    .containsExactly(expected);
        }
    }

    @Test
    void swappingTwoAdjacentDigitsIsCaught() {
        assertThat(Npi.isValid("1234567893")).isTrue();
        assertThat(Npi.isValid("2134567893")).isFalse();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"123456789", "12345678930", "123456789 ", " 1234567893", "12345-7893", "123456789X",
            "ABCDEFGHIJ", "   ", "1234 67893"})
    void wrongLengthLettersAndBlanksAreInvalid(String npi) {
        assertThat(Npi.isValid(npi)).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    void missingIsInvalid(String npi) {
        assertThat(Npi.isValid(npi)).isFalse();
    }

    /**
     * The CMS alternative formulation: double every other digit of the nine starting from the rightmost,
     * add all digits plus the constant 24 (which stands for the prefix 80840), and take the distance to the
     * next multiple of ten.
     */
    private static int expectedCheckDigit(String firstNine) {
        int sum = 24;
        for (int position = 0; position < 9; position++) {
            int digit = firstNine.charAt(8 - position) - '0';
            if (position % 2 == 0) {
                int doubled = digit * 2;
                digit = doubled / 10 + doubled % 10;
            }
            sum += digit;
        }
        int nextTen = (sum + 9) / 10 * 10;
        return nextTen - sum;
    }
}
