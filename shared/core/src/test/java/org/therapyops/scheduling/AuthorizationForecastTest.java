package org.therapyops.scheduling;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.therapyops.domain.Appointment;
import org.therapyops.domain.AppointmentStatus;
import org.therapyops.domain.Authorization;
import org.therapyops.domain.Discipline;
import org.therapyops.domain.Reason;
import org.therapyops.domain.ReasonCode;
import org.therapyops.domain.UnitType;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.therapyops.domain.AppointmentStatus.CANCELLED;
import static org.therapyops.domain.AppointmentStatus.CHECKED_IN;
import static org.therapyops.domain.AppointmentStatus.COMPLETED;
import static org.therapyops.domain.AppointmentStatus.SCHEDULED;

class AuthorizationForecastTest {

    private static final String AUTH = "auth-1";
    private static final Instant DECIDED = Instant.parse("2026-11-20T09:00:00Z");
    private static final LocalDate DEC_1 = LocalDate.of(2026, 12, 1);
    private static final LocalDate DEC_8 = LocalDate.of(2026, 12, 8);
    private static final LocalDate DEC_15 = LocalDate.of(2026, 12, 15);
    private static final LocalDate DEC_22 = LocalDate.of(2026, 12, 22);

    @Nested
    class ExhaustedOn {

        @Test
        void isTheDateOfTheSessionTakingTheLastUnit() {
            // 12 authorized = 3 rendered + 9 scheduled in three 3-unit sessions
            Authorization used = auth(12, 3, 9);

            AuthorizationForecast f = AuthorizationForecast.of(used, List.of(
                    holding("a-3", DEC_15, SCHEDULED, 3), holding("a-1", DEC_1, SCHEDULED, 3), holding("a-2", DEC_8, CHECKED_IN, 3)));

            assertThat(f.exhaustedOn()).isEqualTo(DEC_15);
            assertThat(f.upcoming()).extracting(Appointment::id).containsExactly("a-1", "a-2", "a-3");
        }

        @Test
        void isNullWhileUnitsRemain() {
            Authorization oneLeft = auth(13, 3, 9);

            AuthorizationForecast f = AuthorizationForecast.of(oneLeft, List.of(
                    holding("a-1", DEC_1, SCHEDULED, 3), holding("a-2", DEC_8, SCHEDULED, 3), holding("a-3", DEC_15, SCHEDULED, 3)));

            assertThat(f.exhaustedOn()).isNull();
            assertThat(f.upcoming()).hasSize(3);
        }

        @Test
        void ignoresSessionsThatDoNotHoldThisAuthorizationsUnits() {
            Authorization used = auth(12, 3, 9);
            List<Appointment> holding = List.of(
                    holding("a-1", DEC_1, SCHEDULED, 3),
                    holding("a-2", DEC_8, SCHEDULED, 3),
                    holding("a-3", DEC_15, SCHEDULED, 3),
                    // none of these may bring the exhaustion date forward
                    holding("x-cancelled", LocalDate.of(2026, 11, 24), CANCELLED, 3),
                    holding("x-completed", LocalDate.of(2026, 11, 25), COMPLETED, 3),
                    holding("x-no-show", LocalDate.of(2026, 11, 26), AppointmentStatus.NO_SHOW, 3),
                    appointment("x-other-auth", LocalDate.of(2026, 11, 27), SCHEDULED,
                            decision("auth-2", 3, List.of())),
                    appointment("x-zero-units", LocalDate.of(2026, 11, 30), SCHEDULED, decision(AUTH, 0, List.of())),
                    appointment("x-undecided", LocalDate.of(2026, 11, 30), SCHEDULED, null));

            AuthorizationForecast f = AuthorizationForecast.of(used, holding);

            assertThat(f.upcoming()).extracting(Appointment::id).containsExactly("a-1", "a-2", "a-3");
            assertThat(f.exhaustedOn()).isEqualTo(DEC_15);
            assertThat(f.overbooked()).isEmpty();
        }

        @ParameterizedTest(name = "a {0} session holding units does not count")
        @EnumSource(value = AppointmentStatus.class, names = {"REQUESTED", "NEEDS_AUTH", "COMPLETED", "CANCELLED", "NO_SHOW"})
        void onlyScheduledAndCheckedInSessionsCount(AppointmentStatus status) {
            AuthorizationForecast f = AuthorizationForecast.of(auth(12, 3, 9), List.of(holding("a-1", DEC_1, status, 3)));

            assertThat(f.upcoming()).isEmpty();
        }

