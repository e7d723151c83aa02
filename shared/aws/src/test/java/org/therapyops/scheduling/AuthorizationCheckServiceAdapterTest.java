package org.therapyops.scheduling;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.therapyops.domain.Appointment;
import org.therapyops.domain.AppointmentStatus;
import org.therapyops.domain.AuditEntry;
import org.therapyops.domain.Authorization;
import org.therapyops.domain.Coverage;
import org.therapyops.domain.CoveragePriority;
import org.therapyops.domain.Patient;
import org.therapyops.domain.ReasonCode;
import org.therapyops.domain.UnitType;
import org.therapyops.domain.authorization.AuthorizationDecision;
import org.therapyops.dynamodb.DynamoAppointmentRepository;
import org.therapyops.dynamodb.DynamoPracticeRepository;
import org.therapyops.dynamodb.Tables;
import org.therapyops.ports.AppointmentRepository;
import org.therapyops.testing.Moto;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

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

/** The authorization check against the real DynamoDB wire API (moto): conditional writes, redelivery, races. */
class AuthorizationCheckServiceAdapterTest {

    private static DynamoDbClient dynamo;
    private static DynamoPracticeRepository practice;
    private static DynamoAppointmentRepository appointments;
    private static AuthorizationCheckService service;

    private final String practiceId = "practice-" + UUID.randomUUID();
    private int sessions;

    @BeforeAll
    static void tables() {
        Moto moto = Moto.shared();
        dynamo = moto.dynamo();
        Tables tables = moto.createTables();
        practice = new DynamoPracticeRepository(dynamo, tables);
        appointments = new DynamoAppointmentRepository(dynamo, tables, Clock.systemUTC());
        service = new AuthorizationCheckService(practice, appointments, org.therapyops.testing.Payers.RESOLVER);
    }

    @Test
    void reservesUnitsAndSchedules() {
        Authorization auth = patientWithAuthorization(8);
        Appointment appt = book(auth.patientId(), 45);

        assertThat(service.check(practiceId, appt)).containsInstanceOf(AuthorizationDecision.Reserve.class);

        Appointment stored = appointments.appointment(practiceId, appt.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(AppointmentStatus.SCHEDULED);
        assertThat(stored.decision().authorizationId()).isEqualTo(auth.id());
        assertThat(stored.decision().reservedUnits()).isEqualTo(3);
        Authorization after = practice.authorization(practiceId, auth.patientId(), auth.id()).orElseThrow();
        assertThat(after.scheduled()).isEqualTo(3);
        assertThat(after.remaining()).isEqualTo(5);
    }

    @Test
    void redeliveredRecordNeverReservesTwice() {
        Authorization auth = patientWithAuthorization(8);
        Appointment appt = book(auth.patientId(), 30);

        service.check(practiceId, appt);
        // The same stream image delivered again (REQUESTED, version 1): nothing more is written.
        assertThat(service.check(practiceId, appt)).isEmpty();
        assertThat(service.check(practiceId, appt)).isEmpty();

        Authorization after = practice.authorization(practiceId, auth.patientId(), auth.id()).orElseThrow();
        assertThat(after.scheduled()).isEqualTo(2);
        assertThat(after.remaining()).isEqualTo(6);
    }

    @Test
    void refusesWithReasonsWhenUnitsRunOut() {
        Authorization auth = patientWithAuthorization(2);
        Appointment appt = book(auth.patientId(), 60);

        service.check(practiceId, appt);

        Appointment stored = appointments.appointment(practiceId, appt.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(AppointmentStatus.NEEDS_AUTH);
        assertThat(stored.decision().reasons()).extracting(r -> r.code()).containsExactly(ReasonCode.INSUFFICIENT_UNITS);
        assertThat(stored.decision().reasons().get(0).details()).containsEntry("needed", "4").containsEntry("remaining", "2");
        assertThat(practice.authorization(practiceId, auth.patientId(), auth.id()).orElseThrow().scheduled()).isZero();
    }

    @Test
    void staleDecisionLosesToTheAuthorizationCounter() {
        Authorization auth = patientWithAuthorization(2);
        Appointment first = book(auth.patientId(), 30);
        Appointment second = book(auth.patientId(), 30);
        // Both decided on the same (stale) read of 2 units left: only the first write may reserve.
        AuthorizationDecision reserve = new AuthorizationDecision.Reserve(auth.id(), 2, "test");

        assertThat(appointments.record(practiceId, first, reserve)).isEqualTo(AppointmentRepository.RecordOutcome.RECORDED);
        assertThat(appointments.record(practiceId, second, reserve)).isEqualTo(AppointmentRepository.RecordOutcome.CONTENDED);
        assertThat(appointments.appointment(practiceId, second.id()).orElseThrow().status()).isEqualTo(AppointmentStatus.REQUESTED);
    }

    @Test
    void twentyConcurrentChecksAgainstFiveUnitsScheduleExactlyFive() throws Exception {
        Authorization auth = patientWithAuthorization(5);
        List<Appointment> booked = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            booked.add(book(auth.patientId(), 15));
        }
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Callable<Object>> checks = booked.stream().<Callable<Object>>map(a -> () -> service.check(practiceId, a)).toList();
            for (Future<Object> f : pool.invokeAll(checks)) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }

        long scheduled = booked.stream().map(a -> appointments.appointment(practiceId, a.id()).orElseThrow().status())
                .filter(s -> s == AppointmentStatus.SCHEDULED).count();
        assertThat(scheduled).isEqualTo(5);
        Authorization after = practice.authorization(practiceId, auth.patientId(), auth.id()).orElseThrow();
        assertThat(after.scheduled()).isEqualTo(5);
        assertThat(after.remaining()).isZero();
    }

    @Test
    void anotherPracticeSeesNothingOfThePatient() {
        Authorization auth = patientWithAuthorization(5);
        String otherPractice = "practice-" + UUID.randomUUID();

        assertThat(practice.patient(otherPractice, auth.patientId())).isEmpty();
        assertThat(practice.benefits(otherPractice, auth.patientId()).authorizations()).isEmpty();
        assertThat(practice.authorization(otherPractice, auth.patientId(), auth.id())).isEmpty();
    }

    private Authorization patientWithAuthorization(long units) {
        String patientId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        practice.create(practiceId, new Patient(patientId, "Ada", "Lovelace", LocalDate.of(1980, 12, 10), "F", now, 1));
        Coverage coverage = new Coverage(UUID.randomUUID().toString(), patientId, "payer-1", "MEMBER1",
                CoveragePriority.PRIMARY, LocalDate.of(2026, 1, 1), null, now, 1);
        practice.create(practiceId, coverage);
        Authorization auth = new Authorization(UUID.randomUUID().toString(), patientId, coverage.id(), "AUTH-" + units,
                Set.of("97110"), UnitType.UNITS, units, 0, 0, LocalDate.of(2026, 11, 1), LocalDate.of(2027, 1, 31),
                null, now, 1);
        practice.create(practiceId, auth);
        return auth;
    }

    private Appointment book(String patientId, int minutes) {
        // One session a day, so that no booking overlaps another.
        Appointment appt = new Appointment(UUID.randomUUID().toString(), patientId, "provider-1", "97110",
                LocalDateTime.of(2026, 11, 2, 10, 0).plusDays(sessions++), minutes, AppointmentStatus.REQUESTED, null, null,
                Instant.now(), "user", 1);
        appointments.book(practiceId, appt, new AuditEntry(appt.id(), Instant.now(), "user", "front_desk", "BOOK", null,
                "REQUESTED", "test", null));
        return appt;
    }
}
