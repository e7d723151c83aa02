package org.therapyops.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
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
import org.therapyops.dynamodb.Tables;
import org.therapyops.testing.Moto;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
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
 * Notes and claim corrections check diagnoses against the ICD-10-CM release in force on their date of service. Run on
 * two synthetic releases (test resources {@code synthetic-icd10cm/}, made-up codes, not ICD-10-CM): an older one to
 * 2026-09-30 and a newer one from 2026-10-01 that deletes R29.990, adds R29.991 and turns R29.992 into a header.
 */
class DiagnosisReleasesApiTest {

    private static final String OLD_DAY = "2026-06-15";
    private static final String NEW_DAY = "2026-12-03";
    private static ApplicationContext context;
    private static APIGatewayV2HTTPEventFunction function;
    private static DynamoDbClient dynamo;
    private static DynamoClaimRepository claimRepository;
    private static SqsClient sqs;

    private final String practiceId = "practice-" + UUID.randomUUID();
    private String patientId;
    private String providerId;
    private int slot;

    @BeforeAll
    static void start() {
        Moto moto = Moto.shared();
        Tables tables = moto.createTables();
        Moto.BillingTables billing = moto.createBillingTables();
        sqs = SqsClient.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        String scrubQueue = sqs.createQueue(b -> b.queueName("scrub-" + UUID.randomUUID().toString().substring(0, 8))).queueUrl();
        context = ApiEvents.context(moto, tables, billing, scrubQueue, "http://unused", moto.createInboundTable(),
                "http://unused", Map.of("code-sets.icd10cm.folder", "synthetic-icd10cm"));
        function = new APIGatewayV2HTTPEventFunction(context);
        dynamo = moto.dynamo();
        claimRepository = new DynamoClaimRepository(dynamo, billing.claims());
    }

    @AfterAll
    static void stop() {
        context.close();
        dynamo.close();
        sqs.close();
    }

    @Test
    void aNoteIsCheckedAgainstTheReleaseInForceOnItsDateOfService() throws Exception {
        // Deleted since: still valid for a session before the newer release took effect.
        assertThat(draft(OLD_DAY, "R29.990").getStatusCode()).isEqualTo(201);
        JsonNode deleted = problem(draft(NEW_DAY, "R29.990"), "validation");
        assertThat(deleted.at("/errors/0/field").asText()).isEqualTo("diagnoses[0]");
        assertThat(deleted.at("/errors/0/message").asText()).contains("SYNTHETIC-NEW, in force on " + NEW_DAY);

        // Added by the newer release: refused before it, accepted from it on.
        assertThat(problem(draft(OLD_DAY, "R29.991"), "validation").at("/errors/0/message").asText())
                .contains("SYNTHETIC-OLD, in force on " + OLD_DAY);
        assertThat(draft(NEW_DAY, "R29.991").getStatusCode()).isEqualTo(201);

        // Turned into a header: billable on the older date only.
        assertThat(draft(OLD_DAY, "R29.992").getStatusCode()).isEqualTo(201);
        assertThat(problem(draft(NEW_DAY, "R29.992"), "validation").at("/errors/0/message").asText())
                .contains("category heading in ICD-10-CM SYNTHETIC-NEW");
    }

    @Test
    void aDateNoReleaseCoversIsCheckedAgainstTheNearestAndTheProblemSaysSo() throws Exception {
        assertThat(draft("2027-10-05", "R29.991").getStatusCode()).isEqualTo(201);
        assertThat(problem(draft("2027-10-05", "R29.990"), "validation").at("/errors/0/message").asText())
                .contains("SYNTHETIC-NEW (no release in force on 2027-10-05 is loaded; this is the nearest)");
    }