        @Test
        void isTheFirstSessionWhenRenderingLeftOnlyItsUnits() {
            Authorization used = auth(12, 9, 3);

            AuthorizationForecast f = AuthorizationForecast.of(used, List.of(holding("a-1", DEC_1, SCHEDULED, 3)));

            assertThat(f.exhaustedOn()).isEqualTo(DEC_1);
        }

        @Test
        void anAuthorizationWithNoSessionsHasNoForecast() {
            AuthorizationForecast f = AuthorizationForecast.of(auth(12, 0, 0), List.of());

            assertThat(f.exhaustedOn()).isNull();
            assertThat(f.upcoming()).isEmpty();
            assertThat(f.overbooked()).isEmpty();
            assertThat(f.authorization()).isEqualTo(auth(12, 0, 0));
        }

        @Test
        void doesNotChangeTheListGiven() {
            List<Appointment> holding = new ArrayList<>(List.of(holding("a-2", DEC_8, SCHEDULED, 3),
                    holding("a-1", DEC_1, SCHEDULED, 3)));
            List<Appointment> before = List.copyOf(holding);

            AuthorizationForecast.of(auth(6, 0, 6), holding);

            assertThat(holding).containsExactlyElementsOf(before);
        }
    }

    @Nested
    class Overbooked {

        @Test
        void areScheduledSessionsCarryingWarningsWithoutAnAuthorization() {
            Appointment warnedLate = appointment("w-2", DEC_22, SCHEDULED, decision(null, 0, List.of(insufficientUnits())));
            Appointment warnedEarly = appointment("w-1", DEC_15, CHECKED_IN, decision(null, 0, List.of(insufficientUnits())));

            AuthorizationForecast f = AuthorizationForecast.of(auth(6, 0, 6), List.of(
                    holding("a-1", DEC_1, SCHEDULED, 3), holding("a-2", DEC_8, SCHEDULED, 3), warnedLate, warnedEarly));

            assertThat(f.overbooked()).extracting(Appointment::id).containsExactly("w-1", "w-2");
            assertThat(f.upcoming()).extracting(Appointment::id).containsExactly("a-1", "a-2");
            assertThat(f.exhaustedOn()).isEqualTo(DEC_8);
        }

        @Test
        void cancelledOrCompletedWarnedSessionsAreNoLongerOverbooked() {
            AuthorizationForecast f = AuthorizationForecast.of(auth(6, 0, 6), List.of(
                    appointment("w-1", DEC_15, CANCELLED, decision(null, 0, List.of(insufficientUnits()))),
                    appointment("w-2", DEC_22, COMPLETED, decision(null, 0, List.of(insufficientUnits())))));

            assertThat(f.overbooked()).isEmpty();
        }

        @Test
        void aSessionReservingUnitsIsNotOverbooked() {
            AuthorizationForecast f = AuthorizationForecast.of(auth(6, 0, 3),
                    List.of(holding("a-1", DEC_1, SCHEDULED, 3)));

            assertThat(f.overbooked()).isEmpty();
        }
    }

    private static Authorization auth(long authorized, long rendered, long scheduled) {
        return new Authorization(AUTH, "pat-1", "cov-1", "PA-1", Set.of("97110"), UnitType.UNITS, authorized, scheduled,
                rendered, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), Discipline.PT, DECIDED, 1);
    }

    private static Appointment holding(String id, LocalDate date, AppointmentStatus status, long units) {
        return appointment(id, date, status, decision(AUTH, units, List.of()));
    }

    private static Appointment appointment(String id, LocalDate date, AppointmentStatus status, Appointment.Decision decision) {
        return new Appointment(id, "pat-1", "prov-1", "97110", LocalDateTime.of(date.getYear(), date.getMonth(),
                date.getDayOfMonth(), 10, 0), 45, status, decision, null, DECIDED, "staff-1", 2);
    }

    private static Appointment.Decision decision(String authorizationId, long units, List<Reason> warnings) {
        return new Appointment.Decision(authorizationId, units, List.of(), warnings, null, DECIDED, null);
    }

    private static Reason insufficientUnits() {
        return new Reason(ReasonCode.INSUFFICIENT_UNITS, "Authorization PA-1 has 0 units left; the session needs 3.",
                Map.of("authorizationId", AUTH, "needed", "3", "remaining", "0"));
    }
}
