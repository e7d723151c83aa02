package org.therapyops.domain;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.therapyops.domain.AppointmentAction.UnitEffect;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.therapyops.domain.AppointmentAction.CANCEL;
import static org.therapyops.domain.AppointmentAction.CHECK_IN;
import static org.therapyops.domain.AppointmentAction.COMPLETE;
import static org.therapyops.domain.AppointmentAction.NO_SHOW;
import static org.therapyops.domain.AppointmentAction.OVERRIDE;
import static org.therapyops.domain.AppointmentAction.RECHECK;
import static org.therapyops.domain.AppointmentAction.RESCHEDULE;
import static org.therapyops.domain.AppointmentStatus.CANCELLED;
import static org.therapyops.domain.AppointmentStatus.CHECKED_IN;
import static org.therapyops.domain.AppointmentStatus.COMPLETED;
import static org.therapyops.domain.AppointmentStatus.NEEDS_AUTH;
import static org.therapyops.domain.AppointmentStatus.REQUESTED;
import static org.therapyops.domain.AppointmentStatus.SCHEDULED;

class AppointmentActionTest {

    private static final Instant DECIDED = Instant.parse("2026-11-20T09:00:00Z");

    /** The lifecycle as staff know it, written out independently of the enum's own table. */
    private static final Map<AppointmentAction, Set<AppointmentStatus>> ALLOWED_FROM = Map.of(
            CHECK_IN, EnumSet.of(SCHEDULED),
            COMPLETE, EnumSet.of(SCHEDULED, CHECKED_IN),
            CANCEL, EnumSet.of(REQUESTED, SCHEDULED, NEEDS_AUTH, CHECKED_IN),
            NO_SHOW, EnumSet.of(SCHEDULED),
            RESCHEDULE, EnumSet.of(REQUESTED, SCHEDULED, NEEDS_AUTH),
            RECHECK, EnumSet.of(NEEDS_AUTH),
            OVERRIDE, EnumSet.of(NEEDS_AUTH));

    @Nested
    class Transitions {

        static Stream<Arguments> everyActionFromEveryStatus() {
            return Stream.of(AppointmentAction.values()).flatMap(action -> Stream.of(AppointmentStatus.values())
                    .map(status -> Arguments.of(action, status, ALLOWED_FROM.get(action).contains(status))));
        }

        @ParameterizedTest(name = "{0} from {1}: allowed = {2}")
        @MethodSource("everyActionFromEveryStatus")
        void isAllowedExactlyFromTheDocumentedStates(AppointmentAction action, AppointmentStatus status, boolean allowed) {
            assertThat(action.allowedFrom(status)).isEqualTo(allowed);
        }

        @Test
        void theTableCoversEveryAction() {
            assertThat(ALLOWED_FROM).containsOnlyKeys(AppointmentAction.values());
        }

        @ParameterizedTest(name = "{0} exposes the states it is allowed from")
        @EnumSource(AppointmentAction.class)
        void fromListsTheDocumentedStates(AppointmentAction action) {
            assertThat(action.from()).containsExactlyInAnyOrderElementsOf(ALLOWED_FROM.get(action));
        }

        @ParameterizedTest(name = "nothing can be done to a {0} appointment")
        @EnumSource(value = AppointmentStatus.class, names = {"CANCELLED", "NO_SHOW", "COMPLETED"})
        void finalStatesAllowNoAction(AppointmentStatus status) {
            assertThat(Stream.of(AppointmentAction.values()).filter(a -> a.allowedFrom(status))).isEmpty();
        }

        @Test
        void aCompletedSessionCannotBeRescheduledOrCancelled() {
            assertThat(RESCHEDULE.allowedFrom(COMPLETED)).isFalse();
            assertThat(CANCEL.allowedFrom(COMPLETED)).isFalse();
        }

        @Test
        void aCheckedInPatientCanBeCancelledButNotRescheduledOrMarkedNoShow() {
            assertThat(CANCEL.allowedFrom(CHECKED_IN)).isTrue();
            assertThat(RESCHEDULE.allowedFrom(CHECKED_IN)).isFalse();
            assertThat(NO_SHOW.allowedFrom(CHECKED_IN)).isFalse();
        }

        @Test
        void onlyABlockedAppointmentCanBeOverridden() {
            assertThat(Stream.of(AppointmentStatus.values()).filter(OVERRIDE::allowedFrom)).containsExactly(NEEDS_AUTH);
        }

