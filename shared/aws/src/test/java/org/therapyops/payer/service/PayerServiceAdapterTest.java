package org.therapyops.payer.service;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.therapyops.domain.Appointment;
import org.therapyops.domain.AppointmentStatus;
import org.therapyops.domain.AuditEntry;
import org.therapyops.domain.Coverage;
import org.therapyops.domain.CoveragePriority;
import org.therapyops.domain.Patient;
import org.therapyops.domain.Payer;
import org.therapyops.domain.PayerRuleSettings;
import org.therapyops.domain.PayerType;
import org.therapyops.domain.PriorAuthorization;
import org.therapyops.domain.UnitRounding;
import org.therapyops.dynamodb.DynamoAppointmentRepository;
import org.therapyops.dynamodb.DynamoPracticeRepository;
import org.therapyops.dynamodb.Tables;
import org.therapyops.payer.Actor;
import org.therapyops.payer.PayerRules;
import org.therapyops.payer.Resolved;
import org.therapyops.payer.RuleSource;
import org.therapyops.ports.StaleVersionException;
import org.therapyops.scheduling.AuthorizationCheckService;
import org.therapyops.testing.Moto;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Payers' rules against the real DynamoDB wire API (moto): versions stored and read back, items written before rule
 * versions read as payer overrides, and NEEDS_AUTH bookings sent back to be checked when a payer lifts a requirement.
 */
class PayerServiceAdapterTest {

    private static final Instant NOW = Instant.parse("2026-12-06T15:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Actor BILLER = new Actor("biller-1", "biller", "request-1");

    private static DynamoDbClient dynamo;
    private static Tables tables;
    private static DynamoPracticeRepository practice;
    private static DynamoAppointmentRepository appointments;
    private static PayerService payers;
    private static AuthorizationCheckService check;

    private final String practiceId = "practice-" + UUID.randomUUID();
    private int sessions;

    @BeforeAll
    static void tables() {
        Moto moto = Moto.shared();
        dynamo = moto.dynamo();
        tables = moto.createTables();
        practice = new DynamoPracticeRepository(dynamo, tables);
        appointments = new DynamoAppointmentRepository(dynamo, tables, CLOCK);
        PayerRulesResolver resolver = PayerRulesResolver.shipped();
        payers = new PayerService(practice, new NeedsAuthRecheck(practice, appointments, resolver, CLOCK), CLOCK);
        check = new AuthorizationCheckService(practice, appointments, resolver);
    }

    @Test
    void aPayersRuleVersionsAreStoredAsSetAndReadBack() {
        PayerRuleSettings own = PayerRuleSettings.NONE.withAuthorization(PriorAuthorization.listed(Set.of("97110", "97530")))
                .withTimelyFilingDays(180).withTelehealthModifierRequired(false).withTelehealthPlaceOfServiceHome("12");
        Payer registered = payers.register(practiceId, "payer-1", change(own, null), BILLER);
        Payer replaced = payers.replace(practiceId, registered, change(own.withUnitRounding(UnitRounding.CMS_8_MINUTE), null),
                BILLER).payer();

        Payer read = practice.payer(practiceId, "payer-1").orElseThrow();
        assertThat(read).isEqualTo(replaced);
        assertThat(read.ruleVersions()).hasSize(2);
        assertThat(read.ruleVersions().get(0).effectiveFrom()).isNull();
        assertThat(read.ruleVersions().get(0).settings()).isEqualTo(own);
        // Replaced without a date: from the practice's today (America/New_York by default) on.
        assertThat(read.ruleVersions().get(1).effectiveFrom()).isEqualTo(LocalDate.of(2026, 12, 6));
        assertThat(read.ruleVersions().get(1).recordedBy()).isEqualTo("biller-1");
        assertThat(read.settingsOn(LocalDate.of(2026, 12, 5)).unitRounding()).isNull();
        assertThat(read.settingsOn(LocalDate.of(2026, 12, 6)).unitRounding()).isEqualTo(UnitRounding.CMS_8_MINUTE);

        // What was not set is not stored: nothing of the second version's profile values is written.
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(tables.practice())
                .key(Map.of("pk", AttributeValue.fromS(practiceId), "sk", AttributeValue.fromS("PAYER#payer-1")))).item();
        Map<String, AttributeValue> first = item.get("ruleVersions").l().get(0).m();
        assertThat(first).containsKeys("authorizationRequired", "authorizationCodes", "timelyFilingDays", "posHome",
                "telehealthModifierRequired").doesNotContainKeys("unitRounding", "posOther");
        assertThat(item).doesNotContainKeys("authorizationRequired", "unitRounding", "timelyFilingDays");

        assertThatThrownBy(() -> payers.replace(practiceId, registered, change(PayerRuleSettings.NONE, null), BILLER))
                .isInstanceOf(StaleVersionException.class);
    }

