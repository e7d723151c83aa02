package org.therapyops.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.therapyops.domain.alert.Alert;
import org.therapyops.domain.alert.AlertStatus;
import org.therapyops.domain.alert.AlertType;
import org.therapyops.dynamodb.DynamoAlertRepository;
import org.therapyops.ports.AlertRepository;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.therapyops.localcloud.DynamoDbJson;
import org.therapyops.localcloud.InvocationResult;
import org.therapyops.localcloud.LocalCloud;
import org.therapyops.localcloud.SentEmail;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Authorization alerts end to end: bookings move an authorization's counters, the Practice stream feeds
 * the alerts function, the notify queue feeds the notifier, and the emails are read back from the emulator;
 * the alerts are listed and acknowledged through the API; poison notify messages end in the dead-letter queue.
 * Each test has its own practice and recipients.
 */
class AlertsEndToEndTest {

    private static final String SENDER = "alerts@therapyops.example";
    private static final String APP = "https://app.therapyops.example";

    private static LocalCloud cloud;

    @BeforeAll
    static void cloud() {
        cloud = Cloud.get();
    }

    /** A practice whose settings (the defaults: 30/14/7 days, 20%, 2 visits) name two recipients of its own. */
    private record Setup(Practice practice, String owner, String desk) {
        List<String> recipients() {
            return List.of(owner, desk);
        }
    }

    private static Setup practiceWithRecipients() {
        return practiceWithRecipients("BLOCK");
    }

    private static Setup practiceWithRecipients(String schedulingPolicy) {
        Practice practice = new Practice(cloud);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String owner = "owner-" + tag + "@clinic.example";
        String desk = "desk-" + tag + "@clinic.example";
        ApiClient.Response saved = practice.api.send(practice.api.request("/settings").header("Content-Type", "application/json")
                .header("If-Match", "\"0\"").PUT(HttpRequest.BodyPublishers.ofString("{\"schedulingPolicy\":\"" + schedulingPolicy + "\","
                        + "\"overrideRole\":\"admin\",\"timeZone\":\"America/New_York\",\"alerts\":{\"expiryDays\":[30,14,7],"
                        + "\"remainingPercent\":20,\"visitsLeft\":2,\"exhausted\":true,\"overScheduled\":true,"
                        + "\"appointmentBlocked\":true},\"recipientsByRole\":{\"admin\":[\"" + owner + "\"],"
                        + "\"front_desk\":[\"" + desk + "\"]}}")));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        return new Setup(practice, owner, desk);
    }