        @ParameterizedTest(name = "{0} leads to {1}")
        @CsvSource({
                "CHECK_IN, CHECKED_IN",
                "COMPLETE, COMPLETED",
                "CANCEL, CANCELLED",
                "NO_SHOW, NO_SHOW",
                "RESCHEDULE, REQUESTED",   // checked against the authorization again for the new time
                "RECHECK, REQUESTED",      // checked again once an integrator sent the authorization it lacked
                "OVERRIDE, SCHEDULED"})
        void leadsToItsState(AppointmentAction action, AppointmentStatus to) {
            assertThat(action.to()).isEqualTo(to);
        }
    }

    @Nested
    class UnitEffects {

        @ParameterizedTest(name = "{0} of a session holding units: {1}")
        @CsvSource({
                "CANCEL, RELEASE",
                "NO_SHOW, RELEASE",
                "RESCHEDULE, RELEASE",
                "COMPLETE, RENDER",
                "CHECK_IN, NONE",
                "OVERRIDE, NONE"})
        void aSessionHoldingReservedUnits(AppointmentAction action, UnitEffect effect) {
            Appointment holding = appointment(SCHEDULED, new Appointment.Decision("auth-1", 3, List.of(), List.of(),
                    "Reserved 3 units", DECIDED, null));

            assertThat(action.unitEffect(holding)).isEqualTo(effect);
        }

        @ParameterizedTest(name = "{0} of an undecided appointment: NONE")
        @EnumSource(AppointmentAction.class)
        void anAppointmentWithoutADecisionHoldsNothing(AppointmentAction action) {
            assertThat(action.unitEffect(appointment(REQUESTED, null))).isEqualTo(UnitEffect.NONE);
        }

        @ParameterizedTest(name = "{0} of a session scheduled with warnings only: NONE")
        @EnumSource(AppointmentAction.class)
        void aSessionScheduledWithWarningsHoldsNothing(AppointmentAction action) {
            Appointment warned = appointment(SCHEDULED, new Appointment.Decision(null, 0, List.of(),
                    List.of(insufficientUnits()), null, DECIDED, null));

            assertThat(action.unitEffect(warned)).isEqualTo(UnitEffect.NONE);
        }

        @ParameterizedTest(name = "{0} of a refused session: NONE")
        @EnumSource(AppointmentAction.class)
        void aRefusedSessionHoldsNothing(AppointmentAction action) {
            Appointment refused = appointment(NEEDS_AUTH, new Appointment.Decision(null, 0, List.of(insufficientUnits()),
                    List.of(), null, DECIDED, null));

            assertThat(action.unitEffect(refused)).isEqualTo(UnitEffect.NONE);
        }

        @ParameterizedTest(name = "{0} of a session with an authorization but 0 units: NONE")
        @EnumSource(AppointmentAction.class)
        void anAuthorizationWithZeroUnitsHoldsNothing(AppointmentAction action) {
            Appointment zero = appointment(SCHEDULED, new Appointment.Decision("auth-1", 0, List.of(), List.of(),
                    null, DECIDED, null));

            assertThat(action.unitEffect(zero)).isEqualTo(UnitEffect.NONE);
        }

        @Test
        void anOverriddenSessionWithoutReservationReleasesNothingWhenCancelled() {
            Appointment overridden = appointment(SCHEDULED, new Appointment.Decision(null, 0, List.of(insufficientUnits()),
                    List.of(), null, DECIDED, new Appointment.Override("supervisor-1", "peer-to-peer pending", DECIDED)));

            assertThat(CANCEL.unitEffect(overridden)).isEqualTo(UnitEffect.NONE);
        }
    }

    @Nested
    class Slots {

        @ParameterizedTest(name = "{0} holds its slot: {1}")
        @CsvSource({
                "REQUESTED, true",
                "SCHEDULED, true",
                "NEEDS_AUTH, true",
                "CHECKED_IN, true",
                "COMPLETED, true",
                "CANCELLED, false",
                "NO_SHOW, false"})
        void onlyCancelledAndNoShowFreeTheSlot(AppointmentStatus status, boolean holds) {
            assertThat(status.holdsSlot()).isEqualTo(holds);
        }
    }

    private static Appointment appointment(AppointmentStatus status, Appointment.Decision decision) {
        return new Appointment("appt-1", "pat-1", "prov-1", "97110", LocalDateTime.of(2026, 12, 3, 10, 0), 45, status,
                decision, null, DECIDED, "staff-1", 2);
    }

    private static Reason insufficientUnits() {
        return new Reason(ReasonCode.INSUFFICIENT_UNITS, "Authorization PA-1 has 2 units left; the session needs 3.",
                Map.of("authorizationId", "auth-1", "needed", "3", "remaining", "2"));
    }
}
