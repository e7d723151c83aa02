package org.therapyops.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.therapyops.billing.Charge;
import org.therapyops.billing.Claim;
import org.therapyops.billing.ClaimFrequency;
import org.therapyops.billing.ClaimStatus;
import org.therapyops.billing.Party;
import org.therapyops.billing.StoredClaim;
import org.therapyops.billing.Subscriber;
import org.therapyops.domain.PostalAddress;
import org.therapyops.dynamodb.DynamoClaimRepository;
import org.therapyops.localcloud.InvocationResult;
import org.therapyops.localcloud.LocalCloud;
import org.therapyops.messaging.SqsScrubQueue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Claim scrubbing end to end: a SCRUB_PENDING claim and its scrub-queue message → the claim-scrubber function →
 * NEEDS_REVIEW with the expected finding; a biller's correction through the API → scrubbed again → READY; a scrub
 * request the function cannot process ends in the scrub dead-letter queue and shows in GET /claims/dead-letters.
 * The claim is put in place through the claim repository (as charge capture writes it).
 */
class ClaimScrubEndToEndTest {

    private static final LocalDate DOS = LocalDate.of(2026, 6, 15);

    @Test
    void aFaultyClaimIsFlaggedCorrectedAndReadyAndAnUnprocessableRequestIsDeadLettered() {
        LocalCloud cloud = Cloud.get();
        Practice practice = new Practice(cloud);
        ApiClient biller = new ApiClient(cloud.apiUrl(), cloud.issueToken(practice.id, "biller"));
        DynamoClaimRepository claims = claims(cloud);
        String claimId = pendingClaim(practice, claims, true);
        String queue = cloud.physicalId("ScrubQueue");
        cloud.aws().sqs().sendMessage(b -> b.queueUrl(queue).messageBody(SqsScrubQueue.body(practice.id, claimId)));

        JsonNode review = biller.await("/claims/" + claimId + "/scrub", s -> "NEEDS_REVIEW".equals(s.path("status").asText()),
                Duration.ofSeconds(60));
        assertThat(review.get("profileId").asText()).isEqualTo("medicare");
        List<String> findings = new ArrayList<>();
        review.get("findings").forEach(f -> findings.add(f.get("ruleId").asText() + " " + f.get("severity").asText() + " "
                + f.get("field").asText()));
        assertThat(findings).containsExactly("DISCIPLINE_MODIFIER ERROR lines[0].modifiers");
        assertThat(review.at("/findings/0/fixHint").asText()).isNotBlank();

        ApiClient.Response corrected = biller.put("/claims/" + claimId, "{\"lines\":[{\"modifiers\":[\"GP\"]},{}]}",
                "\"" + review.get("version").asLong() + "\"");
        assertThat(corrected.status()).as(corrected.body()).isEqualTo(200);
        assertThat(corrected.json().get("status").asText()).isEqualTo("SCRUB_PENDING");
        JsonNode ready = biller.await("/claims/" + claimId + "/scrub", s -> "READY".equals(s.path("status").asText()),
                Duration.ofSeconds(60));
        assertThat(ready.path("findings").size()).isZero();
        assertThat(ready.get("version").asLong()).isEqualTo(4);
        ApiClient.Response again = biller.put("/claims/" + claimId, "{}", "\"3\"");
        assertThat(again.status()).as(again.body()).isEqualTo(412);

        String unknown = "claim-" + UUID.randomUUID();
        // The queue's 180 s visibility timeout would make five receives take 15 minutes; shorten it for this test.
        // A receive already waiting (long poll) keeps the old timeout: let it take a harmless message first,
        // the redelivery of the READY claim, which the scrubber acknowledges without a change.
        cloud.aws().sqs().setQueueAttributes(b -> b.queueUrl(queue).attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1")));
        try {
            cloud.aws().sqs().sendMessage(b -> b.queueUrl(queue).messageBody(SqsScrubQueue.body(practice.id, claimId)));
            awaitQueueDrained(cloud, queue);
            cloud.aws().sqs().sendMessage(b -> b.queueUrl(queue).messageBody(SqsScrubQueue.body(practice.id, unknown)));
            cloud.aws().sqs().sendMessage(b -> b.queueUrl(queue).messageBody("not json " + UUID.randomUUID()));

            JsonNode dead = biller.await("/claims/dead-letters", d -> {
                boolean found = false;
                for (JsonNode item : d.path("items")) {
                    found |= unknown.equals(item.path("claimId").asText());
                }
                return found && d.path("unattributed").asInt() >= 1;
            }, Duration.ofSeconds(90));
            assertThat(dead.get("items")).allSatisfy(i -> assertThat(i.get("claimId").asText()).isEqualTo(unknown));
            assertThat(dead.at("/items/0/receiveCount").asInt()).isGreaterThanOrEqualTo(5);
        } finally {
            cloud.aws().sqs().setQueueAttributes(b -> b.queueUrl(queue).attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "180")));
        }
        assertThat(claims.get(practice.id, claimId).orElseThrow().version()).isEqualTo(4);
        // Peeking took nothing out: the request is still there for the next reader.
        JsonNode stillThere = biller.get("/claims/dead-letters").json();
        assertThat(stillThere.get("items")).hasSize(1);
    }

    @Test
    void aPendingClaimThatNeverReachedTheScrubQueueIsScrubbedAfterTheHourlySweep() throws InterruptedException {
        LocalCloud cloud = Cloud.get();
        Practice practice = new Practice(cloud);
        ApiClient biller = new ApiClient(cloud.apiUrl(), cloud.issueToken(practice.id, "biller"));
        DynamoClaimRepository claims = claims(cloud);
        // As a correction leaves a claim whose queueing then failed: SCRUB_PENDING, not queued, no message sent.
        String claimId = pendingClaim(practice, claims, false);
        Thread.sleep(1500);
        assertThat(biller.get("/claims/" + claimId).json().get("status").asText()).isEqualTo("SCRUB_PENDING");

        InvocationResult sweep = cloud.runSchedule("ScrubSweepFunction", "HourlyScrubSweep");

        assertThat(sweep.success()).as(sweep.errorType() + ": " + sweep.errorMessage()).isTrue();
        JsonNode scrubbed = biller.await("/claims/" + claimId + "/scrub", r -> "NEEDS_REVIEW".equals(r.path("status").asText()),
                Duration.ofSeconds(60));
        assertThat(scrubbed.at("/findings/0/ruleId").asText()).isEqualTo("DISCIPLINE_MODIFIER");
        assertThat(claims.get(practice.id, claimId).orElseThrow().queued()).isTrue();
    }

    private static DynamoClaimRepository claims(LocalCloud cloud) {
        return new DynamoClaimRepository(cloud.aws().dynamoDb(), cloud.physicalId("ClaimsTable"));
    }

    /** A Medicare payer, patient and coverage through the API, and the claim below stored SCRUB_PENDING; its id. */
    private static String pendingClaim(Practice practice, DynamoClaimRepository claims, boolean queued) {
        String payer = created(practice.api.post("/payers",
                "{\"name\":\"Medicare Part B\",\"payerId\":\"MCRB1\",\"payerType\":\"MEDICARE\"}"));
        String patient = practice.patient();
        String coverage = created(practice.api.post("/patients/" + patient + "/coverages", "{\"payerId\":\"" + payer
                + "\",\"memberId\":\"1EG4TE5MK73\",\"effectiveFrom\":\"2026-01-01\"}"));
        String claimId = "claim-" + UUID.randomUUID();
        claims.createIfAbsent(practice.id, new StoredClaim(claim(claimId, patient, coverage, payer), null,
                ClaimStatus.SCRUB_PENDING, queued, Instant.now(), 1));
        return claimId;
    }

    /** A Medicare PT claim (33 + 10 minutes, 2 + 1 units) whose 97110 line lacks GP. */
    private static Claim claim(String id, String patient, String coverage, String payer) {
        Party billing = new Party("Riverside Therapy", null, "1234567893", "12-3456789", "225100000X",
                new PostalAddress("1 Main St", null, "Springfield", "IL", "627011234"));
        List<Charge> lines = List.of(
                new Charge("97110", List.of(), 2, 33, List.of(1), new BigDecimal("90.00"), "pt-1", DOS, "11"),
                new Charge("97140", List.of("GP"), 1, 10, List.of(1, 2), new BigDecimal("44.00"), "pt-1", DOS, "11"));
        return new Claim(id, patient, coverage, payer, "Medicare Part B", "MCRB1", billing,
                new Party("Lee", "Dana", "1987654328", null, "225100000X", null), null,
                new Subscriber("1EG4TE5MK73", "Demo", "Alex", LocalDate.of(1958, 4, 12), "F",
                        new PostalAddress("12 Elm Ave", null, "Springfield", "IL", "62704")), DOS, "11",
                ClaimFrequency.ORIGINAL, null, null, List.of("M5450", "M6281"), lines);
    }

    private static String created(ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.id();
    }

    private static void awaitQueueDrained(LocalCloud cloud, String queue) {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            Map<QueueAttributeName, String> attributes = cloud.aws().sqs().getQueueAttributes(b -> b.queueUrl(queue)
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            if ("0".equals(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    && "0".equals(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("the scrub queue did not drain within 60 s");
    }
}