    @Test
    void crossingTwentyPercentAndExhaustionEmailOncePerCrossingAndAlertsAreAcknowledged() {
        Setup setup = practiceWithRecipients();
        Practice practice = setup.practice();
        String patient = practice.patient();
        String provider = practice.provider();
        String coverage = practice.coverage(patient, practice.payer(), "2026-01-01", null);
        String auth = practice.authorization(patient, coverage, "97110", "UNITS", 10, "2026-11-01", "2027-06-30");

        book(practice, patient, provider, "2026-12-01T09:00", 60);   // 6 of 10 left: nothing
        book(practice, patient, provider, "2026-12-02T09:00", 60);   // 2 of 10 left: at 20%
        List<JsonNode> low = awaitAlerts(practice, "OPEN", list -> list.size() == 1);
        assertThat(low.get(0).get("type").asText()).isEqualTo("LOW_REMAINING");
        book(practice, patient, provider, "2026-12-03T09:00", 30);   // 0 left: exhausted

        List<JsonNode> open = awaitAlerts(practice, "OPEN", list -> list.size() == 2);
        assertThat(open).extracting(a -> a.get("type").asText()).containsExactly("EXHAUSTED", "LOW_REMAINING");
        assertThat(open).allSatisfy(a -> {
            assertThat(a.get("authorizationId").asText()).isEqualTo(auth);
            assertThat(a.get("patientId").asText()).isEqualTo(patient);
            assertThat(a.get("patientInitials").asText()).isEqualTo("A.D.");
            assertThat(a.get("authorizationNumber").asText()).isEqualTo("AUTH-10");
        });

        List<SentEmail> emails = awaitEmails(setup, 2);
        assertThat(emails).allSatisfy(e -> {
            assertThat(e.source()).isEqualTo(SENDER);
            assertThat(e.destinations()).containsExactlyInAnyOrderElementsOf(setup.recipients());
            assertThat(e.subject()).contains("AUTH-10");
            assertThat(e.body()).contains(APP + "/patients/" + patient + "/authorizations/" + auth).contains("A.D.")
                    .doesNotContain("Alex").doesNotContain("Demo").doesNotContain("1958-04-12");
            assertThat(e.subject()).doesNotContain("Alex").doesNotContain("Demo");
        });
        assertThat(emails).extracting(SentEmail::subject).anySatisfy(s -> assertThat(s).contains("20%"))
                .anySatisfy(s -> assertThat(s).contains("exhausted"));
        assertNoMoreEmails(setup, 2);

        // Pagination: one per page, newest first, the cursor only for this practice and status.
        ApiClient.Response first = practice.api.get("/alerts?status=OPEN&limit=1");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().at("/items/0/type").asText()).isEqualTo("EXHAUSTED");
        String cursor = first.json().get("nextCursor").asText();
        ApiClient.Response second = practice.api.get("/alerts?status=OPEN&limit=1&cursor=" + cursor);
        assertThat(second.json().at("/items/0/type").asText()).isEqualTo("LOW_REMAINING");
        ApiClient.Response stranger = new Practice(cloud).api.get("/alerts?status=OPEN&limit=1&cursor=" + cursor);
        assertThat(stranger.status()).isEqualTo(400);
        assertThat(stranger.contentType()).startsWith("application/problem+json");

