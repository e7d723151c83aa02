package org.therapyops.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
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
import org.therapyops.localcloud.SentEmail;
import org.therapyops.messaging.SqsScrubQueue;

import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The billers' daily digest of claims needing review, end to end: claims scrubbed to NEEDS_REVIEW by the
 * claim-scrubber function, one corrected back to READY through the API, the DailyReviewDigest schedule run on the
 * alerts function, the notifier's emails read back from the emulator, the digest listed and acknowledged through
 * the API. Practices A and C have claims needing review, B has none; each sees only its own.
 */
class ReviewDigestEndToEndTest {

    private static final String APP = "https://app.therapyops.example";
    private static LocalCloud cloud;

    @BeforeAll
    static void cloud() {
        cloud = Cloud.get();
    }

    /** A practice with one recipient per role, a Medicare payer, a patient and a coverage. */
    private record Tenant(Practice practice, ApiClient biller, String patient, String coverage, String payer, String owner,
                          String desk, String clinician, String billing) {

        static Tenant create() {
            Practice practice = new Practice(cloud);
            String tag = UUID.randomUUID().toString().substring(0, 8);
            String owner = "owner-" + tag + "@clinic.example";
            String desk = "desk-" + tag + "@clinic.example";
            String clinician = "pt-" + tag + "@clinic.example";
            String billing = "billing-" + tag + "@clinic.example";
            ApiClient.Response saved = practice.api.send(practice.api.request("/settings").header("Content-Type", "application/json")
                    .header("If-Match", "\"0\"").PUT(HttpRequest.BodyPublishers.ofString("{\"schedulingPolicy\":\"BLOCK\","
                            + "\"overrideRole\":\"admin\",\"timeZone\":\"America/New_York\",\"alerts\":{\"expiryDays\":[30,14,7],"
                            + "\"remainingPercent\":20,\"visitsLeft\":2,\"exhausted\":true,\"overScheduled\":true,"
                            + "\"appointmentBlocked\":true},\"recipientsByRole\":{\"admin\":[\"" + owner + "\"],"
                            + "\"front_desk\":[\"" + desk + "\"],\"clinician\":[\"" + clinician + "\"],"
                            + "\"biller\":[\"" + billing + "\"]}}")));
            assertThat(saved.status()).as(saved.body()).isEqualTo(200);
            String payer = Practice.created(practice.api.post("/payers",
                    "{\"name\":\"Medicare Part B\",\"payerId\":\"MCRB1\",\"payerType\":\"MEDICARE\"}"));
            String patient = practice.patient();
            String coverage = Practice.created(practice.api.post("/patients/" + patient + "/coverages", "{\"payerId\":\"" + payer
                    + "\",\"memberId\":\"1EG4TE5MK73\",\"effectiveFrom\":\"2026-01-01\"}"));
            ApiClient biller = new ApiClient(cloud.apiUrl(), cloud.issueToken(practice.id, "biller"));
            return new Tenant(practice, biller, patient, coverage, payer, owner, desk, clinician, billing);
        }

        List<String> everyone() {
            return List.of(owner, desk, clinician, billing);
        }

        /** A claim written as charge capture writes it and queued for the scrubber; {@code withGp} false → NEEDS_REVIEW. */
        String claim(LocalDate dos, boolean withGp) {
            String id = "claim-" + UUID.randomUUID();
            claims().createIfAbsent(practice.id, new StoredClaim(ReviewDigestEndToEndTest.claim(id, patient, coverage, payer, dos, withGp),
                    null, ClaimStatus.SCRUB_PENDING, true, Instant.now(), 1));
            cloud.aws().sqs().sendMessage(b -> b.queueUrl(cloud.physicalId("ScrubQueue"))
                    .messageBody(SqsScrubQueue.body(practice.id, id)));
            return id;
        }

        JsonNode scrubbed(String claimId, String status) {
            return biller.await("/claims/" + claimId + "/scrub", s -> status.equals(s.path("status").asText()), Duration.ofSeconds(60));
        }
    }