    @Test
    void aClaimCorrectionIsCheckedAgainstTheReleaseOfTheClaimsDateOfService() throws Exception {
        String older = claimNeedingReview(LocalDate.parse(OLD_DAY));
        JsonNode corrected = ok(call("PUT", "/claims/" + older, "{\"diagnoses\":[\"R29.990\",\"M54.50\"]}", "biller", null, "\"2\""));
        assertThat(corrected.get("diagnoses").toString()).isEqualTo("[\"R29990\",\"M5450\"]");

        String newer = claimNeedingReview(LocalDate.parse(NEW_DAY));
        JsonNode refused = problem(call("PUT", "/claims/" + newer, "{\"diagnoses\":[\"M54.50\",\"R29.990\"]}", "biller", null,
                "\"2\""), "validation");
        assertThat(refused.at("/errors/0/field").asText()).isEqualTo("diagnoses[1]");
        assertThat(claimRepository.get(practiceId, newer).orElseThrow().claim().diagnoses()).as("nothing written")
                .containsExactly("M5450");
        assertThat(ok(call("PUT", "/claims/" + newer, "{\"diagnoses\":[\"M54.50\",\"R29.991\"]}", "biller", null, "\"2\""))
                .get("status").asText()).isEqualTo("SCRUB_PENDING");
    }

    // ---- helpers

    private APIGatewayV2HTTPResponse draft(String day, String diagnosis) throws Exception {
        if (patientId == null) {
            patientId = created(call("POST", "/patients", "{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\",\"birthDate\":\"1950-12-10\"}",
                    "front_desk", null, null)).get("id").asText();
            providerId = created(call("POST", "/providers", "{\"npi\":\"1234567893\",\"firstName\":\"Grace\",\"lastName\":\"Hopper\","
                    + "\"discipline\":\"PT\"}", "admin", null, null)).get("id").asText();
            String payerId = created(call("POST", "/payers", "{\"name\":\"Medicare\",\"payerId\":\"MCRB1\",\"payerType\":\"MEDICARE\"}",
                    "admin", null, null)).get("id").asText();
            created(call("POST", "/patients/" + patientId + "/coverages", "{\"payerId\":\"" + payerId
                    + "\",\"memberId\":\"1EG4TE5MK73\",\"effectiveFrom\":\"2025-01-01\"}", "front_desk", null, null));
        }
        String start = day + "T" + String.format("%02d:00", 8 + slot++);
        String appointmentId = created(call("POST", "/appointments", "{\"patientId\":\"" + patientId + "\",\"providerId\":\""
                + providerId + "\",\"serviceCode\":\"97110\",\"start\":\"" + start + "\",\"durationMinutes\":45}",
                "front_desk", null, null)).get("id").asText();
        return call("POST", "/notes", "{\"appointmentId\":\"" + appointmentId + "\",\"diagnoses\":[\"" + diagnosis + "\"],"
                + "\"lines\":[{\"code\":\"97110\",\"minutes\":30}]}", "clinician", providerId, null);
    }

    /** A claim on the day scrubbed to NEEDS_REVIEW (version 2), diagnosed M54.50. */
    private String claimNeedingReview(LocalDate dos) {
        String claimId = "claim-" + UUID.randomUUID();
        Party billing = new Party("Riverside Therapy", null, "1234567893", "12-3456789", "225100000X",
                new PostalAddress("1 Main St", null, "Springfield", "IL", "62701"));
        Claim claim = new Claim(claimId, "patient-1", "coverage-1", "payer-1", "Medicare Part B", "MCRB1", billing,
                new Party("Lee", "Dana", "1987654328", null, "225100000X", null), null,
                new Subscriber("1EG4TE5MK73", "Lovelace", "Ada", LocalDate.of(1950, 12, 10), "F", null), dos, "11",
                ClaimFrequency.ORIGINAL, null, null, List.of("M5450"),
                List.of(new Charge("97110", List.of("GP"), 2, 33, List.of(1), new BigDecimal("90.00"), "pt-1", dos, "11")));
        Instant now = Instant.parse("2026-12-05T16:00:00Z");
        claimRepository.createIfAbsent(practiceId, new StoredClaim(claim, null, ClaimStatus.SCRUB_PENDING, true, now, 1));
        claimRepository.recordScrub(practiceId, claimId, 1, new ScrubResult(claimId, ScrubStatus.NEEDS_REVIEW, "medicare", "2026.1", null,
                List.of(new Finding("ICD10_VALID", Severity.ERROR, "diagnoses[0]", "test", "test"))), now);
        return claimId;
    }

    private APIGatewayV2HTTPResponse call(String method, String path, String body, String role, String subject, String ifMatch) {
        return function.handleRequest(event(method, path, body, ifMatch, claims(practiceId, role, subject)), null);
    }
}
