package org.therapyops.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.therapyops.localcloud.LocalCloud;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stream record the authorization check cannot decode goes, after the bounded retries, to the
 * on-failure destination; it neither blocks the stream nor disappears.
 */
class PoisonRecordEndToEndTest {

    @Test
    void anUndecodableAppointmentEndsInTheFailureQueueAndTheStreamMovesOn() throws Exception {
        LocalCloud cloud = Cloud.get();
        Practice practice = new Practice(cloud);
        String poisonId = UUID.randomUUID().toString();
        // Written behind the API's back: REQUESTED, but with a duration that is not a number.
        cloud.aws().dynamoDb().putItem(b -> b.tableName(cloud.physicalId("AppointmentsTable")).item(Map.of(
                "pk", AttributeValue.fromS(practice.id), "sk", AttributeValue.fromS("APPOINTMENT#" + poisonId),
                "type", AttributeValue.fromS("APPOINTMENT"), "id", AttributeValue.fromS(poisonId),
                "status", AttributeValue.fromS("REQUESTED"), "durationMinutes", AttributeValue.fromS("forty-five"))));

        String patient = practice.patient();
        String coverage = practice.coverage(patient, practice.payer(), "2026-01-01", null);
        practice.authorization(patient, coverage, "97110", "UNITS", 8, "2026-11-01", "2027-01-31");
        JsonNode good = practice.decided(practice.book(patient, practice.provider(), "97110", "2026-12-03T10:00", 30));
        assertThat(good.get("status").asText()).isEqualTo("SCHEDULED");

        JsonNode failure = awaitFailureRecord(cloud, Duration.ofSeconds(60));
        assertThat(failure.at("/requestContext/condition").asText()).isEqualTo("RetryAttemptsExhausted");
        assertThat(failure.at("/DDBStreamBatchInfo/streamArn").asText()).contains(cloud.physicalId("AppointmentsTable"));
        // The range starts at the poison record; a good booking that shared its batch was decided all the same (above).
        assertThat(failure.at("/DDBStreamBatchInfo/batchSize").asInt()).isPositive();
        // The poison appointment itself is left as it was, for a person to look at.
        Map<String, AttributeValue> poison = cloud.aws().dynamoDb().getItem(b -> b.tableName(cloud.physicalId("AppointmentsTable"))
                .key(Map.of("pk", AttributeValue.fromS(practice.id), "sk", AttributeValue.fromS("APPOINTMENT#" + poisonId)))).item();
        assertThat(poison.get("status").s()).isEqualTo("REQUESTED");
    }

    private static JsonNode awaitFailureRecord(LocalCloud cloud, Duration timeout) throws Exception {
        String queue = cloud.physicalId("AuthorizationCheckFailureQueue");
        Instant deadline = Instant.now().plus(timeout);
        List<Message> seen = new ArrayList<>();
        while (Instant.now().isBefore(deadline)) {
            seen.addAll(cloud.aws().sqs().receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1)).messages());
            if (!seen.isEmpty()) {
                return ApiClient.JSON.readTree(seen.get(0).body());
            }
        }
        throw new AssertionError("no record reached the on-failure destination within " + timeout);
    }
}
