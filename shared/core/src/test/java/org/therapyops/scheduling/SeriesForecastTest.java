package org.therapyops.scheduling;

import org.junit.jupiter.api.Test;
import org.therapyops.domain.Appointment;
import org.therapyops.domain.AppointmentStatus;
import org.therapyops.domain.Authorization;
import org.therapyops.domain.Coverage;
import org.therapyops.domain.CoveragePriority;
import org.therapyops.domain.Discipline;
import org.therapyops.domain.Reason;
import org.therapyops.domain.ReasonCode;
import org.therapyops.domain.UnitType;
import org.therapyops.domain.authorization.AuthorizationDecision.Refuse;
import org.therapyops.domain.authorization.AuthorizationDecision.Reserve;
import org.therapyops.domain.authorization.AuthorizationDecision;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.therapyops.domain.CoveragePriority.PRIMARY;
import static org.therapyops.domain.CoveragePriority.SECONDARY;

class SeriesForecastTest {

    private static final String PATIENT = "pat-1";
    private static final String EXERCISE = "97110";
    private static final LocalDate JAN_1 = LocalDate.of(2026, 1, 1);
    private static final LocalDate DEC_31 = LocalDate.of(2026, 12, 31);
    private static final Instant CREATED = Instant.parse("2026-02-20T08:00:00Z");
    /** Mondays at 10:00, from 2 March 2026. */
    private static final LocalDateTime FIRST = LocalDateTime.of(2026, 3, 2, 10, 0);

    @Test
    void aWeeklySeriesUsesUpTenUnitsThreeAtATimeAndTheFourthSessionIsRefused() {
        // 24 authorized - 8 rendered - 6 scheduled = 10 left; a 45-minute 97110 session needs 3 units
        Authorization tenLeft = auth("auth-1", "cov-1", 24, 8, 6, JAN_1, DEC_31);

        List<SeriesForecast.Session> forecast = assess(weekly(5, 45), List.of(primary()), List.of(tenLeft));

        assertThat(forecast).extracting(SeriesForecast.Session::withinAuthorization)
                .containsExactly(true, true, true, false, false);
        assertThat(forecast).extracting(SeriesForecast.Session::remainingAfter).containsExactly(7L, 4L, 1L, null, null);
        assertThat(forecast.subList(0, 3)).extracting(s -> (Reserve) s.decision())
                .allSatisfy(r -> {
                    assertThat(r.authorizationId()).isEqualTo("auth-1");
                    assertThat(r.units()).isEqualTo(3);
                });
        Reason fourth = singleReason(forecast.get(3).decision());
        assertThat(fourth.code()).isEqualTo(ReasonCode.INSUFFICIENT_UNITS);
        assertThat(fourth.details()).isEqualTo(Map.of("authorizationId", "auth-1", "needed", "3", "remaining", "1"));
        assertThat(forecast.get(3).appointment().start()).isEqualTo(FIRST.plusWeeks(3));
    }

    @Test
    void aSessionTakingTheLastUnitExactlyIsWithinTheAuthorization() {
        Authorization nineLeft = auth("auth-1", "cov-1", 9, 0, 0, JAN_1, DEC_31);

        List<SeriesForecast.Session> forecast = assess(weekly(4, 45), List.of(primary()), List.of(nineLeft));

        assertThat(forecast).extracting(SeriesForecast.Session::remainingAfter).containsExactly(6L, 3L, 0L, null);
        assertThat(singleReason(forecast.get(3).decision()).details()).containsEntry("remaining", "0");
    }

    @Test
    void sessionsAfterTheAuthorizationEndsAreRefusedAsOutsideItsWindow() {
        // The third Monday is the authorization's last day: still covered.
        LocalDate endsOnThirdSession = FIRST.toLocalDate().plusWeeks(2);
        Authorization ending = auth("auth-1", "cov-1", 100, 0, 0, JAN_1, endsOnThirdSession);

        List<SeriesForecast.Session> forecast = assess(weekly(5, 45), List.of(primary()), List.of(ending));

        assertThat(forecast).extracting(SeriesForecast.Session::withinAuthorization)
                .containsExactly(true, true, true, false, false);
        for (SeriesForecast.Session late : forecast.subList(3, 5)) {
            Reason reason = singleReason(late.decision());
            assertThat(reason.code()).isEqualTo(ReasonCode.DATE_OUTSIDE_WINDOW);
            assertThat(reason.details()).containsEntry("authorizationId", "auth-1")
                    .containsEntry("endDate", endsOnThirdSession.toString())
                    .containsEntry("dateOfService", late.appointment().dateOfService().toString());
            assertThat(late.remainingAfter()).isNull();
        }
    }

    @Test
    void sessionsGivenOutOfOrderAreAssessedInDateOrder() {
        List<Appointment> series = weekly(4, 45);
        List<Appointment> shuffled = List.of(series.get(2), series.get(0), series.get(3), series.get(1));
        Authorization tenLeft = auth("auth-1", "cov-1", 10, 0, 0, JAN_1, DEC_31);

        List<SeriesForecast.Session> forecast = assess(shuffled, List.of(primary()), List.of(tenLeft));

        assertThat(forecast).extracting(SeriesForecast.Session::appointment).containsExactlyElementsOf(series);
        assertThat(forecast).extracting(SeriesForecast.Session::remainingAfter).containsExactly(7L, 4L, 1L, null);
        // the refused one is the last by date, not the last given
        assertThat(forecast.get(3).appointment().id()).isEqualTo("appt-4");
    }

