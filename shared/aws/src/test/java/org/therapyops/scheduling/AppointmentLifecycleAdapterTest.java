package org.therapyops.scheduling;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.therapyops.domain.Appointment;
import org.therapyops.domain.AppointmentAction;
import org.therapyops.domain.AppointmentStatus;
import org.therapyops.domain.AuditEntry;
import org.therapyops.domain.Authorization;
import org.therapyops.domain.Coverage;
import org.therapyops.domain.CoveragePriority;
import org.therapyops.domain.Patient;
import org.therapyops.domain.UnitType;
import org.therapyops.dynamodb.DynamoAppointmentRepository;
import org.therapyops.dynamodb.DynamoPracticeRepository;
import org.therapyops.dynamodb.Tables;
import org.therapyops.ports.AppointmentRepository;
import org.therapyops.ports.DoubleBookingException;
import org.therapyops.ports.IllegalTransitionException;
import org.therapyops.ports.StaleVersionException;
import org.therapyops.testing.Moto;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The appointment lifecycle against the real DynamoDB wire API (moto): double booking, units released,
 * moved and rendered by staff actions, state guards, versions and the audit trail.
 */
class AppointmentLifecycleAdapterTest {

    private static final LocalDateTime TEN = LocalDateTime.of(2026, 12, 3, 10, 0);

    private static DynamoPracticeRepository practice;
    private static DynamoAppointmentRepository appointments;
    private static AuthorizationCheckService check;

    private final String practiceId = "practice-" + UUID.randomUUID();

    @BeforeAll
    static void tables() {
        Moto moto = Moto.shared();
        Tables tables = moto.createTables();
        practice = new DynamoPracticeRepository(moto.dynamo(), tables);
        appointments = new DynamoAppointmentRepository(moto.dynamo(), tables, Clock.systemUTC());
        check = new AuthorizationCheckService(practice, appointments, org.therapyops.testing.Payers.RESOLVER);
    }

    @Test
    void aProviderCannotBeBookedTwiceAtTheSameTimeButBackToBackIsFine() {
        Authorization auth = patientWithAuthorization(40);
        Authorization other = patientWithAuthorization(40);
        book(auth.patientId(), "prov-1", TEN, 45);

        assertThatThrownBy(() -> book(other.patientId(), "prov-1", TEN.plusMinutes(30), 45))
                .isInstanceOfSatisfying(DoubleBookingException.class, e -> assertThat(e.conflicts())
                        .extracting(DoubleBookingException.Conflict::who).containsExactly("provider"));
        assertThatThrownBy(() -> book(auth.patientId(), "prov-2", TEN.minusMinutes(15), 30))
                .isInstanceOfSatisfying(DoubleBookingException.class, e -> assertThat(e.conflicts())
                        .extracting(DoubleBookingException.Conflict::who).containsExactly("patient"));
        book(other.patientId(), "prov-1", TEN.plusMinutes(45), 45);
        book(other.patientId(), "prov-1", TEN.minusMinutes(45), 45);
    }

