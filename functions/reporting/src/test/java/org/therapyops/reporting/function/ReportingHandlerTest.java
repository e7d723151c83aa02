package org.therapyops.reporting.function;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.therapyops.domain.Appointment;
import org.therapyops.domain.AppointmentAction;
import org.therapyops.domain.AppointmentStatus;
import org.therapyops.domain.AuditEntry;
import org.therapyops.dynamodb.DynamoAppointmentRepository;
import org.therapyops.dynamodb.DynamoReportingStore;
import org.therapyops.dynamodb.Tables;
import org.therapyops.ports.AppointmentRepository;
import org.therapyops.ports.ReportingStore;
import org.therapyops.reporting.Aggregate;
import org.therapyops.reporting.ArRead;
import org.therapyops.reporting.WorkItem;
import org.therapyops.testing.Moto;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The reporting function as Lambda calls it: stream batches of the four source tables, and the weekly schedule. */
class ReportingHandlerTest {

    private static Moto moto;
    private static DynamoDbClient dynamo;
    private static Tables tables;
    private static String reportingTable;
    private static String alertsTable;
    private static String claimsTable;
    private static String queueUrl;
    private static ReportingHandler handler;
    private static ReportingStore store;
    private static JsonMapper json;
    private final String practiceId = "practice-" + UUID.randomUUID();

    @BeforeAll
    static void start() {
        moto = Moto.shared();
        dynamo = moto.dynamo();
        tables = moto.createTables();
        Moto.BillingTables billing = moto.createBillingTables();
        reportingTable = moto.createReportingTable();
        claimsTable = billing.claims();
        alertsTable = moto.createAlertsTable();
        queueUrl = moto.createQueue();
        Map<String, Object> properties = new HashMap<>(Map.of("practice.table", tables.practice(),
                "appointments.table", tables.appointments(), "appointment.history.table", tables.appointmentHistory(),
                "notes.table", billing.notes(), "claims.table", billing.claims(), "reporting.table", reportingTable,
                "alerts.table", alertsTable, "notify.queue.url", queueUrl, "aws.endpoint.url", moto.endpoint().toString()));
        handler = new ReportingHandler(ApplicationContext.builder().properties(properties));
        store = new DynamoReportingStore(dynamo, reportingTable);
        json = handler.getApplicationContext().getBean(JsonMapper.class);
    }

    @AfterAll
    static void stop() {
        handler.close();
        dynamo.close();
    }