        // Acknowledge: front desk may, once; a clinician may read but not acknowledge.
        String lowId = second.json().at("/items/0/id").asText();
        ApiClient clinician = new ApiClient(cloud.apiUrl(), cloud.issueToken(practice.id, "clinician"));
        assertThat(clinician.get("/alerts").status()).isEqualTo(200);
        assertThat(clinician.post("/alerts/" + lowId + "/acknowledge", "{}").status()).isEqualTo(403);
        ApiClient frontDesk = new ApiClient(cloud.apiUrl(), cloud.issueToken(practice.id, "front_desk"));
        ApiClient.Response acked = frontDesk.post("/alerts/" + lowId + "/acknowledge", "{}");
        assertThat(acked.status()).as(acked.body()).isEqualTo(200);
        assertThat(acked.json().get("status").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(acked.json().get("acknowledgedBy").asText()).isNotBlank();
        assertThat(acked.json().get("acknowledgedAt").asText()).isNotBlank();
        ApiClient.Response again = frontDesk.post("/alerts/" + lowId + "/acknowledge", "{}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(new Practice(cloud).api.post("/alerts/" + lowId + "/acknowledge", "{}").status())
                .as("another practice cannot see it").isEqualTo(404);
        assertThat(practice.api.get("/alerts?status=ACKNOWLEDGED").json().get("items")).extracting(a -> a.get("id").asText())
                .containsExactly(lowId);
        assertThat(practice.api.get("/alerts").json().get("items")).extracting(a -> a.get("type").asText())
                .containsExactly("EXHAUSTED");
    }

    @Test
    void aBookingThatNeedsAuthorizationRaisesAnAppointmentBlockedAlert() {
        Setup setup = practiceWithRecipients();
        Practice practice = setup.practice();
        String patient = practice.patient();
        String coverage = practice.coverage(patient, practice.payer(), "2026-01-01", null);
        practice.authorization(patient, coverage, "97110", "UNITS", 12, "2026-11-01", "2027-06-30");

        String appointment = practice.book(patient, practice.provider(), "97530", "2026-12-03T10:00", 30);
        assertThat(practice.decided(appointment).get("status").asText()).isEqualTo("NEEDS_AUTH");

        JsonNode alert = awaitAlerts(practice, "OPEN", list -> !list.isEmpty()).get(0);
        assertThat(alert.get("type").asText()).isEqualTo("APPOINTMENT_BLOCKED");
        assertThat(alert.get("appointmentId").asText()).isEqualTo(appointment);
        assertThat(alert.get("message").asText()).contains("NO_AUTHORIZATION_FOR_CODE");
        SentEmail email = awaitEmails(setup, 1).get(0);
        assertThat(email.body()).contains(APP + "/appointments/" + appointment).doesNotContain("Alex");
        assertNoMoreEmails(setup, 1);
    }

    @Test
    void anAppointmentScheduledWithWarningsRaisesAnOverScheduledAlertOnce() throws Exception {
        Setup setup = practiceWithRecipients("WARN");
        Practice practice = setup.practice();
        String patient = practice.patient();
        String coverage = practice.coverage(patient, practice.payer(), "2026-01-01", null);
        String auth = practice.authorization(patient, coverage, "97110", "UNITS", 2, "2026-11-01", "2027-06-30");
        String appointment = practice.book(patient, practice.provider(), "97110", "2026-12-03T10:00", 60);
        JsonNode decided = practice.decided(appointment);
        assertThat(decided.get("status").asText()).isEqualTo("SCHEDULED");
        assertThat(decided.at("/decision/warnings/0/code").asText()).isEqualTo("INSUFFICIENT_UNITS");

        // The Appointments source's filter matches a field inside the warnings list, which the local cloud's
        // filter does not match (AWS does); deliver the record as Lambda would, from the stored item, twice.
        Map<String, AttributeValue> item = cloud.aws().dynamoDb().getItem(b -> b.tableName(cloud.physicalId("AppointmentsTable"))
                .key(Map.of("pk", AttributeValue.fromS(practice.id), "sk", AttributeValue.fromS("APPOINTMENT#" + appointment)))
                .consistentRead(true)).item();
        ObjectNode newImage = DynamoDbJson.item(item);
        ObjectNode oldImage = newImage.deepCopy();
        oldImage.remove("warnings");
        oldImage.set("status", ApiClient.JSON.createObjectNode().put("S", "REQUESTED"));
        ObjectNode record = ApiClient.JSON.createObjectNode().put("eventID", UUID.randomUUID().toString()).put("eventName", "MODIFY")
                .put("eventVersion", "1.1").put("eventSource", "aws:dynamodb").put("awsRegion", "us-east-1");
        ObjectNode change = record.putObject("dynamodb");
        change.set("Keys", DynamoDbJson.item(Map.of("pk", item.get("pk"), "sk", item.get("sk"))));
        change.set("NewImage", newImage);
        change.set("OldImage", oldImage);
        change.put("SequenceNumber", "1").put("SizeBytes", 1).put("StreamViewType", "NEW_AND_OLD_IMAGES");
        ObjectNode event = ApiClient.JSON.createObjectNode();
        event.putArray("Records").add(record);
        byte[] payload = ApiClient.JSON.writeValueAsBytes(event);
        for (int delivery = 0; delivery < 2; delivery++) {
            InvocationResult result = cloud.function("AuthorizationAlertsFunction").invoke(payload);
            assertThat(result.success()).as(result.errorType() + ": " + result.errorMessage()).isTrue();
            assertThat(ApiClient.JSON.readTree(result.payload()).path("batchItemFailures")).isEmpty();
        }

        JsonNode alert = awaitAlerts(practice, "OPEN", list -> list.stream().anyMatch(a -> "OVER_SCHEDULED".equals(a.get("type").asText())))
                .stream().filter(a -> "OVER_SCHEDULED".equals(a.get("type").asText())).findFirst().orElseThrow();
        assertThat(alert.get("appointmentId").asText()).isEqualTo(appointment);
        assertThat(alert.get("message").asText()).contains("INSUFFICIENT_UNITS");
        assertThat(alert.get("authorizationId").asText()).as("from the warning's details").isEqualTo(auth);
        SentEmail email = awaitEmails(setup, 1).get(0);
        assertThat(email.subject()).contains("beyond its authorization");
        assertThat(email.body()).contains(APP + "/patients/" + patient + "/authorizations/" + auth).doesNotContain("Alex");
        assertNoMoreEmails(setup, 1);
    }

    @Test
    void theDailyScanFindsAnAuthorizationEndingInSevenDaysOnce() {
        Setup setup = practiceWithRecipients();
        Practice practice = setup.practice();
        String patient = practice.patient();
        String coverage = practice.coverage(patient, practice.payer(), "2026-01-01", null);
        LocalDate today = LocalDate.now(ZoneId.of("America/New_York"));
        String auth = practice.authorization(patient, coverage, "97110", "VISITS", 10, today.minusDays(60).toString(),
                today.plusDays(7).toString());

        runDailyScan();
        JsonNode alert = awaitAlerts(practice, "OPEN", list -> !list.isEmpty()).get(0);
        assertThat(alert.get("type").asText()).isEqualTo("EXPIRING");
        assertThat(alert.get("threshold").asInt()).isEqualTo(7);
        assertThat(alert.get("authorizationId").asText()).isEqualTo(auth);
        assertThat(alert.get("endDate").asText()).isEqualTo(today.plusDays(7).toString());
        SentEmail email = awaitEmails(setup, 1).get(0);
        assertThat(email.subject()).contains("7 days");
        assertThat(email.body()).contains(APP + "/patients/" + patient + "/authorizations/" + auth);

        runDailyScan();
        assertNoMoreEmails(setup, 1);
        assertThat(practice.api.get("/alerts").json().get("items")).hasSize(1);
    }

    @Test
    void duplicatedNotifyMessagesSendOneEmail() {
        Setup setup = practiceWithRecipients();
        Practice practice = setup.practice();
        String patient = practice.patient();
        // An alert stored but never queued, as after a crash between the put and the send.
        Alert alert = new Alert(Alert.idOf("e2e|" + UUID.randomUUID()), practice.id, AlertType.EXHAUSTED, 0, "auth-x", null,
                patient, "A.D.", "AUTH-X", LocalDate.of(2027, 1, 31), null, "Authorization AUTH-X has nothing left.",
                Instant.now(), AlertStatus.OPEN, null, null);
        assertThat(alertRepository().putIfAbsent(alert)).isTrue();
        String body = "{\"practiceId\":\"" + practice.id + "\",\"alertId\":\"" + alert.id() + "\"}";
        String queue = cloud.physicalId("NotifyQueue");

        cloud.aws().sqs().sendMessage(b -> b.queueUrl(queue).messageBody(body));
        cloud.aws().sqs().sendMessage(b -> b.queueUrl(queue).messageBody(body));
        awaitEmails(setup, 1);
        awaitQueueDrained(queue);
        cloud.aws().sqs().sendMessage(b -> b.queueUrl(queue).messageBody(body));
        awaitQueueDrained(queue);

        assertNoMoreEmails(setup, 1);
    }

    @Test
    void poisonNotifyMessagesEndInTheDeadLetterQueue() {
        String queue = cloud.physicalId("NotifyQueue");
        String deadLetters = cloud.physicalId("NotifyDeadLetterQueue");
        String garbage = "not json " + UUID.randomUUID();
        String unknown = "{\"practiceId\":\"practice-" + UUID.randomUUID() + "\",\"alertId\":\"" + UUID.randomUUID() + "\"}";
        // The queue's 180 s visibility timeout would make five receives take 15 minutes; shorten it for this test.
        // A receive already waiting (long poll) keeps the old timeout: let it take a harmless message first,
        // the duplicate of an alert already emailed, which the notifier acknowledges.
        Alert done = new Alert(Alert.idOf("e2e|" + UUID.randomUUID()), "practice-" + UUID.randomUUID(), AlertType.EXHAUSTED, 0,
                "auth-x", null, "patient-x", null, "AUTH-X", null, null, "done", Instant.now(), AlertStatus.OPEN, null, null);
        alertRepository().putIfAbsent(done);
        alertRepository().claimEmail(done.practiceId(), done.id(), Instant.now(), Instant.now().plusSeconds(60));
        alertRepository().markEmail(done.practiceId(), done.id(), AlertRepository.EmailState.SENT, "m", Instant.now());
        cloud.aws().sqs().setQueueAttributes(b -> b.queueUrl(queue).attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1")));
        try {
            cloud.aws().sqs().sendMessage(b -> b.queueUrl(queue)
                    .messageBody("{\"practiceId\":\"" + done.practiceId() + "\",\"alertId\":\"" + done.id() + "\"}"));
            awaitQueueDrained(queue);
            cloud.aws().sqs().sendMessage(b -> b.queueUrl(queue).messageBody(garbage));
            cloud.aws().sqs().sendMessage(b -> b.queueUrl(queue).messageBody(unknown));

            List<String> dead = new ArrayList<>();
            Instant deadline = Instant.now().plusSeconds(90);
            while (!(dead.contains(garbage) && dead.contains(unknown)) && Instant.now().isBefore(deadline)) {
                cloud.aws().sqs().receiveMessage(b -> b.queueUrl(deadLetters).maxNumberOfMessages(10).waitTimeSeconds(1))
                        .messages().forEach(m -> dead.add(m.body()));
            }
            assertThat(dead).as("dead letters").contains(garbage, unknown);
        } finally {
            cloud.aws().sqs().setQueueAttributes(b -> b.queueUrl(queue).attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "180")));
        }
    }