    @Test
    void aPayerWrittenBeforeRuleVersionsKeepsItsValuesAsItsOwnFromTheStart() {
        dynamo.putItem(b -> b.tableName(tables.practice()).item(Map.ofEntries(
                Map.entry("pk", AttributeValue.fromS(practiceId)), Map.entry("sk", AttributeValue.fromS("PAYER#old-1")),
                Map.entry("type", AttributeValue.fromS("PAYER")), Map.entry("id", AttributeValue.fromS("old-1")),
                Map.entry("createdAt", AttributeValue.fromS("2026-03-01T00:00:00Z")), Map.entry("version", AttributeValue.fromN("3")),
                Map.entry("name", AttributeValue.fromS("Acme Health")), Map.entry("payerId", AttributeValue.fromS("ACME1")),
                Map.entry("payerType", AttributeValue.fromS("COMMERCIAL")),
                Map.entry("authorizationRequired", AttributeValue.fromS("ALL")),
                Map.entry("unitRounding", AttributeValue.fromS("PER_CODE")), Map.entry("timelyFilingDays", AttributeValue.fromN("90")),
                Map.entry("posHome", AttributeValue.fromS("10")), Map.entry("posOther", AttributeValue.fromS("02")))));
        dynamo.putItem(b -> b.tableName(tables.practice()).item(Map.of(
                "pk", AttributeValue.fromS(practiceId), "sk", AttributeValue.fromS("PAYER#older-1"),
                "type", AttributeValue.fromS("PAYER"), "id", AttributeValue.fromS("older-1"),
                "createdAt", AttributeValue.fromS("2026-01-01T00:00:00Z"), "version", AttributeValue.fromN("1"),
                "name", AttributeValue.fromS("Beta Health"), "payerId", AttributeValue.fromS("BETA1"))));

        Payer old = practice.payer(practiceId, "old-1").orElseThrow();
        PayerRuleSettings settings = old.settingsOn(LocalDate.of(2020, 1, 1));
        assertThat(settings).isEqualTo(new PayerRuleSettings(PriorAuthorization.all(), UnitRounding.PER_CODE, 90, "10", "02", false));
        PayerRules rules = PayerRulesResolver.shipped().rulesFor(old, LocalDate.of(2026, 12, 1)).orElseThrow();
        assertThat(rules.authorization().source()).isEqualTo(RuleSource.PAYER);
        assertThat(rules.telehealthModifierRequired()).isEqualTo(new Resolved<>(false, RuleSource.PAYER));

        Payer older = practice.payer(practiceId, "older-1").orElseThrow();
        assertThat(older.payerType()).isEqualTo(PayerType.OTHER);
        assertThat(older.ruleVersions()).isEmpty();

        // Replacing it moves the values into ruleVersions, nothing left behind at the top.
        payers.replace(practiceId, old, new PayerService.PayerChange("Acme Health", "ACME1", PayerType.COMMERCIAL, settings,
                null), BILLER);
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(tables.practice())
                .key(Map.of("pk", AttributeValue.fromS(practiceId), "sk", AttributeValue.fromS("PAYER#old-1")))).item();
        assertThat(item).containsKey("ruleVersions").doesNotContainKeys("authorizationRequired", "unitRounding", "posHome");
        assertThat(practice.payer(practiceId, "old-1").orElseThrow().ruleVersions()).hasSize(1);
    }

    @Test
    void liftingARequirementSendsBackTheBlockedBookingsItNoLongerBlocksAndOnlyThose() {
        Payer acme = payers.register(practiceId, "acme", new PayerService.PayerChange("Acme Health", "ACME1", PayerType.COMMERCIAL,
                PayerRuleSettings.NONE, null), BILLER);
        payers.register(practiceId, "beta", new PayerService.PayerChange("Beta Health", "BETA1", PayerType.COMMERCIAL,
                PayerRuleSettings.NONE, null), BILLER);
        String acmePatient = patient("acme");
        String betaPatient = patient("beta");
        Appointment exercise = blocked(acmePatient, "97110");
        Appointment manual = blocked(acmePatient, "97140");
        Appointment otherPayers = blocked(betaPatient, "97110");

        // Acme takes 97110 off its list (the profile's list stays otherwise), from today: the sessions of 2026-12-10 on need
        // no authorization for it any more.
        PayerService.Replaced replaced = payers.replace(practiceId, acme, change(PayerRuleSettings.NONE.withAuthorization(
                PriorAuthorization.listed(Set.of("97140", "97530"))), null), BILLER);

        assertThat(replaced.recheckedAppointmentIds()).containsExactly(exercise.id());
        assertThat(status(exercise)).isEqualTo(AppointmentStatus.REQUESTED);
        assertThat(status(manual)).isEqualTo(AppointmentStatus.NEEDS_AUTH);
        assertThat(status(otherPayers)).isEqualTo(AppointmentStatus.NEEDS_AUTH);
        AuditEntry audit = appointments.audit(practiceId, exercise.id()).stream().filter(e -> e.action().equals("RECHECK"))
                .findFirst().orElseThrow();
        assertThat(audit.actor()).isEqualTo("biller-1");
        assertThat(audit.requestId()).isEqualTo("request-1");
        assertThat(audit.reason()).contains("payer acme").contains("97110").doesNotContain("Acme");

        // The authorization check (as the function fed by the stream) schedules it, needing nothing.
        check.check(practiceId, appointments.appointment(practiceId, exercise.id()).orElseThrow());
        Appointment scheduled = appointments.appointment(practiceId, exercise.id()).orElseThrow();
        assertThat(scheduled.status()).isEqualTo(AppointmentStatus.SCHEDULED);
        assertThat(scheduled.decision().authorizationId()).isNull();
        assertThat(scheduled.decision().explanation()).contains("No authorization needed");

        // The same replacement again finds nothing more to send back.
        Payer now = practice.payer(practiceId, "acme").orElseThrow();
        assertThat(payers.replace(practiceId, now, change(PayerRuleSettings.NONE.withAuthorization(
                PriorAuthorization.listed(Set.of("97140", "97530"))), null), BILLER).recheckedAppointmentIds()).isEmpty();
        assertThat(practice.payer(practiceId, "acme").orElseThrow().ruleVersions()).hasSize(1);
    }

    @Test
    void aChangeFromALaterDateLeavesEarlierBlockedBookingsBlocked() {
        Payer acme = payers.register(practiceId, "acme", new PayerService.PayerChange("Acme Health", "ACME1", PayerType.COMMERCIAL,
                PayerRuleSettings.NONE, null), BILLER);
        String patient = patient("acme");
        Appointment before = blocked(patient, "97110"); // 2026-12-10

        PayerService.Replaced replaced = payers.replace(practiceId, acme, change(PayerRuleSettings.NONE.withAuthorization(
                PriorAuthorization.none()), LocalDate.of(2026, 12, 20)), BILLER);

        assertThat(replaced.recheckedAppointmentIds()).isEmpty();
        assertThat(status(before)).isEqualTo(AppointmentStatus.NEEDS_AUTH);
    }

    private static PayerService.PayerChange change(PayerRuleSettings settings, LocalDate effectiveFrom) {
        return new PayerService.PayerChange("Acme Health", "ACME1", PayerType.COMMERCIAL, settings, effectiveFrom);
    }

    private String patient(String payerId) {
        String patientId = "patient-" + UUID.randomUUID();
        practice.create(practiceId, new Patient(patientId, "Ada", "Lovelace", LocalDate.of(1980, 12, 10), "F", NOW, 1));
        practice.create(practiceId, new Coverage("cov-" + patientId, patientId, payerId, "M1", CoveragePriority.PRIMARY,
                LocalDate.of(2026, 1, 1), null, NOW, 1));
        return patientId;
    }

    /** A booking of the code the authorization check refused (no authorization on file): NEEDS_AUTH. */
    private Appointment blocked(String patientId, String code) {
        Appointment appt = new Appointment("appt-" + UUID.randomUUID(), patientId, "provider-1", code,
                LocalDateTime.of(2026, 12, 10, 8, 0).plusHours(sessions++), 45, AppointmentStatus.REQUESTED, null, null, NOW, "desk", 1);
        appointments.book(practiceId, appt, new AuditEntry(appt.id(), NOW, "desk", "front_desk", "BOOK", null, "REQUESTED", "r", null));
        check.check(practiceId, appt);
        assertThat(status(appt)).isEqualTo(AppointmentStatus.NEEDS_AUTH);
        return appt;
    }

    private AppointmentStatus status(Appointment appt) {
        return appointments.appointment(practiceId, appt.id()).orElseThrow().status();
    }
}