    @Test
    void nothingGivenIsChanged() {
        List<Appointment> reversed = new ArrayList<>(weekly(5, 45));
        Collections.reverse(reversed);
        List<Coverage> coverages = new ArrayList<>(List.of(primary()));
        Authorization tenLeft = auth("auth-1", "cov-1", 10, 0, 0, JAN_1, DEC_31);
        List<Authorization> authorizations = new ArrayList<>(List.of(tenLeft));
        List<Appointment> reversedBefore = List.copyOf(reversed);
        List<Coverage> coveragesBefore = List.copyOf(coverages);

        assess(reversed, coverages, authorizations);

        assertThat(reversed).containsExactlyElementsOf(reversedBefore);
        assertThat(coverages).containsExactlyElementsOf(coveragesBefore);
        assertThat(authorizations).containsExactly(tenLeft);
        assertThat(authorizations.get(0).scheduled()).isZero();
        assertThat(authorizations.get(0).remaining()).isEqualTo(10);
    }

    @Test
    void assessingTheSameSeriesTwiceGivesTheSameForecast() {
        List<Authorization> authorizations = List.of(auth("auth-1", "cov-1", 10, 0, 0, JAN_1, DEC_31));

        List<SeriesForecast.Session> first = assess(weekly(5, 45), List.of(primary()), authorizations);
        List<SeriesForecast.Session> second = assess(weekly(5, 45), List.of(primary()), authorizations);

        assertThat(second).isEqualTo(first);
    }

    @Test
    void whenThePrimaryAuthorizationRunsOutTheSecondaryTakesOver() {
        Coverage secondary = coverage("cov-2", SECONDARY);
        Authorization primaryAuth = auth("auth-p", "cov-1", 6, 0, 0, JAN_1, DEC_31);    // two sessions
        Authorization secondaryAuth = auth("auth-s", "cov-2", 9, 0, 0, JAN_1, DEC_31);  // three sessions

        List<SeriesForecast.Session> forecast = assess(weekly(6, 45), List.of(secondary, primary()),
                List.of(secondaryAuth, primaryAuth));

        assertThat(forecast.subList(0, 5)).extracting(s -> ((Reserve) s.decision()).authorizationId())
                .containsExactly("auth-p", "auth-p", "auth-s", "auth-s", "auth-s");
        assertThat(forecast).extracting(SeriesForecast.Session::remainingAfter)
                .containsExactly(3L, 0L, 6L, 3L, 0L, null);
        AuthorizationDecision sixth = forecast.get(5).decision();
        assertThat(sixth).isInstanceOf(Refuse.class);
        assertThat(((Refuse) sixth).reasons()).extracting(Reason::code)
                .containsOnly(ReasonCode.INSUFFICIENT_UNITS);
        assertThat(((Refuse) sixth).reasons()).extracting(r -> r.details().get("authorizationId"))
                .containsExactly("auth-p", "auth-s");
    }

    @Test
    void anEmptySeriesHasAnEmptyForecast() {
        assertThat(assess(List.of(), List.of(primary()), List.of())).isEmpty();
    }

    private static List<Appointment> weekly(int sessions, int minutes) {
        return IntStream.range(0, sessions)
                .mapToObj(i -> new Appointment("appt-" + (i + 1), PATIENT, "prov-1", EXERCISE, FIRST.plusWeeks(i), minutes,
                        AppointmentStatus.REQUESTED, null, "series-1", CREATED, "staff-1", 1))
                .toList();
    }

    private static Coverage primary() {
        return coverage("cov-1", PRIMARY);
    }

    private static Coverage coverage(String id, CoveragePriority priority) {
        return new Coverage(id, PATIENT, "payer-" + id, "MBR-" + id, priority, JAN_1, DEC_31, CREATED, 1);
    }

    private static Authorization auth(String id, String coverageId, long authorized, long rendered, long scheduled,
                                      LocalDate start, LocalDate end) {
        return new Authorization(id, PATIENT, coverageId, "PA-" + id, Set.of(EXERCISE), UnitType.UNITS, authorized,
                scheduled, rendered, start, end, Discipline.PT, CREATED, 1);
    }

    private static Reason singleReason(AuthorizationDecision decision) {
        assertThat(decision).isInstanceOf(Refuse.class);
        List<Reason> reasons = ((Refuse) decision).reasons();
        assertThat(reasons).hasSize(1);
        return reasons.get(0);
    }

    /** No payer's rules known: every service is taken to need authorization (the payer's rules are tested apart). */
    private static List<SeriesForecast.Session> assess(List<Appointment> sessions, List<Coverage> coverages,
                                                       List<Authorization> authorizations) {
        return SeriesForecast.assess(sessions, coverages, authorizations, (payerId, date) -> java.util.Optional.empty());
    }
}