    // ---------------------------------------------------------------- helpers

    private static void book(Practice practice, String patient, String provider, String start, int minutes) {
        JsonNode decided = practice.decided(practice.book(patient, provider, "97110", start, minutes));
        assertThat(decided.get("status").asText()).isEqualTo("SCHEDULED");
    }

    private static void runDailyScan() {
        InvocationResult result = cloud.runSchedule("AuthorizationAlertsFunction", "DailyExpiryScan");
        assertThat(result.success()).as(result.errorType() + ": " + result.errorMessage()).isTrue();
    }

    private static List<JsonNode> awaitAlerts(Practice practice, String status, Predicate<List<JsonNode>> condition) {
        JsonNode page = practice.api.await("/alerts?status=" + status, p -> {
            List<JsonNode> items = new ArrayList<>();
            p.path("items").forEach(items::add);
            return condition.test(items);
        }, Duration.ofSeconds(60));
        List<JsonNode> items = new ArrayList<>();
        page.path("items").forEach(items::add);
        return items;
    }

    /** The emails sent to this practice's recipients, as the emulator recorded them (the HTML body when both were sent). */
    private static List<SentEmail> emailsTo(Setup setup) {
        return cloud.sentEmails().stream()
                .filter(e -> e.destinations().contains(setup.owner()) || e.destinations().contains(setup.desk())).toList();
    }

    private static List<SentEmail> awaitEmails(Setup setup, int count) {
        Instant deadline = Instant.now().plusSeconds(60);
        List<SentEmail> emails = emailsTo(setup);
        while (emails.size() < count && Instant.now().isBefore(deadline)) {
            sleep(200);
            emails = emailsTo(setup);
        }
        assertThat(emails).as("emails to the practice's recipients").hasSize(count);
        return emails;
    }

    /** Gives a stray second email time to show up, then checks there is none. */
    private static void assertNoMoreEmails(Setup setup, int count) {
        sleep(3000);
        assertThat(emailsTo(setup)).as("emails to the practice's recipients").hasSize(count);
    }

    private static void awaitQueueDrained(String queue) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            Map<QueueAttributeName, String> a = cloud.aws().sqs().getQueueAttributes(b -> b.queueUrl(queue).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            if ("0".equals(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    && "0".equals(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))) {
                return;
            }
            sleep(100);
        }
        throw new AssertionError("the notify queue did not drain (a message failed?)");
    }

    private static DynamoAlertRepository alertRepository() {
        return new DynamoAlertRepository(cloud.aws().dynamoDb(), cloud.physicalId("AlertsTable"));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
