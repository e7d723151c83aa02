package org.therapyops.scheduling;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.therapyops.domain.Authorization;
import org.therapyops.domain.Discipline;
import org.therapyops.domain.UnitType;
import org.therapyops.scheduling.Utilization.Band;
import org.therapyops.scheduling.Utilization.Filter;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class UtilizationTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

    @Nested
    class RemainingShare {

        @ParameterizedTest(name = "{1} of {0} left = {2}% {3}")
        @CsvSource({
                "100, 100, 100, GREEN",
                "100, 67, 67, GREEN",
                "100, 66, 66, YELLOW",
                "100, 34, 34, YELLOW",
                "100, 33, 33, RED",
                "100, 1, 1, RED",
                "100, 0, 0, RED",
                "3, 2, 66, YELLOW",   // 66.7 % is floored: two visits of three left is not yet green
                "3, 1, 33, RED",      // 33.3 %
                "200, 133, 66, YELLOW", // 66.5 %
                "200, 134, 67, GREEN",
                "200, 67, 33, RED",   // 33.5 %
                "200, 68, 34, YELLOW",
                "7, 6, 85, GREEN"})   // 85.7 %
        void isFlooredToAWholePercentAndBanded(long authorized, long remaining, int percent, Band band) {
            Utilization u = Utilization.of(auth(authorized, authorized - remaining, 0, TODAY.plusDays(30)), TODAY, 0);

            assertThat(u.remainingPercent()).isEqualTo(percent);
            assertThat(u.band()).isEqualTo(band);
        }

        @Test
        void scheduledSessionsCountAgainstWhatRemains() {
            // 100 - 20 rendered - 14 scheduled = 66 left
            Utilization u = Utilization.of(auth(100, 20, 14, TODAY.plusDays(30)), TODAY, 0);

            assertThat(u.remainingPercent()).isEqualTo(66);
            assertThat(u.band()).isEqualTo(Band.YELLOW);
        }

        @Test
        void renderedBeyondTheAuthorizationIsZeroPercentNotNegative() {
            Utilization u = Utilization.of(auth(10, 12, 0, TODAY.plusDays(30)), TODAY, 0);

            assertThat(u.remainingPercent()).isZero();
            assertThat(u.band()).isEqualTo(Band.RED);
        }

        @Test
        void nothingAuthorizedIsZeroPercentAndRed() {
            Utilization u = Utilization.of(auth(0, 0, 0, TODAY.plusDays(30)), TODAY, 0);

            assertThat(u.remainingPercent()).isZero();
            assertThat(u.band()).isEqualTo(Band.RED);
        }

        @Test
        void hoursAreComparedInQuarterHours() {
            // 10 hours = 40 quarter hours; 27 quarter hours (6.75 hours) left = 67 %
            Authorization hours = new Authorization("auth-h", "pat-1", "cov-1", "PA-H", Set.of("97153"), UnitType.HOURS,
                    40, 0, 13, TODAY.minusDays(60), TODAY.plusDays(30), Discipline.ABA, Instant.EPOCH, 1);

            assertThat(Utilization.of(hours, TODAY, 0).remainingPercent()).isEqualTo(67);
        }

        @Test
        void carriesTheOverbookedSessions() {
            assertThat(Utilization.of(auth(10, 10, 0, TODAY.plusDays(30)), TODAY, 3).overbookedSessions()).isEqualTo(3);
        }
    }

    @Nested
    class Expiry {

        @Test
        void endingYesterdayIsExpired() {
            Utilization u = Utilization.of(auth(10, 0, 0, TODAY.minusDays(1)), TODAY, 0);

            assertThat(u.expired()).isTrue();
            assertThat(u.daysToExpiry()).isEqualTo(-1);
        }

        @Test
        void endingTodayIsStillValidWithZeroDaysLeft() {
            Utilization u = Utilization.of(auth(10, 0, 0, TODAY), TODAY, 0);

            assertThat(u.expired()).isFalse();
            assertThat(u.daysToExpiry()).isZero();
        }

        @Test
        void countsCalendarDaysToTheEndDate() {
            assertThat(Utilization.of(auth(10, 0, 0, TODAY.plusDays(30)), TODAY, 0).daysToExpiry()).isEqualTo(30);
            // across the turn of the year
            assertThat(Utilization.of(auth(10, 0, 0, LocalDate.of(2027, 1, 31)), TODAY, 0).daysToExpiry()).isEqualTo(65);
        }
    }

    @Nested
    class Filters {

        private final Filter none = new Filter(null, null, null, false);

        @Test
        void expiredAuthorizationsAreHiddenByDefault() {
            assertThat(none.accepts(utilization(50, -1, 0))).isFalse();
            assertThat(none.accepts(utilization(50, 0, 0))).isTrue();
        }

        @Test
        void expiredAuthorizationsAreShownWhenAskedFor() {
            assertThat(new Filter(null, null, null, true).accepts(utilization(50, -1, 0))).isTrue();
            assertThat(new Filter(null, null, null, true).accepts(utilization(50, 10, 0))).isTrue();
        }

        @ParameterizedTest(name = "expiring within 30 days, {0} days left: shown = {1}")
        @CsvSource({"0, true", "1, true", "29, true", "30, true", "31, false", "365, false"})
        void expiringWithinDaysIncludesTheBoundary(long daysToExpiry, boolean shown) {
            assertThat(new Filter(30, null, null, false).accepts(utilization(50, daysToExpiry, 0))).isEqualTo(shown);
        }

        @Test
        void expiringWithinDaysDoesNotShowExpiredOnes() {
            assertThat(new Filter(30, null, null, false).accepts(utilization(50, -1, 0))).isFalse();
        }

        @ParameterizedTest(name = "at most 33 % left, {0} % left: shown = {1}")
        @CsvSource({"0, true", "33, true", "34, false", "100, false"})
        void maxRemainingPercentIncludesTheBoundary(int percent, boolean shown) {
            assertThat(new Filter(null, 33, null, false).accepts(utilization(percent, 30, 0))).isEqualTo(shown);
        }

        @ParameterizedTest(name = "over-scheduled = {0}, {1} overbooked: shown = {2}")
        @CsvSource({
                "true, 1, true", "true, 0, false",
                "false, 0, true", "false, 2, false",
                ", 0, true", ", 5, true"})
        void overScheduledFiltersOnOverbookedSessions(Boolean overScheduled, int overbooked, boolean shown) {
            assertThat(new Filter(null, null, overScheduled, false).accepts(utilization(50, 30, overbooked))).isEqualTo(shown);
        }

        @Test
        void everyFilterMustAccept() {
            Filter redAndSoon = new Filter(30, 33, true, false);

            assertThat(redAndSoon.accepts(utilization(20, 10, 1))).isTrue();
            assertThat(redAndSoon.accepts(utilization(40, 10, 1))).isFalse();
            assertThat(redAndSoon.accepts(utilization(20, 40, 1))).isFalse();
            assertThat(redAndSoon.accepts(utilization(20, 10, 0))).isFalse();
        }

        @Test
        void worksOnRowsBuiltByOf() {
            Utilization expiresIn30 = Utilization.of(auth(100, 70, 0, TODAY.plusDays(30)), TODAY, 0);

            assertThat(new Filter(30, 30, false, false).accepts(expiresIn30)).isTrue();
            assertThat(new Filter(29, null, null, false).accepts(expiresIn30)).isFalse();
        }
    }

    /** A row with the given share, days to expiry and overbooked sessions (the authorization behind it does not matter). */
    private static Utilization utilization(int percent, long daysToExpiry, int overbooked) {
        Band band = percent >= 67 ? Band.GREEN : percent >= 34 ? Band.YELLOW : Band.RED;
        return new Utilization(auth(100, 100 - percent, 0, TODAY.plusDays(daysToExpiry)), percent, band, daysToExpiry,
                daysToExpiry < 0, overbooked);
    }

    private static Authorization auth(long authorized, long rendered, long scheduled, LocalDate end) {
        return new Authorization("auth-1", "pat-1", "cov-1", "PA-1", Set.of("97110"), UnitType.UNITS, authorized, scheduled,
                rendered, end.minusDays(90), end, Discipline.PT, Instant.EPOCH, 1);
    }
}