    @Test
    void billersGetOneDigestADayOfTheirOwnPracticesClaimsNeedingReview() {
        LocalDate today = LocalDate.now(ZoneId.of("America/New_York"));
        Tenant a = Tenant.create();
        Tenant b = Tenant.create();
        Tenant c = Tenant.create();
        String oldest = a.claim(today.minusDays(30), false);
        String corrected = a.claim(today.minusDays(20), false);
        String newest = a.claim(today.minusDays(10), false);
        String readyOfB = b.claim(today.minusDays(12), true);
        String ofC = c.claim(today.minusDays(15), false);
        a.scrubbed(oldest, "NEEDS_REVIEW");
        a.scrubbed(newest, "NEEDS_REVIEW");
        JsonNode review = a.scrubbed(corrected, "NEEDS_REVIEW");
        b.scrubbed(readyOfB, "READY");
        c.scrubbed(ofC, "NEEDS_REVIEW");

        // A biller corrects one of A's claims: it is scrubbed again, READY, and out of the digest.
        ApiClient.Response put = a.biller.put("/claims/" + corrected, "{\"lines\":[{\"modifiers\":[\"GP\"]},{}]}",
                "\"" + review.get("version").asLong() + "\"");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        a.scrubbed(corrected, "READY");

        runDigest();

        SentEmail toA = awaitEmails(a, 1).get(0);
        assertThat(toA.destinations()).as("the billers only").containsExactly(a.billing());
        assertThat(toA.subject()).isEqualTo("Therapy Ops: 2 claims need review");
        assertThat(toA.body()).contains(oldest, newest, APP + "/claims/" + oldest, APP + "/claims/" + newest,
                        today.minusDays(30).toString(), "Medicare Part B", "$134.00", "DISCIPLINE_MODIFIER (lines[0].modifiers)")
                .doesNotContain(corrected).doesNotContain(ofC).doesNotContain(readyOfB);
        assertThat(toA.body().indexOf(oldest)).as("oldest date of service first").isLessThan(toA.body().indexOf(newest));
        assertNoPhi(toA);

        SentEmail toC = awaitEmails(c, 1).get(0);
        assertThat(toC.destinations()).containsExactly(c.billing());
        assertThat(toC.subject()).isEqualTo("Therapy Ops: 1 claim needs review");
        assertThat(toC.body()).contains(ofC).doesNotContain(oldest).doesNotContain(newest);
        assertNoPhi(toC);

        // The digest is an alert: the biller sees its claims, a clinician only its message; B has none.
        JsonNode alert = a.biller.await("/alerts", p -> p.path("items").size() == 1, Duration.ofSeconds(10)).at("/items/0");
        assertThat(alert.get("type").asText()).isEqualTo("CLAIMS_NEED_REVIEW");
        assertThat(alert.at("/reviewDigest/total").asInt()).isEqualTo(2);
        assertThat(alert.at("/reviewDigest/asOf").asText()).isEqualTo(today.toString());
        List<String> listed = new ArrayList<>();
        alert.at("/reviewDigest/claims").forEach(claim -> listed.add(claim.get("claimId").asText()));
        assertThat(listed).containsExactly(oldest, newest);
        JsonNode seenByClinician = new ApiClient(cloud.apiUrl(), cloud.issueToken(a.practice().id, "clinician"))
                .get("/alerts").json().at("/items/0");
        assertThat(seenByClinician.get("id").asText()).isEqualTo(alert.get("id").asText());
        assertThat(seenByClinician.path("reviewDigest").isMissingNode() || seenByClinician.path("reviewDigest").isNull())
                .as("no claims for a role that may not read them: " + seenByClinician).isTrue();
        assertThat(b.biller.get("/alerts").json().get("items")).isEmpty();

        // The same day again (a rerun, a retried schedule): nothing more, for anyone.
        runDigest();
        sleep(3000);
        assertThat(emailsTo(a)).hasSize(1);
        assertThat(emailsTo(b)).as("no claims needing review, no email").isEmpty();
        assertThat(emailsTo(c)).hasSize(1);
        assertThat(a.biller.get("/alerts").json().get("items")).hasSize(1);

        ApiClient.Response acked = a.biller.post("/alerts/" + alert.get("id").asText() + "/acknowledge", "{}");
        assertThat(acked.status()).as(acked.body()).isEqualTo(200);
        assertThat(acked.json().get("status").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(c.biller.post("/alerts/" + alert.get("id").asText() + "/acknowledge", "{}").status())
                .as("another practice cannot see it").isEqualTo(404);
    }

    private static void assertNoPhi(SentEmail email) {
        for (String text : List.of(email.subject(), email.body())) {
            assertThat(text).doesNotContain("Alex").doesNotContain("Demo").doesNotContain("1958-04-12")
                    .doesNotContain("1EG4TE5MK73").doesNotContain("M5450").doesNotContain("M6281");
        }
    }

    private static void runDigest() {
        InvocationResult result = cloud.runSchedule("ReviewDigestFunction", "DailyReviewDigest");
        assertThat(result.success()).as(result.errorType() + ": " + result.errorMessage()).isTrue();
    }

    /** Every email to any recipient of the practice, whatever the role. */
    private static List<SentEmail> emailsTo(Tenant tenant) {
        return cloud.sentEmails().stream().filter(e -> e.destinations().stream().anyMatch(tenant.everyone()::contains)).toList();
    }

    private static List<SentEmail> awaitEmails(Tenant tenant, int count) {
        Instant deadline = Instant.now().plusSeconds(60);
        List<SentEmail> emails = emailsTo(tenant);
        while (emails.size() < count && Instant.now().isBefore(deadline)) {
            sleep(200);
            emails = emailsTo(tenant);
        }
        assertThat(emails).as("emails to the practice's recipients").hasSize(count);
        return emails;
    }

    private static DynamoClaimRepository claims() {
        return new DynamoClaimRepository(cloud.aws().dynamoDb(), cloud.physicalId("ClaimsTable"));
    }

    /** A Medicare PT claim of 33 + 10 minutes (2 + 1 units, $134.00); without GP on its 97110 line it needs review. */
    private static Claim claim(String id, String patient, String coverage, String payer, LocalDate dos, boolean withGp) {
        Party billing = new Party("Riverside Therapy", null, "1234567893", "12-3456789", "225100000X",
                new PostalAddress("1 Main St", null, "Springfield", "IL", "627011234"));
        List<Charge> lines = List.of(
                new Charge("97110", withGp ? List.of("GP") : List.of(), 2, 33, List.of(1), new BigDecimal("90.00"), "pt-1", dos, "11"),
                new Charge("97140", List.of("GP"), 1, 10, List.of(1, 2), new BigDecimal("44.00"), "pt-1", dos, "11"));
        return new Claim(id, patient, coverage, payer, "Medicare Part B", "MCRB1", billing,
                new Party("Lee", "Dana", "1987654328", null, "225100000X", null), null,
                new Subscriber("1EG4TE5MK73", "Demo", "Alex", LocalDate.of(1958, 4, 12), "F",
                        new PostalAddress("12 Elm Ave", null, "Springfield", "IL", "62704")), dos, "11",
                ClaimFrequency.ORIGINAL, null, null, List.of("M5450", "M6281"), lines);
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
