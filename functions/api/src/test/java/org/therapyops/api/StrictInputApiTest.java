package org.therapyops.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
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

import java.util.ArrayList;
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
 * What a request body must be to be accepted: each value already of its field's type (nothing coerced), one value
 * per key, declared as JSON, text without control characters or lone surrogates, dates a record can have, and start
 * times whose UTC offset is honoured. Every refusal writes nothing.
 */
class StrictInputApiTest {

    private static ApplicationContext context;
    private static APIGatewayV2HTTPEventFunction function;
    private static DynamoPracticeRepository practice;

    private final String practiceId = "practice-" + UUID.randomUUID();

    @BeforeAll
    static void start() {
        Moto moto = Moto.shared();
        Tables tables = moto.createTables();
        context = ApplicationContext.builder().properties(Map.of(
                "practice.table", tables.practice(),
                "appointments.table", tables.appointments(),
                "appointment.history.table", tables.appointmentHistory(),
                "aws.endpoint.url", moto.endpoint().toString())).start();
        function = new APIGatewayV2HTTPEventFunction(context);
        practice = new DynamoPracticeRepository(moto.dynamo(), tables);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    private static final String PATIENT = "{\"firstName\":\"Ada\",\"lastName\":\"Byron\",\"birthDate\":\"1980-12-10\"}";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "a number for a string|{\"firstName\":5,\"lastName\":\"Byron\",\"birthDate\":\"1980-12-10\"}|firstName",
            "a boolean for a string|{\"firstName\":true,\"lastName\":\"Byron\",\"birthDate\":\"1980-12-10\"}|firstName",
            "an object for a string|{\"firstName\":{\"a\":1},\"lastName\":\"Byron\",\"birthDate\":\"1980-12-10\"}|firstName",
            "an array for a string|{\"firstName\":[\"Ada\"],\"lastName\":\"Byron\",\"birthDate\":\"1980-12-10\"}|firstName",
            "a number for a date|{\"firstName\":\"Ada\",\"lastName\":\"Byron\",\"birthDate\":19801210}|birthDate",
            "a birth date before 1900|{\"firstName\":\"Ada\",\"lastName\":\"Byron\",\"birthDate\":\"1899-12-31\"}|birthDate",
            "a year past 2100|{\"firstName\":\"Ada\",\"lastName\":\"Byron\",\"birthDate\":\"2101-01-01\"}|birthDate",
            "a date that does not exist|{\"firstName\":\"Ada\",\"lastName\":\"Byron\",\"birthDate\":\"1980-02-30\"}|birthDate",
            "an address line that is a number|{\"firstName\":\"Ada\",\"lastName\":\"Byron\",\"birthDate\":\"1980-12-10\",\"address\":{\"line1\":9}}|line1",
    })
    void refusesAValueOfAnotherTypeNamingTheFieldAndWritesNothing(String name, String body, String field) throws Exception {
        APIGatewayV2HTTPResponse response = call("POST", "/patients", body, "front_desk");
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(400);
        assertThat(fields(problem(response, "malformed-request"))).as(response.getBody()).anyMatch(f -> f.endsWith(field));
        assertNoPatients();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "a fraction for an integer|30.5",
            "a string for an integer|\"30\"",
            "a boolean for an integer|true",
            "an integer past its range|4294967326",
    })
    void refusesADurationThatIsNotAWholeNumber(String name, String duration) throws Exception {
        APIGatewayV2HTTPResponse response = call("POST", "/appointments", "{\"patientId\":\"x\",\"providerId\":\"p\","
                + "\"serviceCode\":\"97110\",\"start\":\"2026-12-03T10:00\",\"durationMinutes\":" + duration + "}", "admin");
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(400);
        assertThat(fields(problem(response, "malformed-request"))).contains("durationMinutes");
    }

    @Test
    void acceptsAWholeNumberWrittenWithAZeroFraction() throws Exception {
        // 45.0 is the number 45 (JSON has one number type); only a real fraction is refused. It reaches the booking
        // checks: the patient does not exist.
        APIGatewayV2HTTPResponse response = call("POST", "/appointments", "{\"patientId\":\"nobody\",\"providerId\":\"p\","
                + "\"serviceCode\":\"97110\",\"start\":\"2026-12-03T10:00\",\"durationMinutes\":45.0}", "admin");
        assertThat(problem(response, "unknown-reference").at("/errors/0/field").asText()).isEqualTo("patientId");
    }

    @Test
    void refusesAQuantityOrAFlagWrittenAsAString() throws Exception {
        String patientId = created(call("POST", "/patients", PATIENT, "front_desk")).get("id").asText();
        APIGatewayV2HTTPResponse quantity = call("POST", "/patients/" + patientId + "/authorizations",
                "{\"coverageId\":\"c1\",\"number\":\"A-1\",\"serviceCodes\":[\"97110\"],\"unitType\":\"UNITS\","
                        + "\"quantity\":\"10\",\"startDate\":\"2026-11-01\",\"endDate\":\"2026-11-30\"}", "admin");
        assertThat(quantity.getStatusCode()).as(quantity.getBody()).isEqualTo(400);
        assertThat(fields(problem(quantity, "malformed-request"))).contains("quantity");
        APIGatewayV2HTTPResponse codes = call("POST", "/patients/" + patientId + "/authorizations",
                "{\"coverageId\":\"c1\",\"number\":\"A-1\",\"serviceCodes\":[97110],\"unitType\":\"UNITS\","
                        + "\"quantity\":10,\"startDate\":\"2026-11-01\",\"endDate\":\"2026-11-30\"}", "admin");
        assertThat(codes.getStatusCode()).as(codes.getBody()).isEqualTo(400);
        assertThat(fields(problem(codes, "malformed-request"))).containsExactly("serviceCodes");
        APIGatewayV2HTTPResponse endDate = call("POST", "/patients/" + patientId + "/authorizations",
                "{\"coverageId\":\"c1\",\"number\":\"A-1\",\"serviceCodes\":[\"97110\"],\"unitType\":\"UNITS\","
                        + "\"quantity\":10,\"startDate\":\"2026-11-01\",\"endDate\":\"2101-11-30\"}", "admin");
        assertThat(endDate.getStatusCode()).as(endDate.getBody()).isEqualTo(400);
        assertThat(fields(problem(endDate, "malformed-request"))).contains("endDate");
        assertThat(practice.benefits(practiceId, patientId).authorizations()).isEmpty();
    }

    @Test
    void refusesTwoValuesForOneKey() throws Exception {
        APIGatewayV2HTTPResponse response = call("POST", "/patients",
                "{\"firstName\":\"Ada\",\"lastName\":\"Byron\",\"firstName\":\"Eve\",\"birthDate\":\"1980-12-10\"}", "front_desk");
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(400);
        assertThat(problem(response, "malformed-request").get("detail").asText()).contains("firstName");
        assertNoPatients();
    }

    @Test
    void refusesABodyNotDeclaredAsJson() throws Exception {
        APIGatewayV2HTTPEvent untyped = event("POST", "/patients", PATIENT, null, claims(practiceId, "front_desk", null));
        untyped.getHeaders().remove("content-type");
        APIGatewayV2HTTPResponse response = function.handleRequest(untyped, null);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(415);
        assertThat(problem(response, "unsupported-media-type").get("detail").asText()).contains("no Content-Type");

        APIGatewayV2HTTPEvent text = event("POST", "/patients", PATIENT, null, claims(practiceId, "front_desk", null));
        text.getHeaders().put("content-type", "text/plain");
        assertThat(function.handleRequest(text, null).getStatusCode()).isEqualTo(415);
        assertNoPatients();

        APIGatewayV2HTTPEvent charset = event("POST", "/patients", PATIENT, null, claims(practiceId, "front_desk", null));
        charset.getHeaders().put("content-type", "application/json; charset=utf-8");
        created(function.handleRequest(charset, null));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "NUL, escaped|Ada\\u0000|control characters",
            "a bell, escaped|Ada\\u0007|control characters",
            "DEL|Ada\\u007f|control characters",
            "a C1 control|Ada\\u0085|control characters",
            "a line break|Ada\\nBrown|single line",
            "a tab|Ada\\tBrown|single line",
            "a lone high surrogate, escaped|Ada\\ud800|surrogate",
            "a lone low surrogate, escaped|\\udc00Ada|surrogate",
            "surrogates in the wrong order|Ada\\udc00\\ud800|surrogate",
    })
    void refusesANameWithCharactersNoNameHas(String name, String firstName, String message) throws Exception {
        APIGatewayV2HTTPResponse response = call("POST", "/patients",
                "{\"firstName\":\"" + firstName + "\",\"lastName\":\"Byron\",\"birthDate\":\"1980-12-10\"}", "front_desk");
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(400);
        JsonNode problem = problem(response, "malformed-request");
        assertThat(fields(problem)).contains("firstName");
        assertThat(problem.toString()).contains(message);
        assertNoPatients();
    }

    @Test
    void refusesALoneSurrogateSentRawAndInAPayerNameWithoutAServerError() throws Exception {
        // The body as the gateway hands it over may itself carry the lone surrogate (a Java string is UTF-16).
        APIGatewayV2HTTPResponse raw = call("POST", "/payers", "{\"name\":\"Acme \uD800 Health\",\"payerId\":\"ACME1\"}", "admin");
        assertThat(raw.getStatusCode()).as(raw.getBody()).isEqualTo(400);
        assertThat(problem(raw, "malformed-request").get("detail").asText()).contains("lone UTF-16 surrogate at character 14");
        APIGatewayV2HTTPResponse escaped = call("POST", "/payers", "{\"name\":\"Acme \\udfff\",\"payerId\":\"ACME1\"}", "admin");
        assertThat(escaped.getStatusCode()).as(escaped.getBody()).isEqualTo(400);
        assertThat(fields(problem(escaped, "malformed-request"))).containsExactly("name");
        assertThat(ok(call("GET", "/payers", null, "admin")).get("items")).isEmpty();
    }

    @Test
    void keepsLettersBeyondTheBasicPlaneAndLineBreaksInFreeText() throws Exception {
        JsonNode patient = created(call("POST", "/patients",
                "{\"firstName\":\"Zoë \uD83D\uDE00\",\"lastName\":\"O'Brien-Nguyễn\",\"birthDate\":\"1900-01-01\"}", "front_desk"));
        assertThat(patient.get("firstName").asText()).isEqualTo("Zoë \uD83D\uDE00");
        assertThat(patient.get("birthDate").asText()).isEqualTo("1900-01-01");
    }

    @Test
    void convertsAStartWithAUtcOffsetToThePracticesTimeAndKeepsALocalStartAsItIs() throws Exception {
        String patientId = created(call("POST", "/patients", PATIENT, "front_desk")).get("id").asText();
        String payerId = created(call("POST", "/payers", "{\"name\":\"Acme Health\",\"payerId\":\"ACME1\"}", "admin")).get("id").asText();
        String providerId = created(call("POST", "/providers",
                "{\"npi\":\"1234567893\",\"firstName\":\"Grace\",\"lastName\":\"Hopper\",\"discipline\":\"PT\"}", "admin")).get("id").asText();
        String coverageId = created(call("POST", "/patients/" + patientId + "/coverages",
                "{\"payerId\":\"" + payerId + "\",\"memberId\":\"M123\",\"effectiveFrom\":\"2026-01-01\"}", "front_desk")).get("id").asText();
        created(call("POST", "/patients/" + patientId + "/authorizations", "{\"coverageId\":\"" + coverageId + "\",\"number\":\"A-1\","
                + "\"serviceCodes\":[\"97110\"],\"unitType\":\"VISITS\",\"quantity\":12,\"startDate\":\"2026-11-01\",\"endDate\":\"2027-01-31\"}",
                "biller"));
        String zone = ok(call("GET", "/settings", null, "admin")).get("timeZone").asText();
        assertThat(zone).isEqualTo("America/New_York");

        String booking = "{\"patientId\":\"" + patientId + "\",\"providerId\":\"" + providerId + "\",\"serviceCode\":\"97110\","
                + "\"durationMinutes\":45,\"start\":";
        // 15:00 UTC on 3 December is 10:00 in New York (EST, UTC-5); 09:00-08:00 is 12:00 in New York.
        assertThat(created(call("POST", "/appointments", booking + "\"2026-12-03T15:00:00Z\"}", "front_desk")).get("start").asText())
                .startsWith("2026-12-03T10:00");
        JsonNode pacific = created(call("POST", "/appointments", booking + "\"2026-12-04T09:00:00-08:00\"}", "front_desk"));
        assertThat(pacific.get("start").asText()).startsWith("2026-12-04T12:00");
        JsonNode local = created(call("POST", "/appointments", booking + "\"2026-12-05T08:30\"}", "front_desk"));
        assertThat(local.get("start").asText()).startsWith("2026-12-05T08:30");

        // Free text keeps its line breaks; the audit trail shows the reason as written.
        String appointmentId = local.get("id").asText();
        ok(call("POST", "/appointments/" + appointmentId + "/cancel", "{\"reason\":\"Patient called.\\nWill rebook.\"}", "front_desk"));
        assertThat(ok(call("GET", "/appointments/" + appointmentId + "/audit", null, "admin")).toString())
                .contains("Patient called.\\nWill rebook.");

        APIGatewayV2HTTPResponse zoneName = call("POST", "/appointments", booking + "\"2026-12-06T08:30[America/Chicago]\"}", "front_desk");
        assertThat(zoneName.getStatusCode()).as(zoneName.getBody()).isEqualTo(400);
        assertThat(fields(problem(zoneName, "malformed-request"))).contains("start");
        APIGatewayV2HTTPResponse number = call("POST", "/appointments", booking + "1796302800}", "front_desk");
        assertThat(number.getStatusCode()).as(number.getBody()).isEqualTo(400);
    }

    @ParameterizedTest(name = "overScheduled={0}")
    @CsvSource({"-58800", "yes", "1", "TRUE"})
    void refusesAQueryFlagThatIsNeitherTrueNorFalse(String value) throws Exception {
        APIGatewayV2HTTPResponse response = call("GET", "/reports/authorization-utilization?overScheduled=" + value, null, "biller");
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(400);
        assertThat(response.getBody()).contains("overScheduled");
        ok(call("GET", "/reports/authorization-utilization?overScheduled=true&includeExpired=false", null, "biller"));
    }

    private void assertNoPatients() {
        assertThat(practice.patients(practiceId, null, 10, null).items()).isEmpty();
    }

    private static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(e -> fields.add(e.get("field").asText()));
        return fields;
    }

    private APIGatewayV2HTTPResponse call(String method, String path, String body, String role) {
        return function.handleRequest(event(method, path, body, null, claims(practiceId, role, null)), null);
    }
}