    private Map<String, Object> event(String resource) throws IOException {
        try (var in = getClass().getResourceAsStream(resource)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{practiceId}}", practiceId);
            return json.readValue(text, Argument.mapOf(String.class, Object.class));
        }
    }

    private ReportingStore.Snapshot everything() {
        return store.read(practiceId, EnumSet.of(Aggregate.Kind.DAY_TOTAL, Aggregate.Kind.DAY_PAYER, Aggregate.Kind.DAY_PROVIDER),
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), new ArRead(LocalDate.of(2026, 1, 1), true), true);
    }

    @Test
    void aClaimRecordAsLambdaDeliversItIsCountedOnceHoweverOftenItComes() throws IOException {
        Map<String, Object> event = event("/events/claim-paid.json");
        StreamsEventResponse first = handler.handleRequest(event, null);
        assertThat(first.getBatchItemFailures()).isEmpty();
        ReportingStore.Snapshot once = everything();
        Map<String, BigDecimal> paidDay = once.aggregates().get(new Aggregate(Aggregate.Kind.DAY_TOTAL, LocalDate.of(2026, 12, 1)));
        assertThat(paidDay.get("resolvedFirst")).isEqualByComparingTo("1");
        assertThat(paidDay.get("lagPay.13")).isEqualByComparingTo("1");
        assertThat(once.aggregates().get(Aggregate.total()).get("pat|payer-1")).isEqualByComparingTo("20.00");

        assertThat(handler.handleRequest(event, null).getBatchItemFailures()).isEmpty();
        assertThat(everything().aggregates()).isEqualTo(once.aggregates());
    }

    @Test
    void anAppointmentsHistoryEntryReportsTheAppointmentAsItIsNowAndABadRecordFailsAlone() throws IOException {
        AppointmentRepository appointments = new DynamoAppointmentRepository(dynamo, tables, Clock.systemUTC());
        LocalDateTime start = LocalDateTime.of(2026, 11, 20, 9, 0);
        Appointment booked = new Appointment("appt-" + UUID.randomUUID(), "patient-1", "pt-1", "97110", start, 45,
                AppointmentStatus.SCHEDULED, null, null, Instant.parse("2026-11-01T10:00:00Z"), "desk", 1);
        appointments.book(practiceId, booked, audit(booked.id(), "BOOK"));
        Appointment completed = appointments.apply(practiceId, booked, new AppointmentRepository.Transition(AppointmentAction.COMPLETE,
                null, audit(booked.id(), "COMPLETE"), null));
        assertThat(completed.status()).isEqualTo(AppointmentStatus.COMPLETED);
        List<Map<String, AttributeValue>> history = dynamo.query(b -> b.tableName(tables.appointmentHistory())
                .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(practiceId)))).items();
        assertThat(history).hasSize(2);

        Map<String, Object> event = new HashMap<>();
        List<Object> records = new ArrayList<>();
        records.add(record("1", Map.of("pk", Map.of("S", practiceId), "sk", Map.of("S", "CLAIM#broken"),
                "type", Map.of("S", "CLAIM"), "id", Map.of("S", "broken"))));
        int sequence = 2;
        for (Map<String, AttributeValue> entry : history) {
            records.add(record(Integer.toString(sequence++), attributes(entry)));
        }
        event.put("Records", records);
        StreamsEventResponse response = handler.handleRequest(event, null);
        assertThat(response.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("1");

        ReportingStore.Snapshot snapshot = everything();
        assertThat(snapshot.aggregates().get(new Aggregate(Aggregate.Kind.DAY_PROVIDER, start.toLocalDate())))
                .containsEntry("completed|pt-1", BigDecimal.ONE);
        assertThat(snapshot.work()).extracting(WorkItem::kind, WorkItem::id).containsExactly(
                org.assertj.core.groups.Tuple.tuple(WorkItem.Kind.NOTE_MISSING, booked.id()));
    }

    @Test
    void aChangeThatCannotBeWrittenWithItsBatchFailsAloneAndTheRestOfTheBatchIsWritten() {
        // A posting's change reads its claim's payer when the batch is written; this claim item cannot be read.
        dynamo.putItem(b -> b.tableName(claimsTable).item(Map.of("pk", AttributeValue.fromS(practiceId),
                "sk", AttributeValue.fromS("CLAIM#unreadable"), "type", AttributeValue.fromS("CLAIM"), "id", AttributeValue.fromS("unreadable"))));
        Map<String, Object> posting = new HashMap<>();
        posting.put("pk", Map.of("S", practiceId));
        posting.put("sk", Map.of("S", "LEDGER#unreadable#post-1"));
        posting.put("type", Map.of("S", "POSTING"));
        posting.put("id", Map.of("S", "post-1"));
        posting.put("eraId", Map.of("S", "era-1"));
        posting.put("clpIndex", Map.of("N", "1"));
        posting.put("claimId", Map.of("S", "unreadable"));
        posting.put("statusCode", Map.of("S", "1"));
        posting.put("charge", Map.of("N", "100.00"));
        posting.put("paid", Map.of("N", "80.00"));
        posting.put("patientResponsibility", Map.of("N", "20.00"));
        posting.put("entries", Map.of("L", List.of()));
        posting.put("remarks", Map.of("L", List.of()));
        posting.put("postedAt", Map.of("S", "2026-12-01T16:00:00Z"));
        AppointmentRepository appointments = new DynamoAppointmentRepository(dynamo, tables, Clock.systemUTC());
        Appointment booked = new Appointment("appt-" + UUID.randomUUID(), "patient-1", "pt-1", "97110",
                LocalDateTime.of(2026, 11, 21, 9, 0), 45, AppointmentStatus.SCHEDULED, null, null, Instant.parse("2026-11-01T10:00:00Z"),
                "desk", 1);
        appointments.book(practiceId, booked, audit(booked.id(), "BOOK"));
        appointments.apply(practiceId, booked, new AppointmentRepository.Transition(AppointmentAction.COMPLETE, null,
                audit(booked.id(), "COMPLETE"), null));
        List<Object> records = new ArrayList<>();
        records.add(record("1", posting));
        int sequence = 2;
        for (Map<String, AttributeValue> entry : dynamo.query(b -> b.tableName(tables.appointmentHistory())
                .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(practiceId)))).items()) {
            records.add(record(Integer.toString(sequence++), attributes(entry)));
        }

        StreamsEventResponse response = handler.handleRequest(Map.of("Records", records), null);

        assertThat(response.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("1");
        assertThat(everything().work()).extracting(WorkItem::kind, WorkItem::id).containsExactly(
                org.assertj.core.groups.Tuple.tuple(WorkItem.Kind.NOTE_MISSING, booked.id()));
        assertThat(dynamo.getItem(b -> b.tableName(reportingTable).key(Map.of("pk", AttributeValue.fromS(practiceId + "#FACT"),
                "sk", AttributeValue.fromS("POSTING#unreadable#post-1")))).item()).isEmpty();
    }

    @Test
    void theDailyCompactionRemovesTheWorkCountersThatFellToZeroAndAnUnknownTaskFails() {
        LocalDate day = LocalDate.of(2026, 11, 20);
        org.therapyops.reporting.Contribution open = org.therapyops.reporting.Contribution.builder().work(new WorkItem(
                WorkItem.Kind.NOTE_MISSING, day, "appt-1", null, null, "NO_NOTE", null, "pt-1", "patient-1")).build();
        store.register(practiceId);
        store.update(practiceId, "SESSION#appt-1", f -> new ReportingStore.Fact(Map.of("v", "1"), open));
        store.update(practiceId, "SESSION#appt-1", f -> new ReportingStore.Fact(Map.of("v", "2"),
                org.therapyops.reporting.Contribution.NONE));
        Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS(practiceId + "#AGG#W"), "sk", AttributeValue.fromS("W#2026-11-01"));
        assertThat(dynamo.getItem(b -> b.tableName(reportingTable).key(key)).item()).containsKey("workCount|NOTE_MISSING@2026-11-20");

        assertThat(handler.handleRequest(Map.of("task", "compact"), null).getBatchItemFailures()).isEmpty();

        assertThat(dynamo.getItem(b -> b.tableName(reportingTable).key(key)).item()).containsOnlyKeys("pk", "sk");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> handler.handleRequest(Map.of("task", "compactify"), null))
                .hasMessageContaining("unknown task compactify").hasMessageContaining("compact");
    }

    @Test
    void theWeeklyScheduleRaisesOneReportPerPracticeAndWeek() throws IOException {
        handler.handleRequest(event("/events/claim-paid.json"), null);
        assertThat(handler.handleRequest(Map.of("task", "weekly-report"), null).getBatchItemFailures()).isEmpty();
        assertThat(handler.handleRequest(Map.of("task", "weekly-report"), null).getBatchItemFailures()).isEmpty();
        List<Map<String, AttributeValue>> alerts = dynamo.query(b -> b.tableName(alertsTable).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(practiceId)))).items();
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.get("alertType").s()).isEqualTo("WEEKLY_REPORT");
            assertThat(a).containsKey("weeklyReport").doesNotContainKey("patientId");
        });
        try (SqsClient sqs = moto.sqs()) {
            List<String> bodies = new ArrayList<>();
            sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()
                    .forEach(m -> bodies.add(m.body()));
            assertThat(bodies).anyMatch(body -> body.contains(practiceId));
        }
    }

    private static AuditEntry audit(String id, String action) {
        return new AuditEntry(id, Instant.now(), "desk", "front_desk", action, null, null, "req-1", null);
    }

    private static Map<String, Object> record(String sequence, Map<String, Object> image) {
        return Map.of("eventID", "event-" + sequence, "eventName", "INSERT", "eventSource", "aws:dynamodb",
                "dynamodb", Map.of("Keys", Map.of("pk", image.get("pk"), "sk", image.get("sk")), "NewImage", image,
                        "SequenceNumber", sequence, "StreamViewType", "NEW_IMAGE"));
    }

    /** An item in the stream's JSON form (strings and numbers are all a history entry holds). */
    private static Map<String, Object> attributes(Map<String, AttributeValue> item) {
        Map<String, Object> out = new HashMap<>();
        item.forEach((k, v) -> out.put(k, v.s() != null ? Map.of("S", v.s()) : Map.of("N", v.n())));
        return out;
    }
}
