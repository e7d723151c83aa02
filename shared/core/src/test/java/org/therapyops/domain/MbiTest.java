package org.therapyops.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The MBI format, position by position (CMS: Understanding the Medicare Beneficiary Identifier format). */
class MbiTest {

    /** CMS's published example MBI. */
    private static final String VALID = "1EG4TE5MK73";
    private static final String EXCLUDED_LETTERS = "SLOIBZ";
    private static final String ALLOWED_LETTERS = "ACDEFGHJKMNPQRTUVWXY";

    @Test
    void theCmsExampleIsValid() {
        assertThat(Mbi.isValid(VALID)).isTrue();
        assertThat(Mbi.firstInvalidPosition(VALID)).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"9AA0AA0AA00", "1A00A00AA00", "5Y99Y99YY99", "2C34D56FG78"})
    void otherValuesOfTheFormatAreValid(String mbi) {
        assertThat(Mbi.isValid(mbi)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"1EG4TE5MK7", "1EG4TE5MK733", "1EG4-TE5-MK73", "1EG4 TE5 MK73", "1eg4te5mk73", " 1EG4TE5MK73"})
    void wrongLengthCaseOrSeparatorsAreInvalid(String mbi) {
        assertThat(Mbi.isValid(mbi)).isFalse();
    }

    @Test
    void positionOneIsADigitOneToNine() {
        for (char c = '1'; c <= '9'; c++) {
            assertThat(Mbi.isValid(at(1, c))).as("%s at 1", c).isTrue();
        }
        assertRefused(1, "0AZ");
    }

    @Test
    void positionsTwoFiveEightAndNineAreAllowedLettersOnly() {
        for (int position : new int[] {2, 5, 8, 9}) {
            for (char c : ALLOWED_LETTERS.toCharArray()) {
                assertThat(Mbi.isValid(at(position, c))).as("%s at %d", c, position).isTrue();
            }
            assertRefused(position, EXCLUDED_LETTERS + "0123456789a");
        }
    }

    @Test
    void positionsThreeAndSixAreAnAllowedLetterOrADigit() {
        for (int position : new int[] {3, 6}) {
            for (char c : (ALLOWED_LETTERS + "0123456789").toCharArray()) {
                assertThat(Mbi.isValid(at(position, c))).as("%s at %d", c, position).isTrue();
            }
            assertRefused(position, EXCLUDED_LETTERS + "-a ");
        }
    }

    @Test
    void positionsFourSevenTenAndElevenAreDigits() {
        for (int position : new int[] {4, 7, 10, 11}) {
            for (char c = '0'; c <= '9'; c++) {
                assertThat(Mbi.isValid(at(position, c))).as("%s at %d", c, position).isTrue();
            }
            assertRefused(position, "ACY" + EXCLUDED_LETTERS);
        }
    }

    @Test
    void theFirstBrokenPositionIsReported() {
        assertThat(Mbi.firstInvalidPosition("1EG4TE5MK7")).isEqualTo(11);
        assertThat(Mbi.firstInvalidPosition("1EG4TE5MK735")).isEqualTo(Mbi.LENGTH + 1);
        assertThat(Mbi.firstInvalidPosition("1EG4TESMK73")).isEqualTo(7);
    }

    private static void assertRefused(int position, String characters) {
        for (char c : characters.toCharArray()) {
            assertThat(Mbi.isValid(at(position, c))).as("%s at %d", c, position).isFalse();
            assertThat(Mbi.firstInvalidPosition(at(position, c))).isEqualTo(position);
        }
    }

    /** The valid example with one character (1-based position) replaced. */
    private static String at(int position, char c) {
        return VALID.substring(0, position - 1) + c + VALID.substring(position);
    }
}
