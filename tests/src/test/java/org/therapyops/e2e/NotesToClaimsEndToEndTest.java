package org.therapyops.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.therapyops.localcloud.LocalCloud;
import org.therapyops.localcloud.TokenRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Documentation feeds billing through the local cloud: a note drafted and signed for a scheduled appointment
 * reaches charge capture through the Notes stream (filtered to the change into SIGNED), and becomes charges and
 * a SCRUB_PENDING claim with the authorization number, queued for scrubbing; a signed note cannot be signed or
 * edited again.
 */
class NotesToClaimsEndToEndTest {

    private static LocalCloud cloud;

    @BeforeAll
    static void cloud() {
        cloud = Cloud.get();
    }

    @Test
    void aSignedNoteBecomesAQueuedClaimWithCmsUnitsAndModifiers() {
        Practice practice = new Practice(cloud);
        String payer = Practice.created(practice.api.post("/payers",
                "{\"name\":\"Medicare Part B\",\"payerId\":\"MCRB1\",\"payerType\":\"MEDICARE\"}"));
        String patient = practice.patient();
        String provider = practice.provider();
        String coverage = Practice.created(practice.api.post("/patients/" + patient + "/coverages",
                "{\"payerId\":\"" + payer + "\",\"memberId\":\"1EG4TE5MK73\",\"effectiveFrom\":\"2026-01-01\"}"));
        practice.authorization(patient, coverage, "97110", "VISITS", 12, "2026-01-01", "2026-12-31");
        String appointment = practice.book(patient, provider, "97110", "2026-12-03T10:00", 45);
        assertThat(practice.decided(appointment).get("status").asText()).isEqualTo("SCHEDULED");

        ApiClient clinician = new ApiClient(cloud.apiUrl(),
                cloud.issueToken(new TokenRequest(practice.id, "clinician", provider, null, null, null)));
        ApiClient biller = new ApiClient(cloud.apiUrl(), cloud.issueToken(practice.id, "biller"));
        String note = Practice.created(clinician.post("/notes", "{\"appointmentId\":\"" + appointment + "\","
                + "\"diagnoses\":[\"M54.50\",\"M25.561\"],\"placeOfService\":\"11\","
                + "\"lines\":[{\"code\":\"97110\",\"minutes\":33},{\"code\":\"97140\",\"minutes\":7}]}"));

        // Another clinician may not sign; the rendering clinician signs once.
        ApiClient other = new ApiClient(cloud.apiUrl(),
                cloud.issueToken(new TokenRequest(practice.id, "clinician", "someone-else", null, null, null)));
        assertThat(other.post("/notes/" + note + "/sign", "{}").status()).isEqualTo(403);
        ApiClient.Response signed = clinician.post("/notes/" + note + "/sign", "{}");
        assertThat(signed.status()).as(signed.body()).isEqualTo(200);
        assertThat(signed.json().get("status").asText()).isEqualTo("SIGNED");

        ApiClient.Response twice = clinician.post("/notes/" + note + "/sign", "{}");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.json().get("type").asText()).endsWith("/note-signed");
        ApiClient.Response edit = clinician.put("/notes/" + note, "{\"diagnoses\":[\"M54.50\"],\"lines\":[{\"code\":\"97110\",\"minutes\":60}]}",
                "\"2\"");
        assertThat(edit.status()).isEqualTo(409);
        assertThat(edit.json().get("type").asText()).endsWith("/note-signed");

        JsonNode page = biller.await("/claims", p -> p.get("items").size() > 0, Duration.ofSeconds(30));
        assertThat(page.get("items")).hasSize(1);
        JsonNode claim = page.get("items").get(0);
        String claimId = claim.get("id").asText();
        assertThat(claim.get("noteId").asText()).isEqualTo(note);
        JsonNode capture = clinician.await("/notes/" + note + "/capture", c -> !"PENDING".equals(c.path("status").asText()),
                Duration.ofSeconds(30));
        assertThat(capture.get("status").asText()).isEqualTo("CHARGED");
        assertThat(capture.get("claimIds")).extracting(JsonNode::asText).containsExactly(claimId);
        // Nothing left unbilled or billed with a caveat (informational findings aside).
        assertThat(capture.path("findings")).allSatisfy(f -> assertThat(f.get("severity").asText()).isEqualTo("INFO"));
        // Once a scrubber consumes ScrubQueue, it may have moved the claim on before we look; until then it waits.
        boolean scrubberDeployed = cloud.function("ClaimScrubberFunction") != null;
        if (scrubberDeployed) {
            assertThat(claim.get("status").asText()).isIn("SCRUB_PENDING", "READY", "NEEDS_REVIEW");
        } else {
            assertThat(claim.get("status").asText()).isEqualTo("SCRUB_PENDING");
        }
        assertThat(claim.get("priorAuthorizationNumber").asText()).isEqualTo("AUTH-12");
        assertThat(claim.get("diagnoses").toString()).isEqualTo("[\"M5450\",\"M25561\"]");
        JsonNode lines = claim.get("lines");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).get("code").asText()).isEqualTo("97110");
        assertThat(lines.get(0).get("units").asInt()).isEqualTo(2);
        assertThat(lines.get(0).get("modifiers").toString()).isEqualTo("[\"GP\"]");
        assertThat(lines.get(1).get("code").asText()).isEqualTo("97140");
        assertThat(lines.get(1).get("units").asInt()).isEqualTo(1);
        assertThat(lines.get(1).get("modifiers").toString()).isEqualTo("[\"GP\"]");
        ApiClient.Response read = biller.get("/claims/" + claimId);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("totalCharge").decimalValue()).isEqualByComparingTo(claim.get("totalCharge").decimalValue());
        assertThat(clinician.get("/claims/" + claimId).status()).isEqualTo(403);

        if (!scrubberDeployed) {
            assertThat(scrubMessagesFor(claimId, Duration.ofSeconds(20))).hasSize(1);
        }
        // Charge capture marks a claim queued only after sending it to ScrubQueue.
        assertThat(cloud.aws().dynamoDb().getItem(b -> b.tableName(cloud.physicalId("ClaimsTable")).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS(practice.id), "sk", AttributeValue.fromS("CLAIM#" + claimId))))
                .item().get("queued").bool()).isTrue();
        // An addendum changes the note, not the charges.
        assertThat(clinician.post("/notes/" + note + "/addenda", "{\"text\":\"Home program reviewed.\"}").status()).isEqualTo(200);
        assertThat(biller.get("/claims").json().get("items")).hasSize(1);
    }

    /** The ScrubQueue messages naming the claim, left on the queue for whatever consumes it. */
    private static List<String> scrubMessagesFor(String claimId, Duration timeout) {
        String queue = cloud.physicalId("ScrubQueue");
        List<String> found = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (found.isEmpty() && System.nanoTime() < deadline) {
            List<Message> messages = cloud.aws().sqs().receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10)
                    .visibilityTimeout(0).waitTimeSeconds(1)).messages();
            messages.stream().map(Message::body).filter(body -> body.contains("\"claimId\":\"" + claimId + "\"")).distinct()
                    .forEach(found::add);
        }
        return found;
    }
}
