package org.therapyops.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
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
import org.therapyops.dynamodb.DynamoPracticeRepository;
import org.therapyops.dynamodb.Tables;
import org.therapyops.testing.Moto;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.therapyops.api.ApiEvents.claims;
import static org.therapyops.api.ApiEvents.created;
import static org.therapyops.api.ApiEvents.event;
import static org.therapyops.api.ApiEvents.ok;
import static org.therapyops.api.ApiEvents.problem;

/**
 * The API function called exactly as Lambda calls it (payload format 2.0), against DynamoDB on moto:
 * status codes, problem+json errors, and that nothing is written when a request is refused.
 */
class ApiFunctionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
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
                "appointments.table", tables.appointments(), "appointment.history.table", tables.appointmentHistory(),
                "aws.endpoint.url", moto.endpoint().toString())).start();
        function = new APIGatewayV2HTTPEventFunction(context);
        practice = new DynamoPracticeRepository(moto.dynamo(), tables);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void theCostMeterNamesAStepByTheRouteItsRequestTookAndMadeUpPathsByNone() {
        java.util.Set<String> resources = MeteredApiFunction.resources(context.getBean(io.micronaut.web.router.Router.class));
        assertThat(resources).contains("/appointments", "/claims", "/reports", "/openapi.yml");
        APIGatewayV2HTTPEvent complete = new APIGatewayV2HTTPEvent();
        complete.setRawPath("/appointments/a1/complete");
        assertThat(MeteredApiFunction.step(complete, resources)).isEqualTo("api /appointments");
        for (String path : new String[] {"/x9f3k2", "/appointmentsX/1", "/%2e%2e/claims", "/", ""}) {
            APIGatewayV2HTTPEvent madeUp = new APIGatewayV2HTTPEvent();
            madeUp.setRawPath(path);
            assertThat(MeteredApiFunction.step(madeUp, resources)).as(path).isEqualTo(MeteredApiFunction.OTHER);
        }
    }

    @Test
    void booksAnAppointmentForACoveredPatient() throws Exception {
        String payerId = created(call("POST", "/payers", "{\"name\":\"Acme Health\",\"payerId\":\"ACME1\"}", "admin")).get("id").asText();
        String patientId = createPatient();
        String providerId = created(call("POST", "/providers",
                "{\"npi\":\"1234567893\",\"firstName\":\"Grace\",\"lastName\":\"Hopper\",\"discipline\":\"PT\"}", "admin")).get("id").asText();
        String coverageId = created(call("POST", "/patients/" + patientId + "/coverages",
                "{\"payerId\":\"" + payerId + "\",\"memberId\":\"M123\",\"effectiveFrom\":\"2026-01-01\"}", "front_desk")).get("id").asText();
        JsonNode auth = created(call("POST", "/patients/" + patientId + "/authorizations",
                "{\"coverageId\":\"" + coverageId + "\",\"number\":\"A-1\",\"serviceCodes\":[\"97110\",\"97140\"],"
                        + "\"unitType\":\"HOURS\",\"quantity\":2.5,\"startDate\":\"2026-11-01\",\"endDate\":\"2027-01-31\"}", "biller"));
        assertThat(auth.get("authorized").decimalValue()).isEqualByComparingTo("2.5");
        assertThat(auth.get("remaining").decimalValue()).isEqualByComparingTo("2.5");

        APIGatewayV2HTTPResponse booked = call("POST", "/appointments", "{\"patientId\":\"" + patientId + "\",\"providerId\":\""
                + providerId + "\",\"serviceCode\":\"97110\",\"start\":\"2026-12-03T10:00\",\"durationMinutes\":45}", "front_desk");
        JsonNode appointment = created(booked);
        assertThat(appointment.get("status").asText()).isEqualTo("REQUESTED");
        assertThat(booked.getHeaders()).containsEntry("Location", "/appointments/" + appointment.get("id").asText());

        APIGatewayV2HTTPResponse read = call("GET", "/appointments/" + appointment.get("id").asText(), null, "clinician");
        assertThat(read.getStatusCode()).isEqualTo(200);
        assertThat(JSON.readTree(read.getBody()).get("serviceCode").asText()).isEqualTo("97110");
    }

    @Test
    void anotherPracticeGetsNotFoundForEveryRecord() throws Exception {
        String payerId = created(call("POST", "/payers", "{\"name\":\"Acme Health\",\"payerId\":\"ACME1\"}", "admin")).get("id").asText();
        String patientId = createPatient();
        String providerId = created(call("POST", "/providers",
                "{\"npi\":\"1234567893\",\"firstName\":\"Grace\",\"lastName\":\"Hopper\",\"discipline\":\"OT\"}", "admin")).get("id").asText();
        String coverageId = created(call("POST", "/patients/" + patientId + "/coverages",
                "{\"payerId\":\"" + payerId + "\",\"memberId\":\"M123\",\"effectiveFrom\":\"2026-01-01\"}", "admin")).get("id").asText();
        String authId = created(call("POST", "/patients/" + patientId + "/authorizations",
                "{\"coverageId\":\"" + coverageId + "\",\"number\":\"A-1\",\"serviceCodes\":[\"97530\"],"
                        + "\"unitType\":\"VISITS\",\"quantity\":12,\"startDate\":\"2026-11-01\",\"endDate\":\"2027-01-31\"}", "admin")).get("id").asText();
        String appointmentId = created(call("POST", "/appointments", "{\"patientId\":\"" + patientId + "\",\"providerId\":\""
                + providerId + "\",\"serviceCode\":\"97530\",\"start\":\"2026-12-03T10:00\",\"durationMinutes\":60}", "admin")).get("id").asText();

        String intruder = "practice-" + UUID.randomUUID();
        for (String path : new String[] {"/payers/" + payerId, "/patients/" + patientId, "/providers/" + providerId,
                "/patients/" + patientId + "/coverages/" + coverageId, "/patients/" + patientId + "/authorizations/" + authId,
                "/appointments/" + appointmentId}) {
            APIGatewayV2HTTPResponse response = call("GET", path, null, "admin", intruder);
            assertThat(response.getStatusCode()).as(path).isEqualTo(404);
            problem(response, "not-found");
        }
        // Writing against another practice's records is refused too, and writes nothing.
        problem(call("POST", "/patients/" + patientId + "/coverages",
                "{\"payerId\":\"" + payerId + "\",\"memberId\":\"M9\",\"effectiveFrom\":\"2026-01-01\"}", "admin", intruder), "not-found");
        problem(call("POST", "/appointments", "{\"patientId\":\"" + patientId + "\",\"providerId\":\""
                + providerId + "\",\"serviceCode\":\"97530\",\"start\":\"2026-12-03T10:00\",\"durationMinutes\":60}", "admin", intruder),
                "unknown-reference");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "malformed JSON|{\"firstName\": |400|malformed-request|",
            "ill-typed date|{\"firstName\":\"A\",\"lastName\":\"B\",\"birthDate\":\"yesterday\"}|400|malformed-request|birthDate",
            "missing field|{\"firstName\":\"A\",\"birthDate\":\"1990-01-01\"}|422|validation|lastName",
            "birth date in the future|{\"firstName\":\"A\",\"lastName\":\"B\",\"birthDate\":\"2099-01-01\"}|422|validation|birthDate",
            "unknown sex code|{\"firstName\":\"A\",\"lastName\":\"B\",\"birthDate\":\"1990-01-01\",\"sex\":\"Q\"}|422|validation|sex",
    })
    void refusesABadPatientWithAProblemNamingTheField(String name, String body, int status, String type, String field) throws Exception {
        APIGatewayV2HTTPResponse response = call("POST", "/patients", body, "admin");
        assertThat(response.getStatusCode()).isEqualTo(status);
        JsonNode problem = problem(response, type);
        if (field != null) {
            assertThat(problem.toString()).contains(field);
        }
    }

    @Test
    void refusesAnAuthorizationEndingBeforeItStartsAndWritesNothing() throws Exception {
        String patientId = createPatient();
        APIGatewayV2HTTPResponse response = call("POST", "/patients/" + patientId + "/authorizations",
                "{\"coverageId\":\"c1\",\"number\":\"A-1\",\"serviceCodes\":[\"97110\"],\"unitType\":\"UNITS\",\"quantity\":10,"
                        + "\"startDate\":\"2026-12-01\",\"endDate\":\"2026-11-30\"}", "admin");
        assertThat(response.getStatusCode()).isEqualTo(422);
        assertThat(problem(response, "validation").get("errors").get(0).get("field").asText()).isEqualTo("endDate");
        assertThat(practice.benefits(practiceId, patientId).authorizations()).isEmpty();
    }

    @ParameterizedTest(name = "quantity {0} {1}")
    @CsvSource({"0,UNITS", "-3,VISITS", "1.5,UNITS", "2.3,HOURS", "1000000,UNITS"})
    void refusesQuantitiesThatCannotBeCounted(String quantity, String unitType) throws Exception {
        String patientId = createPatient();
        APIGatewayV2HTTPResponse response = call("POST", "/patients/" + patientId + "/authorizations",
                "{\"coverageId\":\"c1\",\"number\":\"A-1\",\"serviceCodes\":[\"97110\"],\"unitType\":\"" + unitType
                        + "\",\"quantity\":" + quantity + ",\"startDate\":\"2026-11-01\",\"endDate\":\"2026-11-30\"}", "admin");
        assertThat(response.getStatusCode()).isEqualTo(422);
        assertThat(problem(response, "validation").toString()).contains("quantity");
        assertThat(practice.benefits(practiceId, patientId).authorizations()).isEmpty();
    }

    @Test
    void refusesACoverageWithAnUnknownPayerAndWritesNothing() throws Exception {
        String patientId = createPatient();
        APIGatewayV2HTTPResponse response = call("POST", "/patients/" + patientId + "/coverages",
                "{\"payerId\":\"no-such-payer\",\"memberId\":\"M1\",\"effectiveFrom\":\"2026-01-01\"}", "admin");
        assertThat(response.getStatusCode()).isEqualTo(422);
        assertThat(problem(response, "unknown-reference").get("errors").get(0).get("field").asText()).isEqualTo("payerId");
        assertThat(practice.benefits(practiceId, patientId).coverages()).isEmpty();
    }

    @Test
    void refusesAnInvalidNpi() throws Exception {
        APIGatewayV2HTTPResponse response = call("POST", "/providers",
                "{\"npi\":\"1234567890\",\"firstName\":\"G\",\"lastName\":\"H\",\"discipline\":\"PT\"}", "admin");
        assertThat(response.getStatusCode()).isEqualTo(422);
        assertThat(problem(response, "validation").get("errors").get(0).get("field").asText()).isEqualTo("npi");
    }

    @Test
    void refusesAnAppointmentForAnUnknownPatient() throws Exception {
        APIGatewayV2HTTPResponse response = call("POST", "/appointments", "{\"patientId\":\"nobody\",\"providerId\":\"p\","
                + "\"serviceCode\":\"97110\",\"start\":\"2026-12-03T10:00\",\"durationMinutes\":45}", "admin");
        assertThat(response.getStatusCode()).isEqualTo(422);
        assertThat(problem(response, "unknown-reference").get("errors").get(0).get("field").asText()).isEqualTo("patientId");
    }

    @Test
    void refusesABookingForAPatientWithoutCoverageAndWritesNothing() throws Exception {
        String patientId = createPatient();
        String providerId = created(call("POST", "/providers",
                "{\"npi\":\"1234567893\",\"firstName\":\"G\",\"lastName\":\"H\",\"discipline\":\"PT\"}", "admin")).get("id").asText();
        APIGatewayV2HTTPResponse response = call("POST", "/appointments", "{\"patientId\":\"" + patientId + "\",\"providerId\":\""
                + providerId + "\",\"serviceCode\":\"97110\",\"start\":\"2026-12-03T10:00\",\"durationMinutes\":45}", "admin");
        assertThat(response.getStatusCode()).isEqualTo(422);
        assertThat(problem(response, "validation").get("errors").get(0).get("field").asText()).isEqualTo("patientId");
        APIGatewayV2HTTPResponse listed = call("GET", "/appointments?from=2026-12-01&to=2026-12-31&patientId=" + patientId, null, "admin");
        assertThat(JSON.readTree(listed.getBody()).get("items")).isEmpty();
    }

    @Test
    void refusesServiceCodesOutsideTheCodeCatalogAndWritesNothing() throws Exception {
        String patientId = createPatient();
        APIGatewayV2HTTPResponse auth = call("POST", "/patients/" + patientId + "/authorizations",
                "{\"coverageId\":\"c1\",\"number\":\"A-1\",\"serviceCodes\":[\"97110\",\"12345\"],\"unitType\":\"UNITS\","
                        + "\"quantity\":10,\"startDate\":\"2026-11-01\",\"endDate\":\"2026-11-30\"}", "admin");
        assertThat(auth.getStatusCode()).isEqualTo(422);
        JsonNode problem = problem(auth, "validation");
        assertThat(problem.at("/errors/0/field").asText()).isEqualTo("serviceCodes");
        assertThat(problem.at("/errors/0/message").asText()).contains("12345");
        assertThat(practice.benefits(practiceId, patientId).authorizations()).isEmpty();

        APIGatewayV2HTTPResponse booking = call("POST", "/appointments", "{\"patientId\":\"" + patientId + "\",\"providerId\":\"p\","
                + "\"serviceCode\":\"99999\",\"start\":\"2026-12-03T10:00\",\"durationMinutes\":45}", "admin");
        assertThat(booking.getStatusCode()).isEqualTo(422);
        assertThat(problem(booking, "validation").at("/errors/0/field").asText()).isEqualTo("serviceCode");
    }

    @ParameterizedTest
    @CsvSource({"0", "-15", "721"})
    void refusesAbsurdDurations(int minutes) throws Exception {
        APIGatewayV2HTTPResponse response = call("POST", "/appointments", "{\"patientId\":\"x\",\"providerId\":\"p\","
                + "\"serviceCode\":\"97110\",\"start\":\"2026-12-03T10:00\",\"durationMinutes\":" + minutes + "}", "admin");
        assertThat(response.getStatusCode()).isEqualTo(422);
        assertThat(problem(response, "validation").toString()).contains("durationMinutes");
    }

    @Test
    void refusesAnOversizedBody() throws Exception {
        String huge = "{\"firstName\":\"" + "x".repeat(70_000) + "\",\"lastName\":\"B\",\"birthDate\":\"1990-01-01\"}";
        APIGatewayV2HTTPResponse response = call("POST", "/patients", huge, "admin");
        assertThat(response.getStatusCode()).isEqualTo(413);
        problem(response, "payload-too-large");
    }

    @Test
    void refusesARoleThatMayNotWrite() throws Exception {
        APIGatewayV2HTTPResponse response = call("POST", "/payers", "{\"name\":\"Acme\",\"payerId\":\"ACME1\"}", "clinician");
        assertThat(response.getStatusCode()).isEqualTo(403);
        problem(response, "forbidden");
    }

    @Test
    void refusesARequestWithoutVerifiedClaims() throws Exception {
        APIGatewayV2HTTPEvent event = event("GET", "/patients/x", null, null, null);
        APIGatewayV2HTTPResponse response = function.handleRequest(event, null);
        assertThat(response.getStatusCode()).isEqualTo(401);
        problem(response, "unauthorized");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"cancel", "check-in", "complete", "no-show"})
    void refusesAnActionReasonOverFiveHundredCharacters(String action) throws Exception {
        // ActionInput says at most 500 characters; found by the fuzz run: the reason went to the audit trail unchecked.
        APIGatewayV2HTTPResponse response = call("POST", "/appointments/" + UUID.randomUUID() + "/" + action,
                "{\"reason\":\"" + "x".repeat(501) + "\"}", "admin");
        assertThat(problem(response, "validation").get("errors").get(0).get("field").asText()).isEqualTo("reason");
    }

    @Test
    void servesItsOpenApiDocument() {
        APIGatewayV2HTTPResponse response = function.handleRequest(event("GET", "/openapi.yml", null, null, null), null);
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).contains("openapi: 3").contains("/appointments/{appointmentId}").contains("bearer");
    }

    @Test
    void answersAnUnknownRouteWithAProblem() throws Exception {
        APIGatewayV2HTTPResponse response = call("GET", "/no-such-thing", null, "admin");
        assertThat(response.getStatusCode()).isEqualTo(404);
        problem(response, "not-found");
    }

    private String createPatient() throws Exception {
        return created(call("POST", "/patients", "{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\",\"birthDate\":\"1980-12-10\"}",
                "front_desk")).get("id").asText();
    }

    private APIGatewayV2HTTPResponse call(String method, String path, String body, String role) {
        return call(method, path, body, role, practiceId);
    }

    private static APIGatewayV2HTTPResponse call(String method, String path, String body, String role, String practice) {
        return function.handleRequest(event(method, path, body, null, claims(practice, role, null)), null);
    }

}
