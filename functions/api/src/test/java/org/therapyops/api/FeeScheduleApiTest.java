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
import org.therapyops.dynamodb.DynamoPracticeRepository;
import org.therapyops.dynamodb.Tables;
import org.therapyops.testing.Moto;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.therapyops.api.ApiEvents.claims;
import static org.therapyops.api.ApiEvents.event;
import static org.therapyops.api.ApiEvents.ok;
import static org.therapyops.api.ApiEvents.problem;

/**
 * The practice's fee schedule through the API function on moto: created under If-Match "0" and replaced under its
 * ETag by admins and billers, each bad fee refused naming it with nothing stored, invisible to other practices.
 */
class FeeScheduleApiTest {

    private static final String FEES = "{\"fees\":[{\"code\":\"97110\",\"amount\":45},{\"code\":\"97110\",\"modifier\":\"CQ\","
            + "\"amount\":38.25},{\"code\":\"97140\",\"amount\":44.00}]}";

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
    void createdThenReadAndReplacedUnderItsEtagAndUsedForPricing() throws Exception {
        problem(call("GET", null, "biller", null), "not-found");

        APIGatewayV2HTTPResponse created = call("PUT", FEES, "biller", "\"0\"");
        JsonNode view = ok(created);
        assertThat(created.getHeaders().get("ETag")).isEqualTo("\"1\"");
        assertThat(view.get("fees")).hasSize(3);
        assertThat(view.at("/fees/1/modifier").asText()).isEqualTo("CQ");
        var stored = practice.feeSchedule(practiceId).orElseThrow();
        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.value().feeFor("97110", List.of("GP", "CQ"))).contains(new BigDecimal("38.25"));
        assertThat(stored.value().feeFor("97110", List.of("GP"))).contains(new BigDecimal("45.00"));

        problem(call("PUT", FEES, "admin", "\"0\""), "precondition-failed");
        problem(call("PUT", FEES, "admin", null), "precondition-required");
        JsonNode replaced = ok(call("PUT", "{\"fees\":[{\"code\":\"97530\",\"amount\":52.5}]}", "admin", "\"1\""));
        assertThat(replaced.get("version").asLong()).isEqualTo(2);
        JsonNode read = ok(call("GET", null, "admin", null));
        assertThat(read.get("fees")).hasSize(1);
        assertThat(read.at("/fees/0/amount").decimalValue()).isEqualByComparingTo("52.50");
        assertThat(practice.feeSchedule(practiceId).orElseThrow().value().feeFor("97110", List.of())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "zero amount             | {\"code\":\"97110\",\"amount\":0}                       | fees[0].amount",
            "negative amount         | {\"code\":\"97110\",\"amount\":-5}                      | fees[0].amount",
            "fractions of a cent     | {\"code\":\"97110\",\"amount\":45.001}                  | fees[0].amount",
            "no amount               | {\"code\":\"97110\"}                                    | fees[0].amount",
            "code not in the catalog | {\"code\":\"99213\",\"amount\":90}                      | fees[0].code",
            "malformed code          | {\"code\":\"9711\",\"amount\":45}                       | fees[0].code",
            "malformed modifier      | {\"code\":\"97110\",\"modifier\":\"C\",\"amount\":45}   | fees[0].modifier"})
    void aBadFeeIs422NamingItAndNothingIsStored(String situation, String fee, String field) throws Exception {
        JsonNode problem = problem(call("PUT", "{\"fees\":[" + fee + "]}", "admin", "\"0\""), "validation");
        assertThat(problem.get("errors")).extracting(e -> e.get("field").asText()).contains(field);
        assertThat(practice.feeSchedule(practiceId)).isEmpty();
    }

    @Test
    void aRepeatedFeeIsRefusedNamingTheSecond() throws Exception {
        JsonNode problem = problem(call("PUT", "{\"fees\":[{\"code\":\"97110\",\"amount\":45},{\"code\":\"97140\",\"amount\":44},"
                + "{\"code\":\"97110\",\"amount\":46}]}", "admin", "\"0\""), "validation");
        assertThat(problem.get("errors")).extracting(e -> e.get("field").asText()).containsExactly("fees[2]");
        assertThat(practice.feeSchedule(practiceId)).isEmpty();
    }

    @Test
    void frontDeskAndCliniciansMayNotTouchItAndAnotherPracticeSeesNothing() throws Exception {
        problem(call("PUT", FEES, "front_desk", "\"0\""), "forbidden");
        problem(call("PUT", FEES, "clinician", "\"0\""), "forbidden");
        ok(call("PUT", FEES, "admin", "\"0\""));
        problem(call("GET", null, "clinician", null), "forbidden");
        String other = "practice-" + UUID.randomUUID();
        problem(function.handleRequest(event("GET", "/fee-schedule", null, null, claims(other, "biller", null)), null), "not-found");
    }

    private APIGatewayV2HTTPResponse call(String method, String body, String role, String ifMatch) {
        return function.handleRequest(event(method, "/fee-schedule", body, ifMatch, claims(practiceId, role, null)), null);
    }
}
