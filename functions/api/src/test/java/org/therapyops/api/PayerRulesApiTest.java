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
import org.therapyops.dynamodb.DynamoAppointmentRepository;
import org.therapyops.dynamodb.DynamoPracticeRepository;
import org.therapyops.dynamodb.Tables;
import org.therapyops.scheduling.AuthorizationCheckService;
import org.therapyops.testing.Moto;
import org.therapyops.testing.Payers;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
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
 * A payer's rules through the API function as Lambda calls it, on moto: what the payer sets is stored as set (absent
 * stays absent), the response shows the rules in force today or on {@code asOf} and where each came from, changes are
 * versions effective from a date, bad settings are refused whole, and lifting a requirement sends the NEEDS_AUTH
 * bookings it no longer blocks back to be checked.
 */
class PayerRulesApiTest {

    private static ApplicationContext context;
    private static APIGatewayV2HTTPEventFunction function;
    private static DynamoDbClient dynamo;
    private static DynamoPracticeRepository practice;
    private static DynamoAppointmentRepository appointments;
    private static AuthorizationCheckService check;

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
        dynamo = moto.dynamo();
        practice = new DynamoPracticeRepository(dynamo, tables);
        appointments = new DynamoAppointmentRepository(dynamo, tables, Clock.systemUTC());
        check = new AuthorizationCheckService(practice, appointments, Payers.RESOLVER);
    }

    @AfterAll
    static void stop() {
        context.close();
        dynamo.close();
    }

    @Test
    void theResponseShowsTheRulesInForceAndTheSourceOfEach() throws Exception {
        JsonNode payer = created(call("POST", "/payers", "{\"name\":\"Acme Health\",\"payerId\":\"ACME1\",\"payerType\":\"COMMERCIAL\","
                + "\"timelyFilingDays\":180,\"telehealth\":{\"modifierRequired\":false}}", "biller"));

        assertThat(payer.get("timelyFilingDays").asInt()).isEqualTo(180);
        assertThat(payer.get("unitRounding").isNull()).as("not set: the profile's").isTrue();
        assertThat(payer.at("/telehealth/modifierRequired").asBoolean()).isFalse();
        assertThat(payer.at("/telehealth").get("placeOfServiceHome").isNull()).isTrue();
        assertThat(payer.get("rulesVersion").asInt()).isEqualTo(1);
        assertThat(payer.get("rulesEffectiveFrom").isNull()).as("from the start").isTrue();

        JsonNode rules = payer.get("rules");
        assertThat(rules.get("asOf").asText()).isEqualTo(today().toString());
        assertThat(rules.at("/profile/id").asText()).isEqualTo("commercial");
        assertThat(rules.at("/profile/version").asText()).isEqualTo("2025.1");
        assertThat(rules.get("payerRulesVersion").asInt()).isEqualTo(1);
        assertThat(rules.get("timelyFilingDays").asInt()).isEqualTo(180);
        assertThat(rules.get("unitRounding").asText()).isEqualTo("PER_CODE");
        assertThat(rules.get("authorizationRequired").asText()).isEqualTo("LISTED");
        assertThat(texts(rules.get("authorizationCodes"))).contains("97110", "97530");
        assertThat(rules.at("/telehealth/modifierRequired").asBoolean()).isFalse();
        assertThat(rules.at("/telehealth/placeOfServiceHome").asText()).isEqualTo("10");
        assertThat(rules.get("kxModifier").asBoolean()).isFalse();
        assertThat(rules.get("memberIdFormat").asText()).isEqualTo("ANY");

        JsonNode sources = rules.get("sources");
        assertThat(sources.at("/timelyFilingDays/source").asText()).isEqualTo("PAYER");
        assertThat(sources.at("/timelyFilingDays/payerRulesVersion").asInt()).isEqualTo(1);
        assertThat(sources.at("/telehealth.modifierRequired/source").asText()).isEqualTo("PAYER");
        assertThat(sources.at("/unitRounding/source").asText()).isEqualTo("PROFILE");
        assertThat(sources.at("/unitRounding/profileId").asText()).isEqualTo("commercial");
        assertThat(sources.at("/unitRounding/profileVersion").asText()).isEqualTo("2025.1");
        assertThat(sources.at("/authorization/source").asText()).isEqualTo("PROFILE");
        assertThat(sources.at("/telehealth.placeOfServiceHome/source").asText()).isEqualTo("PROFILE");
        assertThat(sources.at("/kxModifier/source").asText()).isEqualTo("PROFILE");

        JsonNode listed = ok(call("GET", "/payers", null, "clinician")).get("items").get(0);
        assertThat(listed).isEqualTo(payer);
    }

    @Test
    void telehealthPlacesWithoutAModifierLeaveTheModifierToTheProfileAndTheOlderModifierFieldStillSetsIt() throws Exception {
        JsonNode places = created(call("POST", "/payers", "{\"name\":\"Acme\",\"payerId\":\"ACME1\",\"payerType\":\"COMMERCIAL\","
                + "\"telehealth\":{\"placeOfServiceHome\":\"12\",\"placeOfServiceOther\":\"02\"}}", "biller"));
        assertThat(places.at("/telehealth/modifierRequired").isNull()).as(places.toString()).isTrue();
        assertThat(places.at("/rules/telehealth/modifierRequired").asBoolean()).isTrue();
        assertThat(places.at("/rules/sources/telehealth.modifierRequired/source").asText()).isEqualTo("PROFILE");
        assertThat(places.at("/rules/telehealth/placeOfServiceHome").asText()).isEqualTo("12");
        assertThat(places.at("/rules/sources/telehealth.placeOfServiceHome/source").asText()).isEqualTo("PAYER");
        assertThat(ok(call("GET", "/payers/" + places.get("id").asText(), null, "biller"))).as("read back as stored").isEqualTo(places);

        JsonNode older = created(call("POST", "/payers", "{\"name\":\"Medicare\",\"payerId\":\"MCRB1\",\"payerType\":\"MEDICARE\","
                + "\"telehealth\":{\"placeOfServiceHome\":\"10\",\"placeOfServiceOther\":\"02\",\"modifier\":\"93\"}}", "biller"));
        assertThat(older.at("/telehealth/modifierRequired").asBoolean()).isTrue();
        assertThat(older.at("/rules/telehealth/modifierRequired").asBoolean()).isTrue();
    }

    @Test
    void aReplacementIsAVersionFromTodayOrTheDateItNamesAndAsOfShowsEachDay() throws Exception {
        String id = created(call("POST", "/payers", "{\"name\":\"Medicare Part B\",\"payerId\":\"MCRB1\",\"payerType\":\"MEDICARE\"}",
                "admin")).get("id").asText();
        JsonNode first = ok(call("GET", "/payers/" + id, null, "biller"));
        assertThat(first.path("ruleVersions").size()).isZero();
        assertThat(first.at("/rules/sources/unitRounding/source").asText()).isEqualTo("PROFILE");
        assertThat(first.at("/rules/unitRounding").asText()).isEqualTo("CMS_8_MINUTE");

        JsonNode perCode = ok(call("PUT", "/payers/" + id, "{\"name\":\"Medicare Part B\",\"payerId\":\"MCRB1\",\"payerType\":\"MEDICARE\","
                + "\"unitRounding\":\"PER_CODE\"}", "biller", "\"1\""));
        assertThat(perCode.get("version").asInt()).isEqualTo(2);
        assertThat(perCode.get("rulesEffectiveFrom").asText()).isEqualTo(today().toString());
        assertThat(perCode.at("/ruleVersions/0/recordedBy").asText()).isEqualTo("user-1");
        assertThat(perCode.at("/rules/unitRounding").asText()).isEqualTo("PER_CODE");

        JsonNode later = ok(call("PUT", "/payers/" + id, "{\"name\":\"Medicare Part B\",\"payerId\":\"MCRB1\",\"payerType\":\"MEDICARE\","
                + "\"unitRounding\":\"PER_CODE\",\"timelyFilingDays\":200,\"rulesEffectiveFrom\":\"2030-01-01\"}", "biller", "\"2\""));
        assertThat(later.path("ruleVersions").size()).isEqualTo(2);
        assertThat(later.get("timelyFilingDays").isNull()).as("not in force yet").isTrue();

        JsonNode yesterday = ok(call("GET", "/payers/" + id + "?asOf=" + today().minusDays(1), null, "biller"));
        assertThat(yesterday.at("/rules/unitRounding").asText()).isEqualTo("CMS_8_MINUTE");
        assertThat(yesterday.at("/rules/sources/unitRounding/source").asText()).isEqualTo("PROFILE");
        assertThat(yesterday.get("rulesVersion").isNull()).isTrue();
        JsonNode in2030 = ok(call("GET", "/payers/" + id + "?asOf=2030-06-01", null, "biller"));
        assertThat(in2030.at("/rules/timelyFilingDays").asInt()).isEqualTo(200);
        assertThat(in2030.at("/rules/sources/timelyFilingDays/effectiveFrom").asText()).isEqualTo("2030-01-01");
        assertThat(in2030.get("rulesVersion").asInt()).isEqualTo(2);
        JsonNode in2024 = ok(call("GET", "/payers/" + id + "?asOf=2024-06-01", null, "biller"));
        assertThat(in2024.get("rules").isNull()).as("no Medicare profile in force in 2024").isTrue();

        // The same rules again add no version (a PUT that only renames changes no rule).
        JsonNode renamed = ok(call("PUT", "/payers/" + id, "{\"name\":\"Medicare (Part B)\",\"payerId\":\"MCRB1\",\"payerType\":\"MEDICARE\","
                + "\"unitRounding\":\"PER_CODE\"}", "biller", "\"3\""));
        assertThat(renamed.path("ruleVersions").size()).isEqualTo(2);
        assertThat(problem(call("GET", "/payers/" + id + "?asOf=June", null, "biller"), "malformed-request")).isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "codes without a requirement|\"authorizationCodes\":[\"97110\"]|authorizationCodes",
            "a modifier while none is required|\"telehealth\":{\"modifierRequired\":false,\"modifier\":\"95\"}|telehealth.modifier",
            "an unknown code|\"authorizationRequired\":\"LISTED\",\"authorizationCodes\":[\"99999\"]|authorizationCodes",
    })
    void aBadSettingIsRefusedNamingItsFieldAndNothingIsWritten(String name, String fields, String field) throws Exception {
        String id = created(call("POST", "/payers", "{\"name\":\"Acme\",\"payerId\":\"ACME1\"}", "admin")).get("id").asText();

        APIGatewayV2HTTPResponse create = call("POST", "/payers", "{\"name\":\"Acme\",\"payerId\":\"ACME1\"," + fields + "}", "admin");
        APIGatewayV2HTTPResponse replace = call("PUT", "/payers/" + id, "{\"name\":\"Acme\",\"payerId\":\"ACME1\"," + fields + "}",
                "admin", "\"1\"");

        for (APIGatewayV2HTTPResponse response : List.of(create, replace)) {
            assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(422);
            assertThat(fields(problem(response, "validation"))).contains(field);
        }
        assertThat(practice.payers(practiceId, null, 10, null).items()).hasSize(1);
        assertThat(practice.payer(practiceId, id).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void liftingARequirementSendsTheBlockedBookingsItNoLongerBlocksBackToBeChecked() throws Exception {
        String payer = created(call("POST", "/payers", "{\"name\":\"Acme Health\",\"payerId\":\"ACME1\",\"payerType\":\"COMMERCIAL\"}",
                "biller")).get("id").asText();
        String patient = created(call("POST", "/patients", "{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\",\"birthDate\":\"1980-12-10\"}",
                "front_desk")).get("id").asText();
        String provider = created(call("POST", "/providers", "{\"npi\":\"1234567893\",\"firstName\":\"Grace\",\"lastName\":\"Hopper\","
                + "\"discipline\":\"PT\"}", "admin")).get("id").asText();
        created(call("POST", "/patients/" + patient + "/coverages", "{\"payerId\":\"" + payer + "\",\"memberId\":\"M1\","
                + "\"effectiveFrom\":\"2026-01-01\"}", "front_desk"));
        String exercise = blocked(patient, provider, "97110", "2026-12-14T09:00");
        String manual = blocked(patient, provider, "97140", "2026-12-14T10:00");

        JsonNode lifted = ok(call("PUT", "/payers/" + payer, "{\"name\":\"Acme Health\",\"payerId\":\"ACME1\",\"payerType\":\"COMMERCIAL\","
                + "\"authorizationRequired\":\"LISTED\",\"authorizationCodes\":[\"97140\"],\"rulesEffectiveFrom\":\"2026-12-01\"}",
                "biller", "\"1\""));
        assertThat(lifted.at("/rules/sources/authorization/source").asText()).isEqualTo("PAYER");

        assertThat(ok(call("GET", "/appointments/" + exercise, null, "front_desk")).get("status").asText()).isEqualTo("REQUESTED");
        assertThat(ok(call("GET", "/appointments/" + manual, null, "front_desk")).get("status").asText()).isEqualTo("NEEDS_AUTH");
        JsonNode audit = ok(call("GET", "/appointments/" + exercise + "/audit", null, "front_desk"));
        JsonNode recheck = null;
        for (JsonNode entry : audit.path("items").isMissingNode() ? audit : audit.get("items")) {
            if ("RECHECK".equals(entry.path("action").asText())) {
                recheck = entry;
            }
        }
        assertThat(recheck).as(audit.toString()).isNotNull();
        assertThat(recheck.get("from").asText()).isEqualTo("NEEDS_AUTH");
        assertThat(recheck.get("to").asText()).isEqualTo("REQUESTED");

        // The authorization-check function (here called as the Appointments stream would) schedules it without one.
        check.check(practiceId, appointments.appointment(practiceId, exercise).orElseThrow());
        JsonNode scheduled = ok(call("GET", "/appointments/" + exercise, null, "front_desk"));
        assertThat(scheduled.get("status").asText()).isEqualTo("SCHEDULED");
    }

    private String blocked(String patient, String provider, String code, String start) throws Exception {
        String id = created(call("POST", "/appointments", "{\"patientId\":\"" + patient + "\",\"providerId\":\"" + provider
                + "\",\"serviceCode\":\"" + code + "\",\"start\":\"" + start + "\",\"durationMinutes\":45}", "front_desk")).get("id").asText();
        check.check(practiceId, appointments.appointment(practiceId, id).orElseThrow());
        assertThat(appointments.appointment(practiceId, id).orElseThrow().status().name()).isEqualTo("NEEDS_AUTH");
        return id;
    }

    /** The practice's today: its time zone is the default America/New_York. */
    private static LocalDate today() {
        return LocalDate.now(ZoneId.of("America/New_York"));
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    private static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(e -> fields.add(e.get("field").asText()));
        return fields;
    }

    private APIGatewayV2HTTPResponse call(String method, String path, String body, String role) {
        return call(method, path, body, role, null);
    }

    private APIGatewayV2HTTPResponse call(String method, String path, String body, String role, String ifMatch) {
        return function.handleRequest(event(method, path, body, ifMatch, claims(practiceId, role, null)), null);
    }
}