    @Test
    void tenConcurrentBookingsOfTheSameSlotLeaveExactlyOne() throws Exception {
        List<Authorization> patients = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            patients.add(patientWithAuthorization(40));
        }
        ExecutorService pool = Executors.newFixedThreadPool(10);
        int booked = 0;
        try {
            List<Callable<Boolean>> attempts = patients.stream().<Callable<Boolean>>map(p -> () -> {
                try {
                    book(p.patientId(), "prov-busy", TEN, 60);
                    return true;
                } catch (DoubleBookingException e) {
                    return false;
                }
            }).toList();
            for (Future<Boolean> f : pool.invokeAll(attempts)) {
                booked += f.get() ? 1 : 0;
            }
        } finally {
            pool.shutdown();
        }
        assertThat(booked).isEqualTo(1);
    }

    @Test
    void cancellingReleasesTheUnitsAndTheTime() {
        Authorization auth = patientWithAuthorization(8);
        Appointment appt = scheduled(auth, TEN, 45);
        assertThat(counters(auth).scheduled()).isEqualTo(3);

        Appointment cancelled = act(appt, AppointmentAction.CANCEL, null);

        assertThat(cancelled.status()).isEqualTo(AppointmentStatus.CANCELLED);
        assertThat(counters(auth).scheduled()).isZero();
        assertThat(counters(auth).remaining()).isEqualTo(8);
        book(auth.patientId(), "prov-1", TEN, 45); // the slot is free again
    }

    @Test
    void completingTurnsReservedUnitsIntoRenderedUnits() {
        Authorization auth = patientWithAuthorization(8);
        Appointment appt = scheduled(auth, TEN, 60);
        Appointment checkedIn = act(appt, AppointmentAction.CHECK_IN, null);

        act(checkedIn, AppointmentAction.COMPLETE, null);

        Authorization after = counters(auth);
        assertThat(after.scheduled()).isZero();
        assertThat(after.rendered()).isEqualTo(4);
        assertThat(after.remaining()).isEqualTo(4);
    }

    @Test
    void reschedulingReleasesTheUnitsMovesTheSlotAndAsksForANewDecision() {
        Authorization auth = patientWithAuthorization(8);
        Appointment appt = scheduled(auth, TEN, 45);

        Appointment moved = appointments.apply(practiceId, appt, new AppointmentRepository.Transition(AppointmentAction.RESCHEDULE,
                null, audit(appt, "RESCHEDULE"), new AppointmentRepository.Reschedule(TEN.plusDays(1), 60, "prov-1")));

        assertThat(moved.status()).isEqualTo(AppointmentStatus.REQUESTED);
        assertThat(moved.decision()).isNull();
        assertThat(counters(auth).scheduled()).isZero();
        book(auth.patientId(), "prov-1", TEN, 45); // the old slot is free
        check.check(practiceId, moved);
        Appointment decided = appointments.appointment(practiceId, appt.id()).orElseThrow();
        assertThat(decided.status()).isEqualTo(AppointmentStatus.SCHEDULED);
        assertThat(decided.decision().reservedUnits()).isEqualTo(4);
        assertThat(counters(auth).scheduled()).isEqualTo(4);
    }

    @Test
    void aCompletedAppointmentCannotBeRescheduledAndNothingIsWritten() {
        Authorization auth = patientWithAuthorization(8);
        Appointment done = act(scheduled(auth, TEN, 30), AppointmentAction.COMPLETE, null);

        assertThatThrownBy(() -> appointments.apply(practiceId, done, new AppointmentRepository.Transition(
                AppointmentAction.RESCHEDULE, null, audit(done, "RESCHEDULE"),
                new AppointmentRepository.Reschedule(TEN.plusDays(2), 30, "prov-1"))))
                .isInstanceOf(IllegalTransitionException.class);
        assertThat(appointments.appointment(practiceId, done.id()).orElseThrow()).isEqualTo(done);
        assertThat(counters(auth).rendered()).isEqualTo(2);
    }

    @Test
    void aStaleVersionIsRefused() {
        Authorization auth = patientWithAuthorization(8);
        Appointment appt = scheduled(auth, TEN, 30);

        assertThatThrownBy(() -> act(appt, AppointmentAction.CANCEL, appt.version() - 1))
                .isInstanceOf(StaleVersionException.class);
        assertThat(appointments.appointment(practiceId, appt.id()).orElseThrow().status()).isEqualTo(AppointmentStatus.SCHEDULED);
    }

    @Test
    void everyChangeIsInTheAuditTrail() {
        Authorization auth = patientWithAuthorization(8);
        Appointment appt = scheduled(auth, TEN, 30);
        act(appt, AppointmentAction.CANCEL, null);

        List<AuditEntry> trail = appointments.audit(practiceId, appt.id());
        assertThat(trail).extracting(AuditEntry::action).containsExactly("BOOK", "DECIDE", "CANCEL");
        assertThat(trail.get(1).actor()).isEqualTo("authorization-check");
        assertThat(trail.get(2).to()).isEqualTo("CANCELLED");
    }

    @Test
    void listsByDateRangeAndFindsTheSessionsHoldingAnAuthorization() {
        Authorization auth = patientWithAuthorization(40);
        Appointment first = scheduled(auth, TEN, 30);
        Appointment second = scheduled(auth, TEN.plusDays(7), 30);
        scheduled(auth, TEN.plusDays(40), 30);

        var page = appointments.list(practiceId, TEN.toLocalDate().atStartOfDay(), TEN.plusDays(8).toLocalDate().atStartOfDay(),
                null, auth.patientId(), null, 10, null);
        assertThat(page.items()).extracting(Appointment::id).containsExactly(first.id(), second.id());
        assertThat(appointments.byAuthorization(practiceId, auth.id())).hasSize(3);
    }

    private Appointment scheduled(Authorization auth, LocalDateTime start, int minutes) {
        Appointment appt = book(auth.patientId(), "prov-1", start, minutes);
        check.check(practiceId, appt);
        Appointment decided = appointments.appointment(practiceId, appt.id()).orElseThrow();
        assertThat(decided.status()).isEqualTo(AppointmentStatus.SCHEDULED);
        return decided;
    }

    private Appointment act(Appointment appt, AppointmentAction action, Long expectedVersion) {
        return appointments.apply(practiceId, appt, new AppointmentRepository.Transition(action, expectedVersion,
                audit(appt, action.name()), null));
    }

    private AuditEntry audit(Appointment appt, String action) {
        return new AuditEntry(appt.id(), Instant.now(), "user-1", "front_desk", action, appt.status().name(),
                AppointmentAction.valueOf(action).to().name(), "req-1", null);
    }

    private Authorization counters(Authorization auth) {
        return practice.authorization(practiceId, auth.patientId(), auth.id()).orElseThrow();
    }

    private Appointment book(String patientId, String providerId, LocalDateTime start, int minutes) {
        Appointment appt = new Appointment(UUID.randomUUID().toString(), patientId, providerId, "97110", start, minutes,
                AppointmentStatus.REQUESTED, null, null, Instant.now(), "user-1", 1);
        appointments.book(practiceId, appt, new AuditEntry(appt.id(), Instant.now(), "user-1", "front_desk", "BOOK", null,
                "REQUESTED", "req-0", null));
        return appt;
    }

    private Authorization patientWithAuthorization(long units) {
        String patientId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        practice.create(practiceId, new Patient(patientId, "Ada", "Lovelace", LocalDate.of(1980, 12, 10), "F", now, 1));
        Coverage coverage = new Coverage(UUID.randomUUID().toString(), patientId, "payer-1", "MEMBER1",
                CoveragePriority.PRIMARY, LocalDate.of(2026, 1, 1), null, now, 1);
        practice.create(practiceId, coverage);
        Authorization auth = new Authorization(UUID.randomUUID().toString(), patientId, coverage.id(), "AUTH-" + units,
                Set.of("97110"), UnitType.UNITS, units, 0, 0, LocalDate.of(2026, 11, 1), LocalDate.of(2027, 3, 31),
                null, now, 1);
        practice.create(practiceId, auth);
        return auth;
    }
}
