package org.therapyops.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.therapyops.billing.charges.KxThresholds;
import org.therapyops.dynamodb.DynamoPracticeRepository;
import org.therapyops.dynamodb.Tables;
import org.therapyops.testing.Moto;

import java.math.BigDecimal;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.therapyops.api.ApiEvents.claims;
import static org.therapyops.api.ApiEvents.event;
import static org.therapyops.api.ApiEvents.ok;
import static org.therapyops.api.ApiEvents.problem;

/**
 * The practice's KX thresholds through the API function on moto: the shipped defaults (2024–2026, no 2027) read by
 * admins and billers, a year set by an admin under If-Match over them, every bad year refused naming it with nothing
 * stored, invisible to other practices.
 */
class KxThresholdsApiTest {

    private static final String Y2027 = "{\"thresholds\":[{\"year\":2027,\"amount\":2550,\"reference\":\"CY2027 PFS final rule\"}]}";

    private static ApplicationContext context;
    private static APIGatewayV2HTTPEventFunction function;
    private static DynamoPracticeRepository practice;

    private final String practiceId = "practice-" + UUID.randomUUID();

    @BeforeAll
    static void start() {
        Moto moto = Moto.shared();
        Tables tables = moto.createTables();
        Moto.BillingTables billing = moto.createBillingTables();
        context = ApiEvents.context(moto, tables, billing, "http://unused", "http://unused");
        function = new APIGatewayV2HTTPEventFunction(context);
        practice = new DynamoPracticeRepository(moto.dynamo(), tables);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void theShippedDefaultsThenAYearTheAdminSetsOverThemUnderIfMatch() throws Exception {
        APIGatewayV2HTTPResponse defaults = call("GET", null, "biller", null);
        JsonNode view = ok(defaults);
        assertThat(defaults.getHeaders().get("ETag")).isEqualTo("\"0\"");
        assertThat(view.get("thresholds").findValuesAsText("year")).containsExactly("2024", "2025", "2026");
        assertThat(view.at("/thresholds/2/amount").decimalValue()).isEqualByComparingTo("2480.00");
        assertThat(view.at("/thresholds/2/origin").asText()).isEqualTo("SHIPPED");
        assertThat(view.at("/thresholds/2/reference").asText()).contains("90 FR 49266");

        problem(call("PUT", Y2027, "admin", null), "precondition-required");
        problem(call("PUT", Y2027, "admin", "\"3\""), "precondition-failed");
        APIGatewayV2HTTPResponse set = call("PUT", Y2027, "admin", "\"0\"");
        assertThat(set.getHeaders().get("ETag")).isEqualTo("\"1\"");
        assertThat(ok(set).get("thresholds").findValuesAsText("year")).containsExactly("2024", "2025", "2026", "2027");
        assertThat(practice.kxThresholds(practiceId).orElseThrow().value().forYear(2027)).hasValue(
                KxThresholds.Threshold.practice(2027, new BigDecimal("2550.00"), "CY2027 PFS final rule"));

        JsonNode read = ok(call("GET", null, "admin", null));
        assertThat(read.get("version").asLong()).isEqualTo(1);
        assertThat(read.at("/thresholds/3/origin").asText()).isEqualTo("PRACTICE");
        assertThat(read.at("/thresholds/3/amount").decimalValue()).isEqualByComparingTo("2550.00");
        assertThat(read.at("/thresholds/3/confirmed").asBoolean()).isTrue();

        // The years listed replace the practice's earlier ones: 2026 over its default, 2027 back to none.
        JsonNode replaced = ok(call("PUT", "{\"thresholds\":[{\"year\":2026,\"amount\":2481.50}]}", "admin", "\"1\""));
        assertThat(replaced.get("version").asLong()).isEqualTo(2);
        assertThat(replaced.get("thresholds").findValuesAsText("year")).containsExactly("2024", "2025", "2026");
        assertThat(replaced.at("/thresholds/2/origin").asText()).isEqualTo("PRACTICE");
        assertThat(practice.kxThresholdsOver(practiceId, KxThresholds.load()).forYear(2027)).isEmpty();
        JsonNode cleared = ok(call("PUT", "{\"thresholds\":[]}", "admin", "\"2\""));
        assertThat(cleared.at("/thresholds/2/origin").asText()).isEqualTo("SHIPPED");
        assertThat(practice.kxThresholds(practiceId).orElseThrow().version()).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "year before 2000        | {\"year\":1999,\"amount\":2000}                         | thresholds[0].year",
            "year after 2100         | {\"year\":2101,\"amount\":2000}                         | thresholds[0].year",
            "no year                 | {\"amount\":2000}                                       | thresholds[0].year",
            "zero amount             | {\"year\":2027,\"amount\":0}                            | thresholds[0].amount",
            "negative amount         | {\"year\":2027,\"amount\":-5}                           | thresholds[0].amount",
            "fractions of a cent     | {\"year\":2027,\"amount\":2550.001}                     | thresholds[0].amount",
            "no amount               | {\"year\":2027}                                         | thresholds[0].amount",
            "a year listed twice     | {\"year\":2027,\"amount\":2550},{\"year\":2027,\"amount\":2560} | thresholds[1].year"})
    void aBadYearIs422NamingItAndNothingIsStored(String situation, String years, String field) throws Exception {
        JsonNode problem = problem(call("PUT", "{\"thresholds\":[" + years + "]}", "admin", "\"0\""), "validation");
        assertThat(problem.get("errors")).extracting(e -> e.get("field").asText()).contains(field);
        assertThat(practice.kxThresholds(practiceId)).isEmpty();
    }

    @Test
    void onlyAdminsSetThemAndAnotherPracticeKeepsTheDefaults() throws Exception {
        problem(call("PUT", Y2027, "biller", "\"0\""), "forbidden");
        problem(call("PUT", Y2027, "front_desk", "\"0\""), "forbidden");
        problem(call("GET", null, "clinician", null), "forbidden");
        ok(call("PUT", Y2027, "admin", "\"0\""));
        String other = "practice-" + UUID.randomUUID();
        JsonNode theirs = ok(function.handleRequest(event("GET", "/kx-thresholds", null, null, claims(other, "admin", null)), null));
        assertThat(theirs.get("thresholds").findValuesAsText("year")).containsExactly("2024", "2025", "2026");
    }

    private APIGatewayV2HTTPResponse call(String method, String body, String role, String ifMatch) {
        return function.handleRequest(event(method, "/kx-thresholds", body, ifMatch, claims(practiceId, role, null)), null);
    }
}
