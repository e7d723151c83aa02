package org.therapyops.billing.charges;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimedUnitsTest {

    @ParameterizedTest(name = "{0} minutes -> {1} units")
    @CsvSource({"0,0", "1,0", "7,0", "8,1", "15,1", "22,1", "23,2", "37,2", "38,3", "52,3", "53,4", "67,4",
            "68,5", "82,5", "83,6", "97,6", "98,7", "112,7", "113,8", "720,48"})
    void unitsFollowTheChartOfTheEightMinuteRule(int minutes, int units) {
        assertThat(TimedUnits.units(minutes)).isEqualTo(units);
    }

    @Test
    void negativeMinutesAreRefused() {
        assertThatThrownBy(() -> TimedUnits.units(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TimedUnits.allocate(List.of(10, -3))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cmsExample33MinutesExerciseAnd7ManualTherapy() {
        // 40 timed minutes = 3 units: 97110 keeps its 2 whole units, its 3 left-over minutes lose to 97140's 7.
        assertThat(TimedUnits.allocate(List.of(33, 7))).containsExactly(2, 1);
    }

    @Test
    void cmsExample24And23MinutesGivesTheExtraUnitToTheLongerCode() {
        assertThat(TimedUnits.allocate(List.of(24, 23))).containsExactly(2, 1);
    }

    @Test
    void cmsExampleEqualMinutesGivesTheExtraUnitToTheEarlierCode() {
        assertThat(TimedUnits.allocate(List.of(20, 20))).containsExactly(2, 1);
    }

    @Test
    void cmsExampleFourCodesOf49MinutesBillThreeUnits() {
        // 18 97110, 13 97140, 10 97116, 8 97035: 97110's whole unit, then 97140 and 97116 have the most left.
        assertThat(TimedUnits.allocate(List.of(18, 13, 10, 8))).containsExactly(1, 1, 1, 0);
    }

    @Test
    void cmsExampleThreeCodesOf7MinutesBillOneUnit() {
        assertThat(TimedUnits.allocate(List.of(7, 7, 7))).containsExactly(1, 0, 0);
    }

    @Test
    void underEightTotalMinutesBillsNothing() {
        assertThat(TimedUnits.allocate(List.of(3, 4))).containsExactly(0, 0);
        assertThat(TimedUnits.allocate(List.of(4, 4))).containsExactly(1, 0);
        assertThat(TimedUnits.allocate(List.of(0))).containsExactly(0);
    }

    @Test
    void allocationAlwaysSumsToTheTotalsUnits() {
        for (int a = 0; a <= 60; a++) {
            for (int b = 0; b <= 60; b += 3) {
                for (int c = 0; c <= 30; c += 7) {
                    int[] units = TimedUnits.allocate(List.of(a, b, c));
                    assertThat(units[0] + units[1] + units[2]).as("%d+%d+%d", a, b, c)
                            .isEqualTo(TimedUnits.units(a + b + c));
                    assertThat(units[0]).isGreaterThanOrEqualTo(a / 15);
                    assertThat(units[1]).isGreaterThanOrEqualTo(b / 15);
                    assertThat(units[2]).isGreaterThanOrEqualTo(c / 15);
                }
            }
        }
    }
}
