package org.therapyops.scheduling;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.therapyops.scheduling.SeriesPlan.Frequency;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.therapyops.scheduling.SeriesPlan.Frequency.DAILY;
import static org.therapyops.scheduling.SeriesPlan.Frequency.WEEKLY;

class SeriesPlanTest {

    /** A Monday, 10:00 practice-local time. */
    private static final LocalDateTime MONDAY_10 = LocalDateTime.of(2026, 1, 5, 10, 0);

    @Nested
    class Repetition {

        @Test
        void weeklyKeepsTheWeekdayAndTimeOfDay() {
            assertThat(plan(WEEKLY, 1, 4, null).starts()).containsExactly(
                    at(2026, 1, 5), at(2026, 1, 12), at(2026, 1, 19), at(2026, 1, 26));
        }

        @Test
        void everyOtherWeek() {
            assertThat(plan(WEEKLY, 2, 3, null).starts()).containsExactly(
                    at(2026, 1, 5), at(2026, 1, 19), at(2026, 2, 2));
        }

        @Test
        void dailyRunsAcrossTheEndOfTheMonth() {
            LocalDateTime jan30 = LocalDateTime.of(2026, 1, 30, 8, 30);

            assertThat(new SeriesPlan(jan30, DAILY, 1, 4, null).starts()).containsExactly(
                    LocalDateTime.of(2026, 1, 30, 8, 30), LocalDateTime.of(2026, 1, 31, 8, 30),
                    LocalDateTime.of(2026, 2, 1, 8, 30), LocalDateTime.of(2026, 2, 2, 8, 30));
        }

        @Test
        void everyThirdDay() {
            assertThat(plan(DAILY, 3, 4, null).starts()).containsExactly(
                    at(2026, 1, 5), at(2026, 1, 8), at(2026, 1, 11), at(2026, 1, 14));
        }

        @Test
        void aCountOfOneIsJustTheFirstSession() {
            assertThat(plan(WEEKLY, 1, 1, null).starts()).containsExactly(MONDAY_10);
        }
    }

    @Nested
    class Ending {

        @Test
        void untilIsInclusive() {
            assertThat(plan(WEEKLY, 1, null, LocalDate.of(2026, 1, 26)).starts()).hasSize(4)
                    .last().isEqualTo(at(2026, 1, 26));
        }

        @Test
        void untilTheDayBeforeASessionStopsBeforeIt() {
            assertThat(plan(WEEKLY, 1, null, LocalDate.of(2026, 1, 25)).starts()).hasSize(3)
                    .last().isEqualTo(at(2026, 1, 19));
        }

        @Test
        void untilTheFirstDayIsOneSession() {
            assertThat(plan(WEEKLY, 1, null, MONDAY_10.toLocalDate()).starts()).containsExactly(MONDAY_10);
        }

        @Test
        void untilReachedBeforeTheCountEndsTheSeries() {
            assertThat(plan(WEEKLY, 1, 10, LocalDate.of(2026, 1, 26)).starts()).hasSize(4);
        }

        @Test
        void countReachedBeforeUntilEndsTheSeries() {
            assertThat(plan(WEEKLY, 1, 2, LocalDate.of(2026, 12, 31)).starts()).containsExactly(
                    at(2026, 1, 5), at(2026, 1, 12));
        }

        @Test
        void countAndUntilLandingOnTheSameSessionAgree() {
            assertThat(plan(DAILY, 1, 3, LocalDate.of(2026, 1, 7)).starts()).containsExactly(
                    at(2026, 1, 5), at(2026, 1, 6), at(2026, 1, 7));
        }
    }

    @Nested
    class Limits {

        @ParameterizedTest(name = "interval {0} is rejected")
        @ValueSource(ints = {-1, 0, 53})
        void rejectsAnIntervalOutsideOneToFiftyTwo(int interval) {
            assertThatThrownBy(() -> plan(WEEKLY, interval, 4, null)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("interval");
        }

        @ParameterizedTest(name = "interval {0} is accepted")
        @ValueSource(ints = {1, 52})
        void acceptsIntervalsAtTheBounds(int interval) {
            assertThat(plan(WEEKLY, interval, 2, null).starts()).containsExactly(MONDAY_10, MONDAY_10.plusWeeks(interval));
        }

        @ParameterizedTest(name = "count {0} is rejected")
        @ValueSource(ints = {-1, 0, SeriesPlan.MAX_SESSIONS + 1})
        void rejectsACountOutsideOneToMax(int count) {
            assertThatThrownBy(() -> plan(WEEKLY, 1, count, null)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("count");
        }

        @Test
        void rejectsASeriesWithNeitherCountNorEndDate() {
            assertThatThrownBy(() -> plan(WEEKLY, 1, null, null)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void rejectsAnEndDateBeforeTheFirstSession() {
            assertThatThrownBy(() -> plan(WEEKLY, 1, null, MONDAY_10.toLocalDate().minusDays(1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("until");
            assertThatThrownBy(() -> plan(WEEKLY, 1, 4, MONDAY_10.toLocalDate().minusDays(1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("until");
        }

        @Test
        void maxSessionsIsTwoYearsOfWeeklyVisits() {
            assertThat(SeriesPlan.MAX_SESSIONS).isEqualTo(104);
        }

        @Test
        void aCountOfExactlyMaxSessionsIsAllowed() {
            List<LocalDateTime> starts = plan(WEEKLY, 1, SeriesPlan.MAX_SESSIONS, null).starts();

            assertThat(starts).hasSize(SeriesPlan.MAX_SESSIONS).last().isEqualTo(MONDAY_10.plusWeeks(103));
        }

        @Test
        void anOpenSeriesOfExactlyMaxSessionsIsAllowed() {
            LocalDate lastSession = MONDAY_10.toLocalDate().plusWeeks(SeriesPlan.MAX_SESSIONS - 1);

            assertThat(plan(WEEKLY, 1, null, lastSession).starts()).hasSize(SeriesPlan.MAX_SESSIONS);
            // up to the day before the 105th session, still 104
            assertThat(plan(WEEKLY, 1, null, lastSession.plusDays(6)).starts()).hasSize(SeriesPlan.MAX_SESSIONS);
        }

        @Test
        void anOpenSeriesOneSessionLongerThanMaxIsRejected() {
            LocalDate the105th = MONDAY_10.toLocalDate().plusWeeks(SeriesPlan.MAX_SESSIONS);

            assertThatThrownBy(() -> plan(WEEKLY, 1, null, the105th).starts())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("104");
        }

        @Test
        void aDailySeriesUntilFarAwayIsRejected() {
            assertThatThrownBy(() -> plan(DAILY, 1, null, LocalDate.of(2026, 12, 31)).starts())
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void aCountBelowMaxWithAFarEndDateIsNotRejected() {
            assertThatCode(() -> plan(DAILY, 1, SeriesPlan.MAX_SESSIONS, LocalDate.of(2030, 12, 31)).starts())
                    .doesNotThrowAnyException();
        }
        @Test
        void anOpenSeriesLongerThanMaxIsRejectedWhenThePlanIsMade() {
            LocalDate the105th = MONDAY_10.toLocalDate().plusWeeks(SeriesPlan.MAX_SESSIONS);

            assertThatThrownBy(() -> plan(WEEKLY, 1, null, the105th)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static SeriesPlan plan(Frequency frequency, int interval, Integer count, LocalDate until) {
        return new SeriesPlan(MONDAY_10, frequency, interval, count, until);
    }

    private static LocalDateTime at(int year, int month, int day) {
        return LocalDateTime.of(year, month, day, 10, 0);
    }
}
