package org.therapyops.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.therapyops.billing.Charge;
import org.therapyops.billing.Claim;
import org.therapyops.billing.ClaimFrequency;
import org.therapyops.billing.ClaimStatus;
import org.therapyops.billing.Party;
import org.therapyops.billing.StoredClaim;
import org.therapyops.billing.Subscriber;
import org.therapyops.billing.scrub.Finding;
import org.therapyops.billing.scrub.ScrubResult;
import org.therapyops.billing.scrub.ScrubStatus;
import org.therapyops.billing.scrub.Severity;
import org.therapyops.domain.PostalAddress;
import org.therapyops.dynamodb.DynamoClaimRepository;
import org.therapyops.dynamodb.DynamoPracticeRepository;
import org.therapyops.domain.Coverage;
import org.therapyops.domain.CoveragePriority;
import org.therapyops.domain.Discipline;
import org.therapyops.domain.Patient;
import org.therapyops.domain.Provider;
import org.therapyops.dynamodb.Tables;
import org.therapyops.messaging.SqsScrubQueue;
import org.therapyops.testing.Moto;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.therapyops.api.ApiEvents.claims;
import static org.therapyops.api.ApiEvents.created;
import static org.therapyops.api.ApiEvents.event;
import static org.therapyops.api.ApiEvents.ok;
import static org.therapyops.api.ApiEvents.problem;

/**
 * The scrubber's side of claims through the API function as Lambda calls it, on moto: findings, corrections
 * (If-Match, status rules, validation, re-queueing), and the dead-letter peek that leaves the queue as it was.
 */
class ClaimScrubApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-06-20T16:00:00Z");
    private static final LocalDate DOS = LocalDate.of(2026, 6, 15);
    private static ApplicationContext context;
    private static APIGatewayV2HTTPEventFunction function;
    private static DynamoDbClient dynamo;
    private static SqsClient sqs;
    private static String scrubQueue;
    private static String deadLetters;
    private static DynamoClaimRepository claims;
    private static DynamoPracticeRepository practice;

    private final String practiceId = "practice-" + UUID.randomUUID();

    @BeforeAll
    static void start() {
        Moto moto = Moto.shared();
        Tables tables = moto.createTables();
        Moto.BillingTables billing = moto.createBillingTables();
        sqs = SqsClient.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        scrubQueue = sqs.createQueue(b -> b.queueName("scrub-" + suffix)).queueUrl();
        deadLetters = sqs.createQueue(b -> b.queueName("scrub-dlq-" + suffix)).queueUrl();
        context = ApiEvents.context(moto, tables, billing, scrubQueue, deadLetters);
        function = new APIGatewayV2HTTPEventFunction(context);
        dynamo = moto.dynamo();
        claims = new DynamoClaimRepository(dynamo, billing.claims());
        practice = new DynamoPracticeRepository(dynamo, tables);
    }

    @AfterAll
    static void stop() {
        context.close();
        dynamo.close();
        sqs.close();
    }

    /** A claim scrubbed to NEEDS_REVIEW (version 2): 97110 without GP. */
    private String claimNeedingReview() {
        String claimId = "claim-" + UUID.randomUUID();
        claims.createIfAbsent(practiceId, new StoredClaim(claim(claimId), null, ClaimStatus.SCRUB_PENDING, true, NOW, 1));
        claims.recordScrub(practiceId, claimId, 1, new ScrubResult(claimId, ScrubStatus.NEEDS_REVIEW, "medicare", "2026.1", null,
                List.of(new Finding("DISCIPLINE_MODIFIER", Severity.ERROR, "lines[0].modifiers", "97110 has no GP", "Add GP"))), NOW);
        return claimId;
    }

    private static Claim claim(String id) {
        Party billing = new Party("Riverside Therapy", null, "1234567893", "12-3456789", "225100000X",
                new PostalAddress("1 Main St", null, "Springfield", "IL", "62701"));
        List<Charge> lines = List.of(
                new Charge("97110", List.of(), 2, 33, List.of(1), new BigDecimal("90.00"), "pt-1", DOS, "11"),
                new Charge("97140", List.of("GP"), 1, 10, List.of(1, 2), new BigDecimal("44.00"), "pt-1", DOS, "11"));
        return new Claim(id, "patient-1", "coverage-1", "payer-1", "Medicare Part B", "MCRB1", billing,
                new Party("Lee", "Dana", "1987654328", null, "225100000X", null), null,
                new Subscriber("1EG4TE5MK73", "Lovelace", "Ada", LocalDate.of(1950, 12, 10), "F", null), DOS, "11",
                ClaimFrequency.ORIGINAL, null, null, List.of("M5450", "M6281"), lines);
    }

    private static final String ADD_GP = "{\"lines\":[{\"modifiers\":[\"GP\"]},{}],\"priorAuthorizationNumber\":\"PA-9\"}";

    @Test
    void findingsAreReadAndACorrectionGoesBackToTheScrubber() throws Exception {
        String claimId = claimNeedingReview();
        JsonNode scrub = ok(call("GET", "/claims/" + claimId + "/scrub", null, "biller", null));
        assertThat(scrub.get("status").asText()).isEqualTo("NEEDS_REVIEW");
        assertThat(scrub.at("/findings/0/ruleId").asText()).isEqualTo("DISCIPLINE_MODIFIER");
        assertThat(scrub.at("/findings/0/fixHint").asText()).isEqualTo("Add GP");

        APIGatewayV2HTTPResponse response = call("PUT", "/claims/" + claimId, ADD_GP, "biller", null, "\"2\"");

        JsonNode corrected = ok(response);
        assertThat(response.getHeaders().get("ETag")).isEqualTo("\"3\"");
        assertThat(corrected.get("status").asText()).isEqualTo("SCRUB_PENDING");
        assertThat(corrected.at("/lines/0/modifiers/0").asText()).isEqualTo("GP");
        assertThat(corrected.at("/lines/0/amount").decimalValue()).isEqualByComparingTo("90.00");
        assertThat(corrected.get("priorAuthorizationNumber").asText()).isEqualTo("PA-9");
        StoredClaim stored = claims.get(practiceId, claimId).orElseThrow();
        assertThat(stored.status()).isEqualTo(ClaimStatus.SCRUB_PENDING);
        assertThat(stored.queued()).isTrue();
        assertThat(claims.scrubRecord(practiceId, claimId)).isEmpty();
        assertThat(receiveAll(scrubQueue)).extracting(Message::body).contains(SqsScrubQueue.body(practiceId, claimId));
    }

    @Test
    void refreshingTakesTheBillingProviderAndSubscriberFromThePracticesDataAsItIsNow() throws Exception {
        String claimId = claimNeedingReview();
        PostalAddress home = new PostalAddress("2 Oak St", null, "Springfield", "IL", "62702");
        practice.create(practiceId, new Patient("patient-1", "Ada", "King", LocalDate.of(1950, 12, 10), "F", home, NOW, 1));
        practice.create(practiceId, new Coverage("coverage-1", "patient-1", "payer-1", "1EG4TE5MK74", CoveragePriority.PRIMARY,
                LocalDate.of(2026, 1, 1), null, NOW, 1));
        practice.create(practiceId, new Provider("pt-1", "1987654328", "Dana", "Lee-Park", Discipline.PT, "225100000X", "PT",
                null, NOW, 1));
        ok(call("PUT", "/billing-profile", BillingProfileApiTest.PROFILE, "admin", null, "\"0\""));
        ok(call("PUT", "/fee-schedule", "{\"fees\":[{\"code\":\"97110\",\"amount\":50}]}", "biller", null, "\"0\""));

        ok(call("PUT", "/claims/" + claimId, "{\"refreshFromPracticeData\":true}", "biller", null, "\"2\""));

        Claim refreshed = claims.get(practiceId, claimId).orElseThrow().claim();
        assertThat(refreshed.billingProvider()).isEqualTo(new Party("Riverside Therapy Group", null, "1245319599", "123456789",
                "261QR0400X", new PostalAddress("100 River Rd", "Suite 2", "Springfield", "IL", "627011234")));
        assertThat(refreshed.subscriber()).isEqualTo(new Subscriber("1EG4TE5MK74", "King", "Ada", LocalDate.of(1950, 12, 10), "F", home));
        assertThat(refreshed.renderingProvider().lastNameOrOrganization()).isEqualTo("Lee-Park");
        // Repriced from the fee schedule as it is now (2 × 50.00); a code without a fee keeps its amount.
        assertThat(refreshed.lines()).extracting(Charge::amount).containsExactly(new BigDecimal("100.00"), new BigDecimal("44.00"));
        assertThat(refreshed.lines()).extracting(Charge::units).containsExactly(2, 1);
    }

    @Test
    void refreshingAClaimWhoseCoverageIsGoneIs409AndWritesNothing() throws Exception {
        String claimId = claimNeedingReview();
        practice.create(practiceId, new Patient("patient-1", "Ada", "King", LocalDate.of(1950, 12, 10), "F", NOW, 1));

        problem(call("PUT", "/claims/" + claimId, "{\"refreshFromPracticeData\":true}", "biller", null, "\"2\""), "conflict");

        StoredClaim stored = claims.get(practiceId, claimId).orElseThrow();
        assertThat(stored.version()).isEqualTo(2);
        assertThat(stored.claim()).isEqualTo(claim(claimId));
    }

    @Test
    void aPendingClaimIsQueuedAgainOnRequestAndAScrubbedOneIsNot() throws Exception {
        String pending = "claim-" + UUID.randomUUID();
        claims.createIfAbsent(practiceId, new StoredClaim(claim(pending), null, ClaimStatus.SCRUB_PENDING, false, NOW, 1));

        APIGatewayV2HTTPResponse requeued = call("POST", "/claims/" + pending + "/scrub", null, "biller", null);

        assertThat(requeued.getStatusCode()).as(requeued.getBody()).isEqualTo(202);
        assertThat(claims.get(practiceId, pending).orElseThrow().queued()).isTrue();
        assertThat(receiveAll(scrubQueue)).extracting(Message::body).contains(SqsScrubQueue.body(practiceId, pending));
        problem(call("POST", "/claims/" + claimNeedingReview() + "/scrub", null, "biller", null), "conflict");
        problem(call("POST", "/claims/" + pending + "/scrub", null, "clinician", null), "forbidden");
        problem(call("POST", "/claims/" + pending + "/scrub", null, "biller", null, null, "practice-" + UUID.randomUUID()),
                "not-found");
    }

    @Test
    void aStaleIfMatchIs412AndAMissingOne428AndNothingIsWritten() throws Exception {
        String claimId = claimNeedingReview();
        problem(call("PUT", "/claims/" + claimId, ADD_GP, "biller", null, "\"1\""), "precondition-failed");
        problem(call("PUT", "/claims/" + claimId, ADD_GP, "biller", null, null), "precondition-required");
        StoredClaim stored = claims.get(practiceId, claimId).orElseThrow();
        assertThat(stored.version()).isEqualTo(2);
        assertThat(stored.status()).isEqualTo(ClaimStatus.NEEDS_REVIEW);
    }

    @Test
    void aSubmittedClaimIs409ClaimSubmittedAndAPendingOne409Conflict() throws Exception {
        String submitted = claimNeedingReview();
        claims.updateStatus(practiceId, submitted, 2, ClaimStatus.SUBMITTED);
        JsonNode problem = problem(call("PUT", "/claims/" + submitted, ADD_GP, "biller", null, "\"3\""), "claim-submitted");
        assertThat(problem.get("status").asInt()).isEqualTo(409);
        assertThat(claims.get(practiceId, submitted).orElseThrow().version()).isEqualTo(3);

        String pending = "claim-" + UUID.randomUUID();
        claims.createIfAbsent(practiceId, new StoredClaim(claim(pending), null, ClaimStatus.SCRUB_PENDING, true, NOW, 1));
        problem(call("PUT", "/claims/" + pending, ADD_GP, "biller", null, "\"1\""), "conflict");
    }

    @Test
    void anotherPracticesClaimIs404AndOtherRolesAre403() throws Exception {
        String claimId = claimNeedingReview();
        problem(call("PUT", "/claims/" + claimId, ADD_GP, "biller", null, "\"2\"", "practice-" + UUID.randomUUID()), "not-found");
        problem(call("GET", "/claims/" + claimId + "/scrub", null, "biller", null, null, "practice-" + UUID.randomUUID()), "not-found");
        problem(call("PUT", "/claims/" + claimId, ADD_GP, "clinician", null, "\"2\""), "forbidden");
        problem(call("GET", "/claims/dead-letters", null, "front_desk", null), "forbidden");
        assertThat(claims.get(practiceId, claimId).orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void anInvalidCorrectionIs422NamingTheField() throws Exception {
        String claimId = claimNeedingReview();
        JsonNode problem = problem(call("PUT", "/claims/" + claimId, "{\"lines\":[{\"diagnosisPointers\":[3]},{}]}", "biller",
                null, "\"2\""), "validation");
        assertThat(problem.toString()).contains("lines[0].diagnosisPointers[0]");
        problem(call("PUT", "/claims/" + claimId, "{\"lines\":[{}]}", "biller", null, "\"2\""), "validation");
        problem(call("PUT", "/claims/" + claimId, "{\"diagnoses\":[\"not a code\"]}", "biller", null, "\"2\""), "validation");
        assertThat(claims.get(practiceId, claimId).orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void deadLettersOfThePracticeAreShownAndLeftInTheQueue() throws Exception {
        String claimId = claimNeedingReview();
        String unknown = "claim-" + UUID.randomUUID();
        sqs.sendMessage(b -> b.queueUrl(deadLetters).messageBody(SqsScrubQueue.body(practiceId, claimId)));
        sqs.sendMessage(b -> b.queueUrl(deadLetters).messageBody(SqsScrubQueue.body(practiceId, unknown)));
        sqs.sendMessage(b -> b.queueUrl(deadLetters).messageBody(SqsScrubQueue.body("practice-" + UUID.randomUUID(), "claim-x")));
        sqs.sendMessage(b -> b.queueUrl(deadLetters).messageBody("not json"));

        JsonNode first = ok(call("GET", "/claims/dead-letters", null, "biller", null));
        JsonNode second = ok(call("GET", "/claims/dead-letters", null, "admin", null));

        for (JsonNode view : List.of(first, second)) {
            Map<String, String> byClaim = new HashMap<>();
            view.get("items").forEach(i -> byClaim.put(i.get("claimId").asText(),
                    i.path("claimStatus").isTextual() ? i.get("claimStatus").asText() : "null"));
            assertThat(byClaim).containsOnlyKeys(claimId, unknown);
            assertThat(byClaim.get(claimId)).isEqualTo("NEEDS_REVIEW");
            assertThat(byClaim.get(unknown)).isEqualTo("null");
            assertThat(view.get("unattributed").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(view.toString()).doesNotContain("not json");
        }
    }

    private static List<Message> receiveAll(String queue) {
        List<Message> all = new ArrayList<>();
        List<Message> batch;
        do {
            batch = sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            all.addAll(batch);
        } while (!batch.isEmpty());
        return all;
    }

    private APIGatewayV2HTTPResponse call(String method, String path, String body, String role, String subject) {
        return call(method, path, body, role, subject, null, practiceId);
    }

    private APIGatewayV2HTTPResponse call(String method, String path, String body, String role, String subject, String ifMatch) {
        return call(method, path, body, role, subject, ifMatch, practiceId);
    }

    private static APIGatewayV2HTTPResponse call(String method, String path, String body, String role, String subject,
                                                 String ifMatch, String practice) {
        return function.handleRequest(event(method, path, body, ifMatch, claims(practice, role, subject)), null);
    }

}
