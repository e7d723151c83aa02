package org.therapyops.chargecapture;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.therapyops.billing.AssistantInvolvement;
import org.therapyops.billing.Charge;
import org.therapyops.billing.Claim;
import org.therapyops.billing.ClaimFrequency;
import org.therapyops.billing.ClaimStatus;
import org.therapyops.billing.Note;
import org.therapyops.billing.NoteStatus;
import org.therapyops.billing.Party;
import org.therapyops.billing.ServiceLine;
import org.therapyops.billing.StoredClaim;
import org.therapyops.billing.TelehealthMode;
import org.therapyops.billing.charges.CaptureRecord;
import org.therapyops.billing.charges.CaptureResult;
import org.therapyops.billing.charges.FeeSchedule;
import org.therapyops.billing.charges.FindingCode;
import org.therapyops.billing.charges.KxThresholds;
import org.therapyops.billing.claims.ChargeCaptureService;
import org.therapyops.domain.Appointment;
import org.therapyops.domain.AppointmentStatus;
import org.therapyops.domain.AuditEntry;
import org.therapyops.domain.Authorization;
import org.therapyops.domain.BillingProfile;
import org.therapyops.domain.Coverage;
import org.therapyops.domain.CoveragePriority;
import org.therapyops.domain.Discipline;
import org.therapyops.domain.Patient;
import org.therapyops.domain.Payer;
import org.therapyops.domain.PayerRuleSettings;
import org.therapyops.domain.PayerType;
import org.therapyops.domain.PostalAddress;
import org.therapyops.domain.PriorAuthorization;
import org.therapyops.domain.Provider;
import org.therapyops.domain.UnitType;
import org.therapyops.dynamodb.DynamoAppointmentRepository;
import org.therapyops.dynamodb.DynamoClaimRepository;
import org.therapyops.dynamodb.DynamoNoteRepository;
import org.therapyops.dynamodb.DynamoPracticeRepository;
import org.therapyops.dynamodb.Tables;
import org.therapyops.scheduling.AuthorizationCheckService;
import org.therapyops.testing.Moto;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The charge-capture function as Lambda calls it, against DynamoDB and SQS on moto: a signing event becomes
 * charges and a SCRUB_PENDING claim queued for scrubbing; the same record delivered twice writes and sends nothing new.
 */
class ChargeCaptureHandlerTest {

    private static final Instant NOW = Instant.parse("2026-03-02T16:00:00Z");
    private static DynamoDbClient dynamo;
    private static SqsClient sqs;
    private static String queueUrl;
    private static String notesTable;
    private static DynamoPracticeRepository practice;
    private static DynamoAppointmentRepository appointments;
    private static DynamoNoteRepository notes;
    private static DynamoClaimRepository claims;
    private static ChargeCaptureHandler handler;

    private final String practiceId = "practice-" + UUID.randomUUID();

    @BeforeAll
    static void start() {
        Moto moto = Moto.shared();
        Tables tables = moto.createTables();
        Moto.BillingTables billing = moto.createBillingTables();
        dynamo = moto.dynamo();
        sqs = SqsClient.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        queueUrl = sqs.createQueue(b -> b.queueName("scrub-" + UUID.randomUUID().toString().substring(0, 8))).queueUrl();
        notesTable = billing.notes();
        practice = new DynamoPracticeRepository(dynamo, tables);
        appointments = new DynamoAppointmentRepository(dynamo, tables, Clock.systemUTC());
        notes = new DynamoNoteRepository(dynamo, billing.notes());
        claims = new DynamoClaimRepository(dynamo, billing.claims());
        handler = new ChargeCaptureHandler(ApplicationContext.builder().properties(Map.of(
                "practice.table", tables.practice(), "appointments.table", tables.appointments(), "appointment.history.table", tables.appointmentHistory(),
                "notes.table", billing.notes(), "claims.table", billing.claims(), "scrub.queue.url", queueUrl,
                "aws.endpoint.url", moto.endpoint().toString())));
    }

    @AfterAll
    static void stop() throws Exception {
        handler.close();
        dynamo.close();
        sqs.close();
    }

    private static final PostalAddress HOME = new PostalAddress("2 Oak St", null, "Springfield", "IL", "62702");
    private static final PostalAddress OFFICE = new PostalAddress("100 River Rd", null, "Springfield", "IL", "627011234");

