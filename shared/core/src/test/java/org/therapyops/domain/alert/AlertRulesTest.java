package org.therapyops.domain.alert;

import org.junit.jupiter.api.Test;
import org.therapyops.domain.PracticeSettings.AlertThresholds;
import org.therapyops.domain.PracticeSettings;
import org.therapyops.domain.Reason;
import org.therapyops.domain.ReasonCode;
import org.therapyops.domain.UnitType;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AlertRulesTest {

    private static final String PRACTICE = "practice-1";
    private static final Instant NOW = Instant.parse("2026-11-27T11:00:00Z");
    private static final AlertThresholds DEFAULTS = PracticeSettings.defaults().alerts();
    private static final LocalDate END = LocalDate.of(2026, 12, 31);

    private static AuthorizationImage units(long authorized, long remaining, long version) {
        return new AuthorizationImage("auth-1", "patient-1", "ACME-4711", UnitType.UNITS, authorized, remaining, END, version);
    }

    private static AuthorizationImage visits(long authorized, long remaining, long version) {
        return new AuthorizationImage("auth-1", "patient-1", "ACME-4711", UnitType.VISITS, authorized, remaining, END, version);
    }

    private static List<Alert> counters(AuthorizationImage before, AuthorizationImage after) {
        return AlertRules.forCounters(PRACTICE, before, after, DEFAULTS, NOW);
    }

    // ---------------------------------------------------------------- percentage

    @Test
    void remainingExactlyAtThePercentageFires() {
        List<Alert> alerts = counters(units(10, 3, 4), units(10, 2, 5));

        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(AlertType.LOW_REMAINING);
            assertThat(a.threshold()).isEqualTo(20);
            assertThat(a.authorizationId()).isEqualTo("auth-1");
            assertThat(a.patientId()).isEqualTo("patient-1");
            assertThat(a.status()).isEqualTo(AlertStatus.OPEN);
            assertThat(a.message()).contains("ACME-4711").contains("2 units of 10 units");
        });
    }

    @Test
    void oneUnitAboveThePercentageDoesNotFire() {
        assertThat(counters(units(10, 4, 4), units(10, 3, 5))).isEmpty();
    }

    @Test
    void percentageUsesExactArithmetic() {
        // 20% of 12 is 2.4: 3 left is above, 2 left is at or below.
        assertThat(counters(units(12, 4, 1), units(12, 3, 2))).isEmpty();
        assertThat(counters(units(12, 3, 2), units(12, 2, 3))).extracting(Alert::type).containsExactly(AlertType.LOW_REMAINING);
    }

    @Test
    void alreadyBelowBeforeDoesNotFireAgain() {
        assertThat(counters(units(10, 2, 5), units(10, 1, 6))).isEmpty();
    }

    @Test
    void goingBackAboveAndCrossingAgainFiresANewAlert() {
        Alert first = counters(units(10, 3, 4), units(10, 2, 5)).get(0);
        assertThat(counters(units(10, 2, 5), units(10, 3, 6))).as("released: back above").isEmpty();
        Alert second = counters(units(10, 3, 6), units(10, 2, 7)).get(0);

        assertThat(second.type()).isEqualTo(AlertType.LOW_REMAINING);
        assertThat(second.id()).isNotEqualTo(first.id());
    }

    @Test
    void theSameImagesTwiceGiveTheSameId() {
        Alert once = counters(units(10, 3, 4), units(10, 2, 5)).get(0);
        Alert again = AlertRules.forCounters(PRACTICE, units(10, 3, 4), units(10, 2, 5), DEFAULTS, NOW.plusSeconds(60)).get(0);

        assertThat(again.id()).isEqualTo(once.id());
    }

    @Test
    void theIdDependsOnThePractice() {
        Alert here = counters(units(10, 3, 4), units(10, 2, 5)).get(0);
        Alert there = AlertRules.forCounters("practice-2", units(10, 3, 4), units(10, 2, 5), DEFAULTS, NOW).get(0);

        assertThat(there.id()).isNotEqualTo(here.id());
    }

    @Test
    void aNewAuthorizationAlreadyLowFires() {
        assertThat(counters(null, units(10, 1, 1))).extracting(Alert::type).containsExactly(AlertType.LOW_REMAINING);
        assertThat(counters(null, units(10, 10, 1))).isEmpty();
    }

    @Test
    void unchangedCountersFireNothing() {
        assertThat(counters(units(10, 2, 5), units(10, 2, 5))).isEmpty();
    }

    @Test
    void aDisabledPercentageNeverFires() {
        AlertThresholds off = new AlertThresholds(List.of(30), 0, 2, true, true, true);
        assertThat(AlertRules.forCounters(PRACTICE, units(10, 3, 1), units(10, 1, 2), off, NOW)).isEmpty();
    }

    // ---------------------------------------------------------------- visits left

    @Test
    void visitsLeftFiresAtTheNumberNotAbove() {
        AlertThresholds visitsOnly = new AlertThresholds(List.of(), 0, 2, true, true, true);
        assertThat(AlertRules.forCounters(PRACTICE, visits(20, 4, 1), visits(20, 3, 2), visitsOnly, NOW)).isEmpty();
        List<Alert> at = AlertRules.forCounters(PRACTICE, visits(20, 3, 2), visits(20, 2, 3), visitsOnly, NOW);

        assertThat(at).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(AlertType.VISITS_LEFT);
            assertThat(a.threshold()).isEqualTo(2);
            assertThat(a.message()).contains("2 visits left");
        });
    }

    @Test
    void visitsLeftSupersedesThePercentageInTheSameChange() {
        // 10 visits: 2 left is both 20% and "2 visits left": one alert, the visits one.
        assertThat(counters(visits(10, 3, 1), visits(10, 2, 2))).extracting(Alert::type).containsExactly(AlertType.VISITS_LEFT);
    }

    @Test
    void visitsLeftIgnoresUnitBasedAuthorizations() {
        AlertThresholds visitsOnly = new AlertThresholds(List.of(), 0, 2, true, true, true);
        assertThat(AlertRules.forCounters(PRACTICE, units(20, 3, 1), units(20, 2, 2), visitsOnly, NOW)).isEmpty();
    }

    // ---------------------------------------------------------------- exhausted

    @Test
    void exhaustedFiresAtZeroAndSupersedesTheOthers() {
        List<Alert> alerts = counters(units(10, 3, 4), units(10, 0, 5));

        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(AlertType.EXHAUSTED);
            assertThat(a.threshold()).isZero();
        });
    }

    @Test
    void oneUnitLeftIsNotExhausted() {
        assertThat(counters(units(10, 2, 4), units(10, 1, 5))).isEmpty();
    }

    @Test
    void exhaustedFiresAfterTheLowAlertAndAgainAfterARelease() {
        Alert first = counters(units(10, 1, 4), units(10, 0, 5)).get(0);
        assertThat(counters(units(10, 0, 5), units(10, 1, 6))).isEmpty();
        Alert second = counters(units(10, 1, 6), units(10, 0, 7)).get(0);

        assertThat(first.type()).isEqualTo(AlertType.EXHAUSTED);
        assertThat(second.type()).isEqualTo(AlertType.EXHAUSTED);
        assertThat(second.id()).isNotEqualTo(first.id());
    }

    @Test
    void anEmptyAuthorizationIsNeverExhaustedNorLow() {
        assertThat(counters(null, units(0, 0, 1))).isEmpty();
    }

    // ---------------------------------------------------------------- expiry

    private static Optional<Alert> expiry(LocalDate today) {
        return AlertRules.forExpiry(PRACTICE, units(10, 10, 1), today, DEFAULTS, NOW);
    }

    @Test
    void expiryFiresAtThirtyFourteenAndSevenDays() {
        assertThat(expiry(END.minusDays(31))).isEmpty();
        assertThat(expiry(END.minusDays(30))).get().satisfies(a -> {
            assertThat(a.type()).isEqualTo(AlertType.EXPIRING);
            assertThat(a.threshold()).isEqualTo(30);
            assertThat(a.endDate()).isEqualTo(END);
            assertThat(a.message()).contains("2026-12-31").contains("in 30 days");
        });
        assertThat(expiry(END.minusDays(15))).get().extracting(Alert::threshold).isEqualTo(30);
        assertThat(expiry(END.minusDays(14))).get().extracting(Alert::threshold).isEqualTo(14);
        assertThat(expiry(END.minusDays(8))).get().extracting(Alert::threshold).isEqualTo(14);
        assertThat(expiry(END.minusDays(7))).get().extracting(Alert::threshold).isEqualTo(7);
        assertThat(expiry(END.minusDays(6))).get().extracting(Alert::threshold).isEqualTo(7);
        assertThat(expiry(END)).get().satisfies(a -> assertThat(a.message()).contains("today"));
        assertThat(expiry(END.plusDays(1))).as("expired").isEmpty();
    }

    @Test
    void eachDayInABandGivesTheSameIdAndEachBandItsOwn() {
        assertThat(expiry(END.minusDays(29)).get().id()).isEqualTo(expiry(END.minusDays(30)).get().id());
        assertThat(expiry(END.minusDays(14)).get().id()).isNotEqualTo(expiry(END.minusDays(30)).get().id());
        assertThat(expiry(END.minusDays(7)).get().id()).isNotEqualTo(expiry(END.minusDays(14)).get().id());
    }

    @Test
    void anExtendedEndDateIsWatchedAfresh() {
        AuthorizationImage extended = new AuthorizationImage("auth-1", "patient-1", "ACME-4711", UnitType.UNITS, 10, 10,
                END.plusDays(30), 2);
        Alert before = expiry(END.minusDays(7)).get();
        Alert after = AlertRules.forExpiry(PRACTICE, extended, END.plusDays(23), DEFAULTS, NOW).get();

        assertThat(after.threshold()).isEqualTo(7);
        assertThat(after.id()).isNotEqualTo(before.id());
    }

    @Test
    void theDayIsThePracticesLocalDate() {
        // 2026-12-24T03:30Z is still the 23rd in New York (8 days left: the 14-day band) but the 24th in UTC (7 days).
        Instant earlyUtc = Instant.parse("2026-12-24T03:30:00Z");
        LocalDate newYork = LocalDate.ofInstant(earlyUtc, ZoneId.of("America/New_York"));
        LocalDate utc = LocalDate.ofInstant(earlyUtc, ZoneId.of("UTC"));

        assertThat(AlertRules.forExpiry(PRACTICE, units(10, 10, 1), newYork, DEFAULTS, earlyUtc)).get()
                .extracting(Alert::threshold).isEqualTo(14);
        assertThat(AlertRules.forExpiry(PRACTICE, units(10, 10, 1), utc, DEFAULTS, earlyUtc)).get()
                .extracting(Alert::threshold).isEqualTo(7);
    }

    @Test
    void expiryThresholdsComeFromSettings() {
        AlertThresholds sixty = new AlertThresholds(List.of(60, 0), 20, 2, true, true, true);
        assertThat(AlertRules.forExpiry(PRACTICE, units(10, 10, 1), END.minusDays(60), sixty, NOW)).get()
                .extracting(Alert::threshold).isEqualTo(60);
        assertThat(AlertRules.forExpiry(PRACTICE, units(10, 10, 1), END.minusDays(1), sixty, NOW)).get()
                .extracting(Alert::threshold).isEqualTo(60);
        assertThat(AlertRules.forExpiry(PRACTICE, units(10, 10, 1), END, sixty, NOW)).get()
                .extracting(Alert::threshold).isEqualTo(0);
    }

    // ---------------------------------------------------------------- appointments

    private static AppointmentOutcome appointment(String status, List<Reason> reasons, List<Reason> warnings, long version) {
        return new AppointmentOutcome("appt-1", "patient-1", "97110", LocalDate.of(2026, 12, 3), status, null, reasons,
                warnings, version);
    }

    private static final Reason INSUFFICIENT = new Reason(ReasonCode.INSUFFICIENT_UNITS, "not enough",
            Map.of("authorizationId", "auth-1", "remaining", "0"));

    @Test
    void aBlockedAppointmentFiresOnceOnTheChangeIntoNeedsAuth() {
        Optional<Alert> blocked = AlertRules.forAppointment(PRACTICE, appointment("REQUESTED", List.of(), List.of(), 1),
                appointment("NEEDS_AUTH", List.of(INSUFFICIENT), List.of(), 2), DEFAULTS, NOW);

        assertThat(blocked).get().satisfies(a -> {
            assertThat(a.type()).isEqualTo(AlertType.APPOINTMENT_BLOCKED);
            assertThat(a.appointmentId()).isEqualTo("appt-1");
            assertThat(a.authorizationId()).isEqualTo("auth-1");
            assertThat(a.serviceDate()).isEqualTo(LocalDate.of(2026, 12, 3));
            assertThat(a.message()).contains("INSUFFICIENT_UNITS");
        });
        assertThat(AlertRules.forAppointment(PRACTICE, appointment("NEEDS_AUTH", List.of(INSUFFICIENT), List.of(), 2),
                appointment("NEEDS_AUTH", List.of(INSUFFICIENT), List.of(), 2), DEFAULTS, NOW)).as("redelivered MODIFY").isEmpty();
        assertThat(AlertRules.forAppointment(PRACTICE, appointment("REQUESTED", List.of(), List.of(), 1),
                appointment("NEEDS_AUTH", List.of(INSUFFICIENT), List.of(), 2), DEFAULTS, NOW.plusSeconds(5)).get().id())
                .isEqualTo(blocked.get().id());
    }

    @Test
    void aScheduledAppointmentWithWarningsIsOverScheduled() {
        Optional<Alert> over = AlertRules.forAppointment(PRACTICE, appointment("REQUESTED", List.of(), List.of(), 1),
                appointment("SCHEDULED", List.of(), List.of(INSUFFICIENT), 2), DEFAULTS, NOW);

        assertThat(over).get().extracting(Alert::type).isEqualTo(AlertType.OVER_SCHEDULED);
        assertThat(AlertRules.forAppointment(PRACTICE, appointment("REQUESTED", List.of(), List.of(), 1),
                appointment("SCHEDULED", List.of(), List.of(), 2), DEFAULTS, NOW)).isEmpty();
    }

    @Test
    void appointmentAlertsFollowTheirSwitches() {
        AlertThresholds off = new AlertThresholds(List.of(30), 20, 2, true, false, false);
        assertThat(AlertRules.forAppointment(PRACTICE, null, appointment("NEEDS_AUTH", List.of(INSUFFICIENT), List.of(), 2), off, NOW)).isEmpty();
        assertThat(AlertRules.forAppointment(PRACTICE, null, appointment("SCHEDULED", List.of(), List.of(INSUFFICIENT), 2), off, NOW)).isEmpty();
    }
}
