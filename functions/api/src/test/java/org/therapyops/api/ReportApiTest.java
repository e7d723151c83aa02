package org.therapyops.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.therapyops.billing.ClaimMilestones;
import org.therapyops.billing.ClaimStatus;
import org.therapyops.billing.PayerResponse;
import org.therapyops.billing.StoredClaim;
import org.therapyops.billing.remittance.Remittances;
import org.therapyops.domain.AppointmentStatus;
import org.therapyops.dynamodb.DynamoClaimRepository;
import org.therapyops.dynamodb.DynamoPracticeRepository;
import org.therapyops.dynamodb.DynamoReportingStore;
import org.therapyops.dynamodb.Tables;
import org.therapyops.reporting.ClaimSnapshot;
import org.therapyops.reporting.Contributions;
import org.therapyops.reporting.ReportingRules;
import org.therapyops.reporting.service.ReportingService;
import org.therapyops.testing.Moto;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The reports through the API function as Lambda calls it, on moto: JSON and CSV, bad input, roles, one practice only. */
class ReportApiTest {

    private static ApplicationContext context;
    private static APIGatewayV2HTTPEventFunction function;
    private static ReportingService reporting;
    private static LocalDate today;
    private final String practiceId = "practice-" + UUID.randomUUID();

    @BeforeAll
    static void start() {
        Moto moto = Moto.shared();
        Tables tables = moto.createTables();
        Moto.BillingTables billing = moto.createBillingTables();
        String reportingTable = moto.createReportingTable();
        context = ApiEvents.context(moto, tables, billing, "http://unused", "http://unused", moto.createInboundTable(), "http://unused",
                reportingTable);
        function = new APIGatewayV2HTTPEventFunction(context);
        var dynamo = moto.dynamo();
        reporting = new ReportingService(new DynamoReportingStore(dynamo, reportingTable), new DynamoPracticeRepository(dynamo, tables),
                new DynamoClaimRepository(dynamo, billing.claims()), new Contributions(ReportingRules.load()), Clock.systemUTC());
        today = LocalDate.now(ZoneId.of("America/New_York"));
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    private APIGatewayV2HTTPResponse get(String path, String role, String accept) {
        return get(path, practiceId, role, accept);
    }

    private static APIGatewayV2HTTPResponse get(String path, String practice, String role, String accept) {
        APIGatewayV2HTTPEvent event = ApiEvents.event("GET", path, null, null, ApiEvents.claims(practice, role, null));
        if (accept != null) {
            event.getHeaders().put("accept", accept);
        }
        return function.handleRequest(event, null);
    }

    /** A paid claim of yesterday and a claim in NEEDS_REVIEW since ten days ago. */
    private void seed() {
        Instant now = Instant.now();
        StoredClaim base = Remittances.submitted("c-paid-" + UUID.randomUUID(), "97110", "60.00", "97140", "40.00");
        ClaimMilestones paid = ClaimMilestones.NONE.scrubbed(ClaimStatus.READY, now.minusSeconds(86400 * 3))
                .submitted(now.minusSeconds(86400 * 2)).answered(ClaimStatus.PAID, now.minusSeconds(86400), List.of());
        PayerResponse remitted = PayerResponse.NONE.withSubmission("B1", now.minusSeconds(86400 * 2)).withRemittance(
                new PayerResponse.RemittanceTotals(new BigDecimal("90.00"), new BigDecimal("10.00"), BigDecimal.ZERO, List.of(), "era",
                        now.minusSeconds(86400), 1), "PCCN", List.of());
        reporting.claimChanged(practiceId, new ClaimSnapshot(new StoredClaim(base.claim(), null, null, ClaimStatus.PAID, true,
                now.minusSeconds(86400 * 3), 5, remitted, paid), now.minusSeconds(86400 * 3)));
        StoredClaim review = Remittances.submitted("c-review-" + UUID.randomUUID(), "97110", "60.00");
        Instant scrubbed = now.minusSeconds(86400 * 10);
        reporting.claimChanged(practiceId, new ClaimSnapshot(new StoredClaim(review.claim(), null, null, ClaimStatus.NEEDS_REVIEW, true,
                scrubbed, 2, PayerResponse.NONE, ClaimMilestones.NONE.scrubbed(ClaimStatus.NEEDS_REVIEW, scrubbed)), scrubbed));
        reporting.appointmentChanged(practiceId, new org.therapyops.domain.Appointment("a-" + UUID.randomUUID(), "patient-1", "pt-1",
                "97110", LocalDateTime.of(today.minusDays(5), java.time.LocalTime.of(9, 0)), 45, AppointmentStatus.COMPLETED, null,
                null, now.minusSeconds(86400 * 20), "desk", 4), null);
    }

    @Test
    void aReportAnswersJsonAndTheSameNumbersAsCsv() throws Exception {
        seed();
        String path = "/reports/claims?from=" + today.minusDays(30) + "&to=" + today + "&groupBy=payer";
        JsonNode json = ApiEvents.ok(get(path, "biller", null));
        assertThat(json.get("report").asText()).isEqualTo("claims");
        assertThat(json.get("groupBy").asText()).isEqualTo("payer");
        JsonNode total = json.at("/total/values");
        assertThat(total.get("claimsScrubbed").asInt()).isEqualTo(2);
        assertThat(total.get("cleanClaimRate").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(total.get("firstPassResolutionRate").decimalValue()).isEqualByComparingTo("1");
        assertThat(json.at("/rows/0/group").asText()).isEqualTo("payer-1");
        assertThat(json.get("columns").findValues("formula").stream().map(JsonNode::asText)).contains("clean-claim-rate");

        APIGatewayV2HTTPResponse csv = get(path, "biller", "text/csv");
        assertThat(csv.getStatusCode()).isEqualTo(200);
        assertThat(csv.getHeaders().get("Content-Type")).startsWith("text/csv");
        List<String> lines = csv.getBody().lines().toList();
        assertThat(lines.get(0)).startsWith("group,label,claimsScrubbed,cleanClaims,cleanClaimRate,");
        assertThat(lines).last().asString().startsWith("TOTAL,All,2,1,0.5000,");
        assertThat(lines.get(1)).startsWith("payer-1,payer-1,2,1,0.5000,");
        assertThat(csv.getHeaders().get("Content-Disposition"))
                .isEqualTo("inline; filename=\"claims-" + today.minusDays(30) + "-" + today + ".csv\"");
        // A/R is as of today whatever the range: its file is named by that day
        APIGatewayV2HTTPResponse ar = get("/reports/ar?from=" + today.minusDays(90) + "&to=" + today.minusDays(60), "biller", "text/csv");
        assertThat(ar.getHeaders().get("Content-Disposition")).isEqualTo("inline; filename=\"ar-" + today + ".csv\"");

        JsonNode summary = ApiEvents.ok(get("/reports/summary", "admin", null));
        assertThat(summary.at("/total/values/review").asInt()).isEqualTo(1);
        assertThat(summary.at("/total/values/noteMissing").asInt()).isEqualTo(1);
        assertThat(summary.at("/total/values/arPatient").decimalValue()).isEqualByComparingTo("10.00");
        assertThat(summary.at("/total/values/denialRateByCount").decimalValue()).isEqualByComparingTo("0");
        assertThat(summary.at("/total/values").has("submissionLagMedian")).isTrue();

        // another practice sees nothing of this one
        JsonNode other = ApiEvents.ok(get("/reports/summary", "practice-" + UUID.randomUUID(), "admin", null));
        assertThat(other.at("/total/values/review").asInt()).isZero();
        assertThat(other.at("/total/values/cleanClaimRate").isNull()).isTrue();
    }

    @Test
    void badQueriesAre400ProblemsNamingTheParameter() throws Exception {
        for (String[] c : new String[][] {{"/reports/nope", "name"}, {"/reports/claims?from=2026-06-02&to=2026-06-01", "to"},
                {"/reports/claims?from=2024-01-01&to=2026-06-01", "to"}, {"/reports/claims?groupBy=carc", "groupBy"},
                {"/reports/claims?groupBy=nonsense", "groupBy"}}) {
            APIGatewayV2HTTPResponse response = get(c[0], "admin", null);
            assertThat(response.getStatusCode()).as(c[0] + ": " + response.getBody()).isEqualTo(400);
            JsonNode problem = ApiEvents.problem(response, "malformed-request");
            assertThat(problem.at("/errors/0/field").asText()).as(c[0]).isEqualTo(c[1]);
        }
        APIGatewayV2HTTPResponse badDate = get("/reports/claims?from=yesterday", "admin", null);
        assertThat(badDate.getStatusCode()).isEqualTo(400);
        ApiEvents.problem(badDate, "malformed-request");
        // an unknown report is a 400 whatever the role
        assertThat(get("/reports/nope", "clinician", null).getStatusCode()).isEqualTo(400);
    }

    @Test
    void rolesSeeTheReportsTheirWorkNeeds() throws Exception {
        seed();
        assertThat(get("/reports/claims", "clinician", null).getStatusCode()).isEqualTo(403);
        assertThat(get("/reports/summary", "front_desk", null).getStatusCode()).isEqualTo(403);
        assertThat(get("/reports/attendance", "front_desk", null).getStatusCode()).isEqualTo(200);
        assertThat(get("/reports/attendance", "clinician", null).getStatusCode()).isEqualTo(403);
        JsonNode desk = ApiEvents.ok(get("/reports/leakage", "front_desk", null));
        assertThat(desk.get("rows").findValues("group").stream().map(JsonNode::asText))
                .containsExactly("NOTE_MISSING", "CLAIM_MISSING", "EXPIRING");
        JsonNode clinician = ApiEvents.ok(get("/reports/leakage-items", "clinician", null));
        assertThat(clinician.get("rows").findValues("group").stream().map(JsonNode::asText)).containsExactly("NOTE_MISSING");
        JsonNode biller = ApiEvents.ok(get("/reports/leakage-items", "biller", null));
        assertThat(biller.get("rows").findValues("group").stream().map(JsonNode::asText))
                .containsExactlyInAnyOrder("NOTE_MISSING", "REVIEW");
    }
}
