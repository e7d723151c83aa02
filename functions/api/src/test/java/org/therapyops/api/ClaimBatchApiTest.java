package org.therapyops.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.therapyops.billing.Charge;
import org.therapyops.billing.Claim;
import org.therapyops.billing.ClaimFrequency;
import org.therapyops.billing.ClaimStatus;
import org.therapyops.billing.Party;
import org.therapyops.billing.StoredClaim;
import org.therapyops.billing.Subscriber;
import org.therapyops.domain.PostalAddress;
import org.therapyops.dynamodb.DynamoClaimRepository;
import org.therapyops.dynamodb.Tables;
import org.therapyops.testing.Moto;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.therapyops.api.ApiEvents.claims;
import static org.therapyops.api.ApiEvents.created;
import static org.therapyops.api.ApiEvents.event;
import static org.therapyops.api.ApiEvents.ok;
import static org.therapyops.api.ApiEvents.problem;

/**
 * 837P batches through the API function as Lambda calls it, on moto: READY claims become SUBMITTED with the stored
 * interchange, control numbers grow per practice and independently between practices, and the refusals.
 */
class ClaimBatchApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-06-20T16:00:00Z");
    private static final LocalDate DOS = LocalDate.of(2026, 6, 15);
    private static ApplicationContext context;
    private static APIGatewayV2HTTPEventFunction function;
    private static DynamoDbClient dynamo;
    private static DynamoClaimRepository claims;

    private final String practiceId = "practice-" + UUID.randomUUID();
    private final java.util.Set<String> profiled = new java.util.HashSet<>();

    @BeforeAll
    static void start() {
        Moto moto = Moto.shared();
        Tables tables = moto.createTables();
        Moto.BillingTables billing = moto.createBillingTables();
        context = ApiEvents.context(moto, tables, billing, "http://unused", "http://unused");
        function = new APIGatewayV2HTTPEventFunction(context);
        dynamo = moto.dynamo();
        claims = new DynamoClaimRepository(dynamo, billing.claims());
    }

    @AfterAll
    static void stop() {
        context.close();
        dynamo.close();
    }

    private String readyClaim(String practice) throws Exception {
        if (profiled.add(practice)) {
            ok(call("PUT", "/billing-profile", BillingProfileApiTest.PROFILE, "admin", null, "\"0\"", practice));
        }
        String claimId = "claim-" + UUID.randomUUID();
        claims.createIfAbsent(practice, new StoredClaim(claim(claimId), null, ClaimStatus.READY, true, NOW, 2));
        return claimId;
    }

    private static Claim claim(String id) {
        Party billing = new Party("Riverside Therapy", null, "1234567893", "12-3456789", "225100000X",
                new PostalAddress("1 Main St", null, "Springfield", "IL", "62701"));
        List<Charge> lines = List.of(
                new Charge("97110", List.of("GP"), 2, 33, List.of(1), new BigDecimal("90.00"), "pt-1", DOS, "11"),
                new Charge("97140", List.of("GP"), 1, 10, List.of(1, 2), new BigDecimal("44.00"), "pt-1", DOS, "11"));
        return new Claim(id, "patient-1", "coverage-1", "payer-1", "Medicare Part B", "MCRB1", billing,
                new Party("Lee", "Dana", "1987654328", null, "225100000X", null), null,
                new Subscriber("1EG4TE5MK73", "Lovelace", "Ada", LocalDate.of(1950, 12, 10), "F",
                        new PostalAddress("2 Oak St", null, "Springfield", "IL", "62702")), DOS, "11",
                ClaimFrequency.ORIGINAL, null, null, List.of("M5450", "M6281"), lines);
    }

    @Test
    void readyClaimsBecomeSubmittedWithTheInterchangeStoredAndDownloadable() throws Exception {
        String one = readyClaim(practiceId);
        String two = readyClaim(practiceId);

        JsonNode batch = created(call("POST", "/claim-batches", null, "biller", null));

        assertThat(batch.get("claimIds")).extracting(JsonNode::asText).containsExactlyInAnyOrder(one, two);
        assertThat(batch.get("isa13").asText()).hasSize(9);
        for (String id : List.of(one, two)) {
            StoredClaim stored = claims.get(practiceId, id).orElseThrow();
            assertThat(stored.status()).isEqualTo(ClaimStatus.SUBMITTED);
            assertThat(stored.version()).isEqualTo(3);
        }
        APIGatewayV2HTTPResponse download = call("GET", "/claim-batches/" + batch.get("batchId").asText() + "/837", null,
                "admin", null);
        assertThat(download.getStatusCode()).isEqualTo(200);
        assertThat(download.getHeaders().get("Content-Type")).startsWith("application/edi-x12");
        String x12 = body(download);
        assertThat(x12).startsWith("ISA*").contains("ST*837*")
                .contains("*" + batch.get("isa13").asText() + "*0*T*:~").endsWith("~");

        assertThat(x12.split("~CLM\\*", -1)).hasSize(3);
        problem(call("POST", "/claim-batches", null, "biller", null), "validation");
        JsonNode problem = problem(call("POST", "/claim-batches", "{\"claimIds\":[\"" + one + "\"]}", "biller", null), "validation");
        assertThat(problem.toString()).contains("claimIds");
    }

    @Test
    void controlNumbersGrowPerPracticeAndIndependentlyBetweenPractices() throws Exception {
        String other = "practice-" + UUID.randomUUID();
        readyClaim(practiceId);
        JsonNode first = created(call("POST", "/claim-batches", null, "biller", null));
        readyClaim(practiceId);
        JsonNode second = created(call("POST", "/claim-batches", null, "admin", null));
        readyClaim(other);
        JsonNode others = created(call("POST", "/claim-batches", null, "biller", null, null, other));

        assertThat(first.get("interchangeControlNumber").asLong()).isEqualTo(1);
        assertThat(second.get("interchangeControlNumber").asLong()).isEqualTo(2);
        assertThat(second.get("groupControlNumber").asLong()).isEqualTo(2);
        assertThat(second.get("transactionSetControlNumber").asLong()).isEqualTo(2);
        assertThat(others.get("interchangeControlNumber").asLong()).isEqualTo(1);
        assertThat(second.get("isa13").asText()).isEqualTo("000000002");
    }

    @Test
    void explicitClaimIdsBatchOnlyThoseAndASubmittedClaimCannotBeCorrected() throws Exception {
        String named = readyClaim(practiceId);
        String left = readyClaim(practiceId);
        JsonNode batch = created(call("POST", "/claim-batches", "{\"claimIds\":[\"" + named + "\"]}", "biller", null));
        assertThat(batch.get("claimIds")).extracting(JsonNode::asText).containsExactly(named);
        assertThat(claims.get(practiceId, left).orElseThrow().status()).isEqualTo(ClaimStatus.READY);

        problem(call("PUT", "/claims/" + named, "{\"placeOfService\":\"02\"}", "biller", null, "\"3\""), "claim-submitted");
        problem(call("POST", "/claim-batches", "{\"claimIds\":[\"claim-none\"]}", "biller", null), "unknown-reference");
    }

    @Test
    void anotherPracticesBatchIs404AndOtherRolesAre403() throws Exception {
        readyClaim(practiceId);
        problem(call("POST", "/claim-batches", null, "clinician", null), "forbidden");
        JsonNode batch = created(call("POST", "/claim-batches", null, "biller", null));
        String id = batch.get("batchId").asText();
        problem(call("GET", "/claim-batches/" + id + "/837", null, "biller", null, null, "practice-" + UUID.randomUUID()), "not-found");
        problem(call("GET", "/claim-batches/" + id, null, "biller", null, null, "practice-" + UUID.randomUUID()), "not-found");
        assertThat(ok(call("GET", "/claim-batches/" + id, null, "biller", null)).get("batchId").asText()).isEqualTo(id);
    }

    @Test
    void aPracticeWithoutASubmitterIs422AndItsClaimsStayReady() throws Exception {
        String claimId = readyClaim(practiceId);
        String noSubmitter = BillingProfileApiTest.PROFILE.replaceAll(",\\s*\"submitter\": \\{[^}]*}", "");
        ok(call("PUT", "/billing-profile", noSubmitter, "admin", null, "\"1\""));

        JsonNode problem = problem(call("POST", "/claim-batches", null, "biller", null), "validation");

        assertThat(problem.get("errors")).extracting(e -> e.get("field").asText()).containsExactly("billingProfile.submitter");
        assertThat(claims.get(practiceId, claimId).orElseThrow().status()).isEqualTo(ClaimStatus.READY);
    }

    @Test
    void theSubmitterAndReceiverComeFromTheBillingProfileAndTheDeployment() throws Exception {
        readyClaim(practiceId);
        JsonNode batch = created(call("POST", "/claim-batches", null, "biller", null));
        String x12 = body(call("GET", "/claim-batches/" + batch.get("batchId").asText() + "/837", null, "biller", null));
        assertThat(x12).contains("*ZZ*RTG01          *ZZ*CLEARINGHOUSE  *")
                .contains("~NM1*41*2*RIVERSIDE THERAPY GROUP*****46*RTG01~PER*IC*BILLING OFFICE*TE*2175550100~")
                .contains("~NM1*40*2*TEST CLEARINGHOUSE*****46*CLEARINGHOUSE~");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "an array|[null, null]", "a string|`\"all\"`", "a number|7", "null|null"})
    void aBodyThatIsNotAnObjectIsRefusedAndTheReadyClaimsStayReady(String name, String body) throws Exception {
        String ready = readyClaim(practiceId);
        JsonNode problem = problem(call("POST", "/claim-batches", body, "biller", null), "validation");
        assertThat(problem.path("errors").get(0).get("field").asText()).isEqualTo("claimIds");
        assertThat(claims.get(practiceId, ready).orElseThrow().status()).isEqualTo(ClaimStatus.READY);
    }

    @Test
    void noReadyClaimsIs422NamingClaims() throws Exception {
        JsonNode problem = problem(call("POST", "/claim-batches", null, "biller", null), "validation");
        assertThat(problem.toString()).contains("claims");
    }

    private static String body(APIGatewayV2HTTPResponse response) {
        return response.getIsBase64Encoded()
                ? new String(Base64.getDecoder().decode(response.getBody()), StandardCharsets.US_ASCII) : response.getBody();
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
