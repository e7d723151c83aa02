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

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.therapyops.api.ApiEvents.claims;
import static org.therapyops.api.ApiEvents.event;
import static org.therapyops.api.ApiEvents.ok;
import static org.therapyops.api.ApiEvents.problem;

/**
 * The practice's billing profile through the API function on moto: created under If-Match "0", replaced under its
 * ETag, validated field by field (nothing stored when invalid), open to admins (write) and billers (read) of the
 * practice only.
 */
class BillingProfileApiTest {

    static final String PROFILE = """
            {"organizationName": "Riverside Therapy Group", "npi": "1245319599", "taxId": "12-3456789", "taxonomy": "261QR0400X",
             "address": {"line1": "100 River Rd", "line2": "Suite 2", "city": "Springfield", "state": "IL", "postalCode": "62701-1234"},
             "submitter": {"id": "RTG01", "contactName": "Billing Office", "phone": "(217) 555-0100"}}""";

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
    void createdUnderIfMatchZeroThenReplacedUnderItsEtag() throws Exception {
        problem(call("GET", null, "admin", null), "not-found");

        APIGatewayV2HTTPResponse created = call("PUT", PROFILE, "admin", "\"0\"");
        JsonNode view = ok(created);
        assertThat(created.getHeaders().get("ETag")).isEqualTo("\"1\"");
        assertThat(view.get("taxId").asText()).isEqualTo("12-3456789");
        assertThat(view.at("/address/postalCode").asText()).isEqualTo("62701-1234");
        assertThat(view.at("/submitter/phone").asText()).isEqualTo("2175550100");
        var stored = practice.billingProfile(practiceId).orElseThrow();
        assertThat(stored.taxId()).isEqualTo("123456789");
        assertThat(stored.address().postalCode()).isEqualTo("627011234");

        problem(call("PUT", PROFILE, "admin", "\"0\""), "precondition-failed");
        problem(call("PUT", PROFILE, "admin", null), "precondition-required");
        JsonNode replaced = ok(call("PUT", PROFILE.replace("Riverside Therapy Group", "Riverside Rehab"), "admin", "\"1\""));
        assertThat(replaced.get("version").asLong()).isEqualTo(2);
        assertThat(ok(call("GET", null, "biller", null)).get("organizationName").asText()).isEqualTo("Riverside Rehab");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "npi check digit wrong      | \"npi\": \"1245319599\"      | \"npi\": \"1245319590\"        | npi",
            "tax id of eight digits     | \"taxId\": \"12-3456789\"    | \"taxId\": \"12-345678\"       | taxId",
            "taxonomy without its X     | \"taxonomy\": \"261QR0400X\" | \"taxonomy\": \"261QR04000\"   | taxonomy",
            "post office box            | \"line1\": \"100 River Rd\"  | \"line1\": \"P.O. Box 77\"     | address.line1",
            "five-digit ZIP             | \"postalCode\": \"62701-1234\" | \"postalCode\": \"62701\"    | address.postalCode",
            "unknown state              | \"state\": \"IL\"            | \"state\": \"ZZ\"              | address.state",
            "submitter without contact  | \"phone\": \"(217) 555-0100\" | \"phone\": null              | submitter",
            "submitter phone too short  | \"phone\": \"(217) 555-0100\" | \"phone\": \"555-0100\"      | submitter.phone",
            "submitter id with a dash   | \"id\": \"RTG01\"            | \"id\": \"RTG-01\"             | submitter.id"})
    void anInvalidFieldIs422NamingItAndNothingIsStored(String situation, String from, String to, String field) throws Exception {
        JsonNode problem = problem(call("PUT", PROFILE.replace(from, to), "admin", "\"0\""), "validation");
        assertThat(problem.get("errors")).extracting(e -> e.get("field").asText()).contains(field);
        assertThat(practice.billingProfile(practiceId)).isEmpty();
    }

    @Test
    void onlyAdminsWriteOnlyAdminsAndBillersReadAndAnotherPracticeSeesNothing() throws Exception {
        problem(call("PUT", PROFILE, "biller", "\"0\""), "forbidden");
        ok(call("PUT", PROFILE, "admin", "\"0\""));
        problem(call("GET", null, "front_desk", null), "forbidden");
        problem(call("GET", null, "clinician", null), "forbidden");
        String other = "practice-" + UUID.randomUUID();
        problem(function.handleRequest(event("GET", "/billing-profile", null, null, claims(other, "admin", null)), null), "not-found");
    }

    private APIGatewayV2HTTPResponse call(String method, String body, String role, String ifMatch) {
        return function.handleRequest(event(method, "/billing-profile", body, ifMatch, claims(practiceId, role, null)), null);
    }
}