    /**
     * A practice with a billing profile, a Medicare patient with an address and an authorization (A-1), a PT, and a
     * scheduled appointment; returns its signed note.
     */
    private Note signedNote(List<ServiceLine> lines) {
        // Medicare's profile wants no authorization; this payer set its own: every service.
        Payer payer = new Payer("payer-1", "Medicare Part B", "MCRB1", PayerType.MEDICARE, NOW, 1)
                .withRules(PayerRuleSettings.NONE.withAuthorization(PriorAuthorization.all()), null, NOW, "test");
        practice.create(practiceId, payer);
        practice.create(practiceId, new Patient("patient-1", "Ada", "Lovelace", LocalDate.of(1950, 12, 10), "F", HOME, NOW, 1));
        practice.saveBillingProfile(practiceId, new BillingProfile("Riverside Therapy Group", "1245319599", "123456789",
                "261QR0400X", OFFICE, null, 0), 0);
        practice.saveFeeSchedule(practiceId, FeeSchedule.loadSample(), 0);
        practice.create(practiceId, new Provider("pt-1", "1234567893", "Grace", "Hopper", Discipline.PT, "225100000X", "PT",
                null, NOW, 1));
        practice.create(practiceId, new Coverage("coverage-1", "patient-1", "payer-1", "1EG4TE5MK73", CoveragePriority.PRIMARY,
                LocalDate.of(2026, 1, 1), null, NOW, 1));
        practice.create(practiceId, new Authorization("auth-1", "patient-1", "coverage-1", "A-1", Set.of("97110"), UnitType.VISITS,
                20, 0, 0, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), Discipline.PT, NOW, 1));
        Appointment requested = new Appointment("appt-1", "patient-1", "pt-1", "97110", LocalDateTime.of(2026, 3, 2, 10, 0), 45,
                AppointmentStatus.REQUESTED, null, null, NOW, "front-desk", 1);
        appointments.book(practiceId, requested, new AuditEntry("appt-1", NOW, "fd", "front_desk", "BOOK", null, "REQUESTED", null, null));
        new AuthorizationCheckService(practice, appointments, org.therapyops.testing.Payers.RESOLVER).check(practiceId, requested);
        assertThat(appointments.appointment(practiceId, "appt-1").orElseThrow().status()).isEqualTo(AppointmentStatus.SCHEDULED);

        String noteId = "note-" + UUID.randomUUID();
        notes.create(practiceId, new Note(noteId, "appt-1", "patient-1", "pt-1", NoteStatus.DRAFT, LocalDate.of(2026, 3, 2), "11",
                TelehealthMode.IN_PERSON, false, List.of("M5450", "M25561"), lines, List.of(), NOW, "pt-1", null, null, 1),
                new AuditEntry(noteId, NOW, "pt-1", "clinician", "CREATE", null, "DRAFT", null, null));
        return notes.sign(practiceId, noteId, 1, "pt-1", NOW, new AuditEntry(noteId, NOW, "pt-1", "clinician", "SIGN", "DRAFT",
                "SIGNED", null, null));
    }

    @Test
    void aSignedNoteBecomesChargesAndAQueuedClaimOnceThoughDeliveredTwice() {
        Note note = signedNote(List.of(new ServiceLine("97110", 33, "pt-1", AssistantInvolvement.NONE),
                new ServiceLine("97140", 7, "pt-1", AssistantInvolvement.NONE)));
        DynamodbEvent event = signingEvent(note.id());

        StreamsEventResponse first = handler.handleRequest(event, null);
        assertThat(first.getBatchItemFailures()).isEmpty();
        StoredClaim claim = claims.get(practiceId, note.id() + "-C01").orElseThrow();
        assertThat(claim.status()).isEqualTo(ClaimStatus.SCRUB_PENDING);
        assertThat(claim.queued()).isTrue();
        assertThat(claim.claim().priorAuthorizationNumber()).isEqualTo("A-1");
        assertThat(claim.claim().payerEdiId()).isEqualTo("MCRB1");
        assertThat(claim.claim().subscriber().memberId()).isEqualTo("1EG4TE5MK73");
        assertThat(claim.claim().renderingProvider().npi()).isEqualTo("1234567893");
        assertThat(claim.claim().billingProvider()).isEqualTo(new Party("Riverside Therapy Group", null, "1245319599", "123456789",
                "261QR0400X", OFFICE));
        assertThat(claim.claim().subscriber().address()).isEqualTo(HOME);
        assertThat(claim.claim().diagnoses()).containsExactly("M5450", "M25561");
        List<Charge> lines = claim.claim().lines();
        assertThat(lines).extracting(Charge::code).containsExactly("97110", "97140");
        assertThat(lines).extracting(Charge::units).containsExactly(2, 1);
        assertThat(lines).extracting(Charge::modifiers).containsExactly(List.of("GP"), List.of("GP"));
        assertThat(lines).extracting(Charge::amount).containsExactly(new BigDecimal("90.00"), new BigDecimal("44.00"));
        assertThat(claims.charge(practiceId, note.id() + "-01").orElseThrow().claimId()).isEqualTo(claim.claim().id());
        assertThat(claims.get(practiceId, note.id() + "-C02")).isEmpty();
        CaptureRecord record = claims.captureRecord(practiceId, note.id()).orElseThrow();
        assertThat(record.outcome()).isEqualTo(CaptureRecord.Outcome.CHARGED);
        assertThat(record.claimIds()).containsExactly(claim.claim().id());
        assertThat(record.findings()).allSatisfy(f -> assertThat(f.severity()).isEqualTo(FindingCode.Severity.INFO));

        // The same stream record again, as Lambda redelivers after a timeout: nothing new is written or sent.
        StreamsEventResponse second = handler.handleRequest(event, null);
        assertThat(second.getBatchItemFailures()).isEmpty();
        assertThat(claims.get(practiceId, claim.claim().id()).orElseThrow()).isEqualTo(claim);
        assertThat(claims.list(practiceId, null, 10, null).items()).hasSize(1);

        List<String> bodies = drain();
        assertThat(bodies).containsExactly("{\"practiceId\":\"" + practiceId + "\",\"claimId\":\"" + claim.claim().id() + "\"}");
    }

    /** A claim of patient {@code patientId} billed before, with one GP line of {@code amount}. */
    private void earlierClaim(String practice, String id, String patientId, String payerId, LocalDate dos, String amount) {
        Charge line = new Charge("97110", List.of("GP"), 1, 15, List.of(1), new BigDecimal(amount), "pt-1", dos, "11");
        claims.createIfAbsent(practice, new StoredClaim(new Claim(id, patientId, "coverage-1", payerId, null, null, null, null,
                null, null, dos, "11", ClaimFrequency.ORIGINAL, null, null, List.of("M5450"), List.of(line)), "note-" + id,
                dos.atStartOfDay().toInstant(java.time.ZoneOffset.UTC), ClaimStatus.READY, true, NOW, 2));
    }

    @Test
    void kxComesFromThePatientsEarlierMedicareClaimsOfTheYearAndARedeliveryChargesTheSame() {
        Note note = signedNote(List.of(new ServiceLine("97110", 33, "pt-1", AssistantInvolvement.NONE),
                new ServiceLine("97140", 7, "pt-1", AssistantInvolvement.NONE)));
        practice.create(practiceId, new Payer("payer-2", "Acme Health", "ACME1", PayerType.COMMERCIAL, NOW, 1));
        // $2,400 of Medicare PT this year (just under 2026's $2,480); what must not count is far above it.
        earlierClaim(practiceId, "e-1", "patient-1", "payer-1", LocalDate.of(2026, 1, 20), "2400.00");
        earlierClaim(practiceId, "e-2", "patient-1", "payer-2", LocalDate.of(2026, 2, 1), "9000.00");
        earlierClaim(practiceId, "e-3", "patient-2", "payer-1", LocalDate.of(2026, 2, 1), "9000.00");
        earlierClaim(practiceId, "e-4", "patient-1", "payer-1", LocalDate.of(2025, 12, 30), "9000.00");
        earlierClaim("practice-" + UUID.randomUUID(), "e-5", "patient-1", "payer-1", LocalDate.of(2026, 2, 1), "9000.00");

        assertThat(handler.handleRequest(signingEvent(note.id()), null).getBatchItemFailures()).isEmpty();
        StoredClaim claim = claims.get(practiceId, note.id() + "-C01").orElseThrow();
        // 2400 + 90 = 2490 is already over; 97140's line takes KX too: every PT line of the note, none left out.
        assertThat(claim.claim().lines()).extracting(Charge::modifiers)
                .containsExactly(List.of("GP", "KX"), List.of("GP", "KX"));
        assertThat(claim.noteSignedAt()).isEqualTo(note.signedAt());

        // The note's own claim is in the index now: capturing again still counts only what came before the note.
        ChargeCaptureService.Outcome again = handler.getApplicationContext().getBean(ChargeCaptureService.class)
                .capture(practiceId, note);
        assertThat(again.chargesCreated()).isZero();
        assertThat(((CaptureResult.Captured) again.result()).chargeLines()).extracting(Charge::modifiers)
                .containsExactly(List.of("GP", "KX"), List.of("GP", "KX"));
        drain();
    }

    @Test
    void kxIsDecidedAgainstTheThresholdThePracticesAdminSetForTheYear() {
        Note note = signedNote(List.of(new ServiceLine("97110", 33, "pt-1", AssistantInvolvement.NONE),
                new ServiceLine("97140", 7, "pt-1", AssistantInvolvement.NONE)));
        // $2,000 earlier this year: under the shipped $2,480 for 2026, over the $2,050 the admin set.
        earlierClaim(practiceId, "e-1", "patient-1", "payer-1", LocalDate.of(2026, 1, 20), "2000.00");
        practice.saveKxThresholds(practiceId, KxThresholds.of(List.of(KxThresholds.Threshold.practice(2026, new BigDecimal("2050.00"),
                "test"))), 0);

        assertThat(handler.handleRequest(signingEvent(note.id()), null).getBatchItemFailures()).isEmpty();
        assertThat(claims.get(practiceId, note.id() + "-C01").orElseThrow().claim().lines()).extracting(Charge::modifiers)
                .containsExactly(List.of("GP", "KX"), List.of("GP", "KX"));
        drain();
    }

    @Test
    void aNoteUnderEightTimedMinutesIsRecordedAsNothingBilledWithItsFinding() {
        Note note = signedNote(List.of(new ServiceLine("97110", 5, "pt-1", AssistantInvolvement.NONE)));

        assertThat(handler.handleRequest(signingEvent(note.id()), null).getBatchItemFailures()).isEmpty();

        CaptureRecord record = claims.captureRecord(practiceId, note.id()).orElseThrow();
        assertThat(record.outcome()).isEqualTo(CaptureRecord.Outcome.NOTHING_BILLED);
        assertThat(record.claimIds()).isEmpty();
        assertThat(record.findings()).filteredOn(f -> f.severity() != FindingCode.Severity.INFO)
                .extracting(f -> f.code().id()).containsExactly("charge.timed-total-under-8");
        assertThat(claims.list(practiceId, null, 10, null).items()).isEmpty();
        assertThat(drain()).isEmpty();
    }

    @Test
    void readsTheSigningRecordAsLambdaDeliversIt() throws Exception {
        Note note = signedNote(List.of(new ServiceLine("97110", 33, "pt-1", AssistantInvolvement.NONE),
                new ServiceLine("97140", 7, "pt-1", AssistantInvolvement.NONE)));
        String json;
        try (var in = getClass().getResourceAsStream("/events/note-signed.json")) {
            json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("{{practiceId}}", practiceId).replace("{{noteId}}", note.id());
        }
        DynamodbEvent event = handler.getApplicationContext().getBean(io.micronaut.json.JsonMapper.class)
                .readValue(json, DynamodbEvent.class);

        assertThat(handler.handleRequest(event, null).getBatchItemFailures()).isEmpty();
        StoredClaim claim = claims.get(practiceId, note.id() + "-C01").orElseThrow();
        assertThat(claim.claim().lines()).extracting(Charge::units).containsExactly(2, 1);
        assertThat(claim.queued()).isTrue();
        drain();
    }

    @Test
    void aNoteWhoseAppointmentIsGoneFailsItsRecordOnly() {
        Note note = signedNote(List.of(new ServiceLine("97110", 30, "pt-1", AssistantInvolvement.NONE)));
        Map<String, AttributeValue> item = new HashMap<>(dynamo.getItem(b -> b.tableName(notesTable)
                .key(Map.of("pk", AttributeValue.fromS(practiceId), "sk", AttributeValue.fromS("NOTE#" + note.id())))).item());
        item.put("appointmentId", AttributeValue.fromS("no-such-appointment"));
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(List.of(record(item, "1")));
        StreamsEventResponse response = handler.handleRequest(event, null);
        assertThat(response.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("1");
        assertThat(claims.list(practiceId, null, 10, null).items()).isEmpty();
    }

    private List<String> drain() {
        List<String> bodies = new ArrayList<>();
        List<Message> received;
        do {
            received = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
            for (Message m : received) {
                bodies.add(m.body());
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        } while (!received.isEmpty());
        return bodies;
    }

    /** The MODIFY record the Notes stream carries for the signing, built from the stored item. */
    private DynamodbEvent signingEvent(String noteId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(notesTable)
                .key(Map.of("pk", AttributeValue.fromS(practiceId), "sk", AttributeValue.fromS("NOTE#" + noteId)))).item();
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(List.of(record(item, "100")));
        return event;
    }

    private static DynamodbEvent.DynamodbStreamRecord record(Map<String, AttributeValue> item, String sequence) {
        com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord change =
                new com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord();
        change.setNewImage(toEvent(item));
        change.setSequenceNumber(sequence);
        DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventID("event-" + sequence);
        record.setEventName("MODIFY");
        record.setDynamodb(change);
        return record;
    }

    private static Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> toEvent(
            Map<String, AttributeValue> item) {
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> out = new HashMap<>();
        item.forEach((k, v) -> out.put(k, toEvent(v)));
        return out;
    }

    private static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue toEvent(AttributeValue v) {
        var out = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
        if (v.s() != null) {
            out.setS(v.s());
        } else if (v.n() != null) {
            out.setN(v.n());
        } else if (v.bool() != null) {
            out.setBOOL(v.bool());
        } else if (v.hasL()) {
            out.setL(v.l().stream().map(ChargeCaptureHandlerTest::toEvent).toList());
        } else if (v.hasM()) {
            out.setM(toEvent(v.m()));
        } else if (v.hasSs()) {
            out.setSS(v.ss());
        }
        return out;
    }
}
