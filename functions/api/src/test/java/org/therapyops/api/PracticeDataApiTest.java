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
import org.therapyops.domain.Authorization;
import org.therapyops.dynamodb.DynamoPracticeRepository;
import org.therapyops.dynamodb.Tables;
import org.therapyops.testing.Moto;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.therapyops.api.ApiEvents.claims;
import static org.therapyops.api.ApiEvents.created;
import static org.therapyops.api.ApiEvents.event;
import static org.therapyops.api.ApiEvents.ok;
import static org.therapyops.api.ApiEvents.problem;

/**
 * Practice data through the API function as Lambda calls it, against DynamoDB on moto: complete records and
 * their validation, replacement under If-Match, listings with cursors and filters, and who may do what.
 */
class PracticeDataApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VALID_MBI = "1EG4TE5MK73";
    private static ApplicationContext context;
    private static APIGatewayV2HTTPEventFunction function;
    private static DynamoPracticeRepository practice;
    private static DynamoDbClient dynamo;
    private static Tables tables;

    private final String practiceId = "practice-" + UUID.randomUUID();

    @BeforeAll
    static void start() {
        Moto moto = Moto.shared();
        tables = moto.createTables();
        context = ApplicationContext.builder().properties(Map.of(
                "practice.table", tables.practice(),
                "appointments.table", tables.appointments(), "appointment.history.table", tables.appointmentHistory(),
                "aws.endpoint.url", moto.endpoint().toString())).start();
        function = new APIGatewayV2HTTPEventFunction(context);
        dynamo = moto.dynamo();
        practice = new DynamoPracticeRepository(dynamo, tables);
    }

    @AfterAll
    static void stop() {
        context.close();
        dynamo.close();
    }

    // ---- complete records

    @Test
    void aPayerCarriesItsOwnRulesAndTheResolvedOnes() throws Exception {
        JsonNode payer = created(call("POST", "/payers", "{\"name\":\"Medicare Part B\",\"payerId\":\"MCRB1\",\"payerType\":\"MEDICARE\","
                + "\"authorizationRequired\":\"LISTED\",\"authorizationCodes\":[\"97530\",\"97110\"],\"timelyFilingDays\":365,"
                + "\"telehealth\":{\"placeOfServiceHome\":\"10\",\"placeOfServiceOther\":\"02\",\"modifier\":\"95\"}}", "biller"));
        assertThat(payer.get("payerType").asText()).isEqualTo("MEDICARE");
        assertThat(payer.get("unitRounding").isNull()).as("not set: the profile's").isTrue();
        assertThat(payer.get("authorizationCodes").toString()).isEqualTo("[\"97110\",\"97530\"]");
        assertThat(payer.at("/telehealth/modifierRequired").asBoolean()).isTrue();
        assertThat(payer.at("/rules/unitRounding").asText()).isEqualTo("CMS_8_MINUTE");
        assertThat(payer.at("/rules/sources/unitRounding/source").asText()).isEqualTo("PROFILE");
        assertThat(payer.at("/rules/sources/authorization/source").asText()).isEqualTo("PAYER");

        JsonNode read = ok(call("GET", "/payers/" + payer.get("id").asText(), null, "clinician"));
        assertThat(read).isEqualTo(payer);

        JsonNode defaults = created(call("POST", "/payers", "{\"name\":\"Acme\",\"payerId\":\"ACME1\"}", "admin"));
        assertThat(defaults.get("payerType").asText()).isEqualTo("OTHER");
        assertThat(defaults.get("authorizationRequired").isNull()).isTrue();
        assertThat(defaults.get("timelyFilingDays").isNull()).isTrue();
        assertThat(defaults.path("ruleVersions").size()).isZero();
        assertThat(defaults.at("/rules/profile/id").asText()).isEqualTo("commercial");
        assertThat(defaults.at("/rules/authorizationRequired").asText()).isEqualTo("LISTED");
        assertThat(defaults.at("/rules/unitRounding").asText()).isEqualTo("PER_CODE");
        assertThat(defaults.at("/rules/timelyFilingDays").asInt()).isEqualTo(90);
        assertThat(defaults.at("/rules/telehealth/placeOfServiceHome").asText()).isEqualTo("10");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "listed without codes|\"authorizationRequired\":\"LISTED\"|authorizationCodes",
            "codes without LISTED|\"authorizationRequired\":\"ALL\",\"authorizationCodes\":[\"97110\"]|authorizationCodes",
            "a code that is no CPT|\"authorizationRequired\":\"LISTED\",\"authorizationCodes\":[\"9711\"]|authorizationCodes",
            "no filing days|\"timelyFilingDays\":0|timelyFilingDays",
            "too many filing days|\"timelyFilingDays\":731|timelyFilingDays",
            "unknown modifier|\"telehealth\":{\"placeOfServiceHome\":\"10\",\"placeOfServiceOther\":\"02\",\"modifier\":\"94\"}|telehealth.modifier",
            "bad place of service|\"telehealth\":{\"placeOfServiceHome\":\"home\",\"placeOfServiceOther\":\"02\"}|telehealth.placeOfServiceHome",
    })
    void refusesABadPayerNamingTheFieldAndWritesNothing(String name, String fields, String field) throws Exception {
        APIGatewayV2HTTPResponse response = call("POST", "/payers", "{\"name\":\"Acme\",\"payerId\":\"ACME1\"," + fields + "}", "admin");
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(422);
        assertThat(fields(problem(response, "validation"))).anyMatch(f -> f.startsWith(field));
        assertThat(practice.payers(practiceId, null, 10, null).items()).isEmpty();
    }

    @Test
    void aPatientsMailingAddressIsStoredNormalizedAndABadOneIsRefusedNamingItsField() throws Exception {
        String patient = "{\"firstName\":\"Ada\",\"lastName\":\"Byron\",\"birthDate\":\"1980-12-10\","
                + "\"address\":{\"line1\":\" PO Box 9 \",\"city\":\"San Juan\",\"state\":\"PR\",\"postalCode\":\"00901-2345\"}}";
        JsonNode created = created(call("POST", "/patients", patient, "front_desk"));
        assertThat(created.at("/address/line1").asText()).isEqualTo("PO Box 9");
        assertThat(created.at("/address/postalCode").asText()).isEqualTo("00901-2345");
        assertThat(practice.patient(practiceId, created.get("id").asText()).orElseThrow().address().postalCode()).isEqualTo("009012345");

        APIGatewayV2HTTPResponse bad = call("POST", "/patients", patient.replace("00901-2345", "0090").replace("\"PR\"", "\"Puerto Rico\""),
                "front_desk");
        assertThat(fields(problem(bad, "validation"))).containsExactlyInAnyOrder("address.state", "address.postalCode");
        assertThat(practice.patients(practiceId, "Byron", 10, null).items()).hasSize(1);
    }

    @Test
    void aProviderHasTaxonomyCredentialAndASupervisorOfThePractice() throws Exception {
        String pt = created(call("POST", "/providers", provider("1234567893", "PT", "225100000X", "PT", null), "admin")).get("id").asText();
        JsonNode pta = created(call("POST", "/providers", provider("1987654328", "PT", "225200000X", "PTA", pt), "admin"));
        assertThat(pta.get("supervisorId").asText()).isEqualTo(pt);
        assertThat(pta.get("taxonomy").asText()).isEqualTo("225200000X");
        assertThat(pta.get("credential").asText()).isEqualTo("PTA");

        // A supervisor must exist in this practice, and may not be the provider itself.
        APIGatewayV2HTTPResponse unknown = call("POST", "/providers", provider("1987654328", "PT", null, "PTA", "no-such-provider"), "admin");
        assertThat(unknown.getStatusCode()).isEqualTo(422);
        assertThat(fields(problem(unknown, "unknown-reference"))).containsExactly("supervisorId");
        String ptaId = pta.get("id").asText();
        APIGatewayV2HTTPResponse itself = call("PUT", "/providers/" + ptaId, provider("1987654328", "PT", null, "PTA", ptaId), "admin", "\"1\"");
        assertThat(itself.getStatusCode()).isEqualTo(422);
        assertThat(fields(problem(itself, "validation"))).containsExactly("supervisorId");
        assertThat(practice.providers(practiceId, null, 10, null).items()).hasSize(2);
        assertThat(practice.provider(practiceId, ptaId).orElseThrow().supervisorId()).isEqualTo(pt);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "NPI with a wrong check digit|1234567890|225100000X|PT|npi",
            "NPI too short|123456789|225100000X|PT|npi",
            "taxonomy without X|1234567893|2251000000|PT|taxonomy",
            "taxonomy too short|1234567893|22510000X|PT|taxonomy",
            "credential not an abbreviation|1234567893|225100000X|physical therapist|credential",
    })
    void refusesABadProviderNamingTheFieldAndWritesNothing(String name, String npi, String taxonomy, String credential, String field)
            throws Exception {
        APIGatewayV2HTTPResponse response = call("POST", "/providers", provider(npi, "PT", taxonomy, credential, null), "admin");
        assertThat(response.getStatusCode()).isEqualTo(422);
        assertThat(fields(problem(response, "validation"))).containsExactly(field);
        assertThat(practice.providers(practiceId, null, 10, null).items()).isEmpty();
    }

    @Test
    void aMedicareCoverageNeedsAnMbiAndACommercialOneDoesNot() throws Exception {
        String medicare = created(call("POST", "/payers", "{\"name\":\"Medicare\",\"payerId\":\"MCR\",\"payerType\":\"MEDICARE\"}", "admin"))
                .get("id").asText();
        String commercial = created(call("POST", "/payers", "{\"name\":\"Acme\",\"payerId\":\"ACME1\",\"payerType\":\"COMMERCIAL\"}", "admin"))
                .get("id").asText();
        String patientId = createPatient("Lovelace");
        for (String bad : new String[] {"XJH123456789", "1EG4-TE5-MK73", "1EG4TE5MK7", "0EG4TE5MK73", "1SG4TE5MK73", "1EG4TE5MKA3"}) {
            APIGatewayV2HTTPResponse response = call("POST", "/patients/" + patientId + "/coverages", coverage(medicare, bad, "2026-01-01", null),
                    "front_desk");
            assertThat(response.getStatusCode()).as(bad).isEqualTo(422);
            JsonNode problem = problem(response, "validation");
            assertThat(fields(problem)).containsExactly("memberId");
            assertThat(problem.toString()).doesNotContain(bad); // a member id is PHI: never echoed
        }
        assertThat(practice.benefits(practiceId, patientId).coverages()).isEmpty();

        created(call("POST", "/patients/" + patientId + "/coverages", coverage(medicare, VALID_MBI, "2026-01-01", null), "front_desk"));
        created(call("POST", "/patients/" + patientId + "/coverages", coverage(commercial, "XJH123456789", "2026-01-01", null), "biller"));
        assertThat(practice.benefits(practiceId, patientId).coverages()).hasSize(2);
    }

    @Test
    void movingACoverageToAMedicarePayerChecksTheMemberIdToo() throws Exception {
        String medicare = created(call("POST", "/payers", "{\"name\":\"Medicare\",\"payerId\":\"MCR\",\"payerType\":\"MEDICARE\"}", "admin"))
                .get("id").asText();
        String commercial = created(call("POST", "/payers", "{\"name\":\"Acme\",\"payerId\":\"ACME1\"}", "admin")).get("id").asText();
        String patientId = createPatient("Lovelace");
        String coverageId = created(call("POST", "/patients/" + patientId + "/coverages", coverage(commercial, "ACM-1", "2026-01-01", null),
                "admin")).get("id").asText();
        String path = "/patients/" + patientId + "/coverages/" + coverageId;
        APIGatewayV2HTTPResponse refused = call("PUT", path, coverage(medicare, "ACM-1", "2026-01-01", null), "admin", "\"1\"");
        assertThat(fields(problem(refused, "validation"))).containsExactly("memberId");
        assertThat(practice.coverage(practiceId, patientId, coverageId).orElseThrow().payerId()).isEqualTo(commercial);

        APIGatewayV2HTTPResponse updated = call("PUT", path, coverage(medicare, VALID_MBI, "2026-01-01", "2026-12-31"), "biller", "\"1\"");
        assertThat(ok(updated).get("memberId").asText()).isEqualTo(VALID_MBI);
        assertThat(updated.getHeaders()).containsEntry("ETag", "\"2\"");
        APIGatewayV2HTTPResponse backwards = call("PUT", path, coverage(medicare, VALID_MBI, "2026-06-01", "2026-05-31"), "admin", "\"2\"");
        assertThat(fields(problem(backwards, "validation"))).containsExactly("effectiveTo");
    }

    // ---- replacement under If-Match

    @Test
    void anUpdateNeedsIfMatchAndAStaleOneWritesNothing() throws Exception {
        String patientId = createPatient("Lovelace");
        String path = "/patients/" + patientId;
        String edit = "{\"firstName\":\"Augusta\",\"lastName\":\"King\",\"birthDate\":\"1915-12-10\",\"sex\":\"F\"}";

        APIGatewayV2HTTPResponse missing = call("PUT", path, edit, "front_desk", null);
        assertThat(missing.getStatusCode()).isEqualTo(428);
        problem(missing, "precondition-required");

        APIGatewayV2HTTPResponse first = call("PUT", path, edit, "front_desk", "\"1\"");
        assertThat(ok(first).get("lastName").asText()).isEqualTo("King");
        assertThat(first.getHeaders()).containsEntry("ETag", "\"2\"");
        assertThat(ok(call("GET", path, null, "clinician")).get("version").asInt()).isEqualTo(2);

        for (String stale : new String[] {"\"1\"", "\"7\"", "garbage"}) {
            APIGatewayV2HTTPResponse response = call("PUT", path, edit.replace("King", "Byron"), "front_desk", stale);
            assertThat(response.getStatusCode()).as(stale).isEqualTo(412);
            problem(response, "precondition-failed");
        }
        var stored = practice.patient(practiceId, patientId).orElseThrow();
        assertThat(stored.lastName()).isEqualTo("King");
        assertThat(stored.version()).isEqualTo(2);
    }

    @Test
    void everyCollectionIsReplacedUnderItsEtag() throws Exception {
        String payerId = created(call("POST", "/payers", "{\"name\":\"Acme\",\"payerId\":\"ACME1\"}", "admin")).get("id").asText();
        JsonNode payer = ok(call("PUT", "/payers/" + payerId, "{\"name\":\"Acme Health\",\"payerId\":\"ACME2\",\"payerType\":\"COMMERCIAL\","
                + "\"authorizationRequired\":\"NONE\",\"unitRounding\":\"CMS_8_MINUTE\",\"timelyFilingDays\":180}", "biller", "\"1\""));
        assertThat(payer.get("payerId").asText()).isEqualTo("ACME2");
        assertThat(payer.get("timelyFilingDays").asInt()).isEqualTo(180);
        assertThat(payer.get("version").asInt()).isEqualTo(2);
        assertThat(practice.payer(practiceId, payerId).orElseThrow().ruleVersions()).hasSize(1);

        String providerId = created(call("POST", "/providers", provider("1234567893", "PT", null, null, null), "admin")).get("id").asText();
        JsonNode provider = ok(call("PUT", "/providers/" + providerId, provider("1234567893", "OT", "225X00000X", "OT", null), "admin", "\"1\""));
        assertThat(provider.get("discipline").asText()).isEqualTo("OT");
        assertThat(provider.get("taxonomy").asText()).isEqualTo("225X00000X");
        APIGatewayV2HTTPResponse badNpi = call("PUT", "/providers/" + providerId, provider("1234567890", "OT", null, null, null), "admin", "\"2\"");
        assertThat(fields(problem(badNpi, "validation"))).containsExactly("npi");
        assertThat(practice.provider(practiceId, providerId).orElseThrow().npi()).isEqualTo("1234567893");
    }

    @Test
    void anAuthorizationUpdateKeepsItsCountersAndNeverGoesBelowWhatIsCommitted() throws Exception {
        String patientId = createPatient("Lovelace");
        String authId = createAuthorization(patientId, "UNITS", 10, "2026-11-01", "2027-01-31", "97110");
        // The authorization check reserved 4 units and 2 were rendered (it bumps the version as it does so).
        dynamo.updateItem(b -> b.tableName(tables.practice())
                .key(Map.of("pk", AttributeValue.fromS(practiceId), "sk", AttributeValue.fromS("PATIENT#" + patientId + "#AUTHORIZATION#" + authId)))
                .updateExpression("SET scheduled = :s, rendered = :r, remaining = :left, version = version + :one")
                .expressionAttributeValues(Map.of(":s", AttributeValue.fromN("4"), ":r", AttributeValue.fromN("2"),
                        ":left", AttributeValue.fromN("4"), ":one", AttributeValue.fromN("1"))));
        String path = "/patients/" + patientId + "/authorizations/" + authId;

        APIGatewayV2HTTPResponse stale = call("PUT", path, authorizationUpdate(12, "2026-11-01", "2027-01-31"), "biller", "\"1\"");
        assertThat(stale.getStatusCode()).isEqualTo(412); // read before the reservation: refused
        APIGatewayV2HTTPResponse below = call("PUT", path, authorizationUpdate(5, "2026-11-01", "2027-01-31"), "biller", "\"2\"");
        assertThat(below.getStatusCode()).isEqualTo(422);
        assertThat(fields(problem(below, "validation"))).containsExactly("quantity");
        assertThat(practice.authorization(practiceId, patientId, authId).orElseThrow().authorized()).isEqualTo(10);

        JsonNode exact = ok(call("PUT", path, authorizationUpdate(6, "2026-11-15", "2027-02-28"), "front_desk", "\"2\""));
        assertThat(exact.get("authorized").asInt()).isEqualTo(6);
        assertThat(exact.get("remaining").asInt()).isZero();
        assertThat(exact.get("number").asText()).isEqualTo("A-2");
        assertThat(exact.get("serviceCodes").toString()).isEqualTo("[\"97110\",\"97112\"]");
        Authorization stored = practice.authorization(practiceId, patientId, authId).orElseThrow();
        assertThat(stored.scheduled()).isEqualTo(4);
        assertThat(stored.rendered()).isEqualTo(2);
        assertThat(stored.version()).isEqualTo(3);
        assertThat(stored.endDate()).hasToString("2027-02-28");
        var item = dynamo.getItem(b -> b.tableName(tables.practice()).key(Map.of("pk", AttributeValue.fromS(practiceId),
                "sk", AttributeValue.fromS("PATIENT#" + patientId + "#AUTHORIZATION#" + authId)))).item();
        assertThat(item.get("remaining").n()).isEqualTo("0");
        assertThat(item.get("type").s()).isEqualTo("AUTHORIZATION");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "end before start|10|2026-12-01|2026-11-30|endDate",
            "zero quantity|0|2026-11-01|2026-11-30|quantity",
            "negative quantity|-2|2026-11-01|2026-11-30|quantity",
    })
    void refusesABadAuthorizationUpdateAndWritesNothing(String name, int quantity, String start, String end, String field) throws Exception {
        String patientId = createPatient("Lovelace");
        String authId = createAuthorization(patientId, "VISITS", 8, "2026-11-01", "2027-01-31", "97110");
        APIGatewayV2HTTPResponse response = call("PUT", "/patients/" + patientId + "/authorizations/" + authId,
                authorizationUpdate(quantity, start, end), "admin", "\"1\"");
        assertThat(response.getStatusCode()).isEqualTo(422);
        assertThat(fields(problem(response, "validation"))).containsExactly(field);
        Authorization stored = practice.authorization(practiceId, patientId, authId).orElseThrow();
        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.authorized()).isEqualTo(8);
    }

    // ---- listings

    @Test
    void pagesThroughPatientsWithoutDuplicatesOrOmissions() throws Exception {
        String payerId = created(call("POST", "/payers", "{\"name\":\"Acme\",\"payerId\":\"ACME1\"}", "admin")).get("id").asText();
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 11; i++) {
            String patientId = createPatient("Patient" + i);
            expected.add(patientId);
            if (i % 3 == 0) { // children of a patient share its sort-key prefix and must not be listed as patients
                created(call("POST", "/patients/" + patientId + "/coverages", coverage(payerId, "M" + i, "2026-01-01", null), "admin"));
            }
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = ok(call("GET", "/patients?limit=4" + (cursor == null ? "" : "&cursor=" + cursor), null, "clinician"));
            assertThat(page.get("items").size()).isLessThanOrEqualTo(4);
            page.get("items").forEach(p -> seen.add(p.get("id").asText()));
            assertThat(page.has("nextCursor")).isTrue();
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(seen).doesNotHaveDuplicates();
        assertThat(new HashSet<>(seen)).isEqualTo(expected);
        assertThat(pages).isBetween(3, 4);
    }

    @Test
    void filtersEachCollection() throws Exception {
        createPatient("Okafor");
        createPatient("OKeefe");
        String lovelace = createPatient("Lovelace");
        assertThat(ids(ok(call("GET", "/patients?name=ok", null, "biller")))).hasSize(2);
        assertThat(ok(call("GET", "/patients?name=LOVE", null, "biller")).get("items").get(0).get("id").asText()).isEqualTo(lovelace);

        created(call("POST", "/providers", provider("1234567893", "PT", null, null, null), "admin"));
        created(call("POST", "/providers", provider("1987654328", "OT", null, null, null), "admin"));
        assertThat(ok(call("GET", "/providers?discipline=OT", null, "front_desk")).get("items").get(0).get("discipline").asText()).isEqualTo("OT");
        assertThat(ids(ok(call("GET", "/providers?discipline=OT", null, "front_desk")))).hasSize(1);

        String medicare = created(call("POST", "/payers", "{\"name\":\"Medicare\",\"payerId\":\"MCR\",\"payerType\":\"MEDICARE\"}", "admin"))
                .get("id").asText();
        created(call("POST", "/payers", "{\"name\":\"Acme\",\"payerId\":\"ACME1\",\"payerType\":\"COMMERCIAL\"}", "admin"));
        assertThat(ids(ok(call("GET", "/payers?payerType=MEDICARE", null, "clinician")))).containsExactly(medicare);
        assertThat(ids(ok(call("GET", "/payers", null, "clinician")))).hasSize(2);

        String old = created(call("POST", "/patients/" + lovelace + "/coverages", coverage(medicare, VALID_MBI, "2025-01-01", "2025-12-31"), "admin"))
                .get("id").asText();
        String current = created(call("POST", "/patients/" + lovelace + "/coverages", coverage(medicare, VALID_MBI, "2026-01-01", null), "admin"))
                .get("id").asText();
        assertThat(ids(ok(call("GET", "/patients/" + lovelace + "/coverages?activeOn=2026-03-01", null, "clinician")))).containsExactly(current);
        assertThat(ids(ok(call("GET", "/patients/" + lovelace + "/coverages?activeOn=2025-12-31", null, "clinician")))).containsExactly(old);
        assertThat(ids(ok(call("GET", "/patients/" + lovelace + "/coverages", null, "clinician")))).hasSize(2);

        String autumn = created(call("POST", "/patients/" + lovelace + "/authorizations", authorization(current, "VISITS", 8,
                "2026-09-01", "2026-11-30", "97110", "97140"), "admin")).get("id").asText();
        String winter = created(call("POST", "/patients/" + lovelace + "/authorizations", authorization(current, "UNITS", 20,
                "2026-12-01", "2027-02-28", "97530"), "admin")).get("id").asText();
        String base = "/patients/" + lovelace + "/authorizations";
        assertThat(ids(ok(call("GET", base + "?activeOn=2026-11-30", null, "clinician")))).containsExactly(autumn);
        assertThat(ids(ok(call("GET", base + "?activeOn=2026-12-01", null, "clinician")))).containsExactly(winter);
        assertThat(ids(ok(call("GET", base + "?serviceCode=97140", null, "clinician")))).containsExactly(autumn);
        assertThat(ids(ok(call("GET", base + "?serviceCode=97530&activeOn=2026-11-01", null, "clinician")))).isEmpty();
        assertThat(ids(ok(call("GET", base, null, "clinician")))).containsExactlyInAnyOrder(autumn, winter);
    }

    @Test
    void aCursorWorksOnlyForThePracticeAndListingThatIssuedIt() throws Exception {
        for (int i = 0; i < 3; i++) {
            createPatient("Patient" + i);
        }
        String cursor = ok(call("GET", "/patients?limit=1", null, "admin")).get("nextCursor").asText();
        String intruder = "practice-" + UUID.randomUUID();
        createPatient("Intruder", intruder);
        for (String bad : new String[] {cursor + "&x=1", "%%%", "bm90IGEgY3Vyc29y"}) {
            // "bm90IGEgY3Vyc29y" is base64url of "not a cursor"
            APIGatewayV2HTTPResponse response = call("GET", "/patients?cursor=" + bad, null, "admin", null, intruder);
            assertThat(response.getStatusCode()).as(bad).isEqualTo(400);
            assertThat(fields(problem(response, "malformed-request"))).containsExactly("cursor");
        }
        APIGatewayV2HTTPResponse otherListing = call("GET", "/payers?cursor=" + cursor, null, "admin");
        assertThat(fields(problem(otherListing, "malformed-request"))).containsExactly("cursor");
        assertThat(ids(ok(call("GET", "/patients?cursor=" + cursor, null, "admin")))).hasSize(2);
    }

    @ParameterizedTest
    @CsvSource({"0", "101", "-1"})
    void refusesALimitOutsideOneToAHundred(int limit) throws Exception {
        APIGatewayV2HTTPResponse response = call("GET", "/providers?limit=" + limit, null, "admin");
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(fields(problem(response, "malformed-request"))).containsExactly("limit");
    }

    // ---- settings

    @Test
    void settingsStartAsTheDefaultsAndAreReplacedByAnAdminUnderIfMatch() throws Exception {
        APIGatewayV2HTTPResponse defaults = call("GET", "/settings", null, "clinician");
        assertThat(ok(defaults).get("schedulingPolicy").asText()).isEqualTo("BLOCK");
        assertThat(defaults.getHeaders()).containsEntry("ETag", "\"0\"");

        assertThat(call("PUT", "/settings", settings("WARN", "biller", "America/Chicago", "[30,7]", 20, 2), "front_desk", "\"0\"")
                .getStatusCode()).isEqualTo(403);
        assertThat(call("PUT", "/settings", settings("WARN", "biller", "America/Chicago", "[30,7]", 20, 2), "admin", null)
                .getStatusCode()).isEqualTo(428);
        APIGatewayV2HTTPResponse saved = call("PUT", "/settings", settings("WARN", "biller", "America/Chicago", "[7,30]", 25, 3), "admin", "\"0\"");
        JsonNode body = ok(saved);
        assertThat(saved.getHeaders()).containsEntry("ETag", "\"1\"");
        assertThat(body.get("alerts").get("expiryDays").toString()).isEqualTo("[30,7]");
        assertThat(body.get("recipientsByRole").get("biller").get(0).asText()).isEqualTo("billing@example.org");
        assertThat(practice.settings(practiceId).overrideRole()).isEqualTo("biller");

        APIGatewayV2HTTPResponse stale = call("PUT", "/settings", settings("BLOCK", "admin", "America/Chicago", "[7]", 25, 3), "admin", "\"0\"");
        assertThat(stale.getStatusCode()).isEqualTo(412);
        assertThat(practice.settings(practiceId).schedulingPolicy().name()).isEqualTo("WARN");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown override role|BLOCK|owner|America/New_York|[30]|20|2|billing@example.org|biller|overrideRole",
            "not an IANA zone|BLOCK|admin|Mars/Olympus|[30]|20|2|billing@example.org|biller|timeZone",
            "an offset is no IANA zone|BLOCK|admin|+02:00|[30]|20|2|billing@example.org|biller|timeZone",
            "repeated expiry days|BLOCK|admin|America/New_York|[30,30]|20|2|billing@example.org|biller|alerts.expiryDays",
            "expiry days of zero|BLOCK|admin|America/New_York|[0]|20|2|billing@example.org|biller|alerts.expiryDays",
            "expiry days beyond a year|BLOCK|admin|America/New_York|[366]|20|2|billing@example.org|biller|alerts.expiryDays",
            "percent above 100|BLOCK|admin|America/New_York|[30]|101|2|billing@example.org|biller|alerts.remainingPercent",
            "negative percent|BLOCK|admin|America/New_York|[30]|-1|2|billing@example.org|biller|alerts.remainingPercent",
            "negative visits left|BLOCK|admin|America/New_York|[30]|20|-1|billing@example.org|biller|alerts.visitsLeft",
            "malformed email|BLOCK|admin|America/New_York|[30]|20|2|billing at example.org|biller|recipientsByRole.biller",
            "unknown recipient role|BLOCK|admin|America/New_York|[30]|20|2|billing@example.org|owner|recipientsByRole",
    })
    void refusesBadSettingsNamingTheFieldAndWritesNothing(String name, String policy, String role, String zone, String days, int percent,
                                                          int visits, String email, String recipientRole, String field) throws Exception {
        String body = settings(policy, role, zone, days, percent, visits).replace("billing@example.org", email)
                .replace("\"biller\":[", "\"" + recipientRole + "\":[");
        APIGatewayV2HTTPResponse response = call("PUT", "/settings", body, "admin", "\"0\"");
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(422);
        assertThat(fields(problem(response, "validation"))).anyMatch(f -> f.startsWith(field));
        assertThat(practice.settings(practiceId).version()).isZero();
    }

    // ---- roles and tenancy

    @ParameterizedTest(name = "{0} {1} as {2}")
    @CsvSource({
            "POST,/patients,clinician", "POST,/patients,biller", "PUT,/patients/x,biller",
            "POST,/payers,front_desk", "PUT,/payers/x,front_desk", "PUT,/payers/x,clinician",
            "POST,/providers,biller", "PUT,/providers/x,front_desk",
            "POST,/patients/x/coverages,clinician", "PUT,/patients/x/coverages/c,clinician",
            "POST,/patients/x/authorizations,clinician", "PUT,/patients/x/authorizations/a,clinician",
            "PUT,/settings,biller",
    })
    void refusesARoleThatMayNotWrite(String method, String path, String role) throws Exception {
        String body = path.startsWith("/patients/x/authorizations") && method.equals("PUT") ? authorizationUpdate(5, "2026-11-01", "2026-11-30")
                : path.contains("authorizations") ? authorization("c", "VISITS", 5, "2026-11-01", "2026-11-30", "97110")
                : path.contains("coverages") ? coverage("p", "M1", "2026-01-01", null)
                : path.startsWith("/patients") ? "{\"firstName\":\"A\",\"lastName\":\"B\",\"birthDate\":\"1990-01-01\"}"
                : path.startsWith("/payers") ? "{\"name\":\"Acme\",\"payerId\":\"ACME1\"}"
                : path.startsWith("/providers") ? provider("1234567893", "PT", null, null, null)
                : settings("BLOCK", "admin", "America/New_York", "[30]", 20, 2);
        APIGatewayV2HTTPResponse response = call(method, path, body, role, "\"1\"");
        assertThat(response.getStatusCode()).isEqualTo(403);
        problem(response, "forbidden");
    }

    @ParameterizedTest
    @CsvSource({"admin", "front_desk", "clinician", "biller"})
    void everyRoleReadsEveryListing(String role) throws Exception {
        String patientId = createPatient("Lovelace");
        for (String path : new String[] {"/patients", "/payers", "/providers", "/patients/" + patientId + "/coverages",
                "/patients/" + patientId + "/authorizations", "/settings"}) {
            assertThat(call("GET", path, null, role).getStatusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    void anotherPracticeCannotReplaceOrListTheRecords() throws Exception {
        String payerId = created(call("POST", "/payers", "{\"name\":\"Acme\",\"payerId\":\"ACME1\"}", "admin")).get("id").asText();
        String patientId = createPatient("Lovelace");
        String providerId = created(call("POST", "/providers", provider("1234567893", "PT", null, null, null), "admin")).get("id").asText();
        String coverageId = created(call("POST", "/patients/" + patientId + "/coverages", coverage(payerId, "M1", "2026-01-01", null), "admin"))
                .get("id").asText();
        String authId = createAuthorization(patientId, "VISITS", 8, "2026-11-01", "2027-01-31", "97110");
        String intruder = "practice-" + UUID.randomUUID();
        Map<String, String> puts = Map.of(
                "/patients/" + patientId, "{\"firstName\":\"A\",\"lastName\":\"B\",\"birthDate\":\"1990-01-01\"}",
                "/payers/" + payerId, "{\"name\":\"Mine\",\"payerId\":\"MINE1\"}",
                "/providers/" + providerId, provider("1234567893", "OT", null, null, null),
                "/patients/" + patientId + "/coverages/" + coverageId, coverage(payerId, "M2", "2026-01-01", null),
                "/patients/" + patientId + "/authorizations/" + authId, authorizationUpdate(99, "2026-11-01", "2027-01-31"));
        for (Map.Entry<String, String> put : puts.entrySet()) {
            APIGatewayV2HTTPResponse response = call("PUT", put.getKey(), put.getValue(), "admin", "\"1\"", intruder);
            assertThat(response.getStatusCode()).as(put.getKey()).isEqualTo(404);
            problem(response, "not-found");
        }
        for (String path : new String[] {"/patients/" + patientId + "/coverages", "/patients/" + patientId + "/authorizations"}) {
            assertThat(call("GET", path, null, "admin", null, intruder).getStatusCode()).as(path).isEqualTo(404);
        }
        for (String path : new String[] {"/patients", "/payers", "/providers"}) {
            assertThat(ids(ok(call("GET", path, null, "admin", null, intruder)))).as(path).isEmpty();
        }
        assertThat(practice.patient(practiceId, patientId).orElseThrow().version()).isEqualTo(1);
        assertThat(practice.authorization(practiceId, patientId, authId).orElseThrow().authorized()).isEqualTo(8);
    }

    @Test
    void theOpenApiDocumentShowsTheNewOperations() {
        String document = function.handleRequest(event("GET", "/openapi.yml", null, null, null), null).getBody();
        assertThat(document).contains("/settings").contains("/billing-profile").contains("/patients/{patientId}/coverages/{coverageId}")
                .contains("If-Match").contains("\"201\"").contains("\"412\"").contains("\"428\"").contains("application/problem+json")
                .contains("nextCursor");
    }

    // ---- helpers

    private String createPatient(String lastName) throws Exception {
        return createPatient(lastName, practiceId);
    }

    private static String createPatient(String lastName, String practice) throws Exception {
        return created(call("POST", "/patients", "{\"firstName\":\"Ada\",\"lastName\":\"" + lastName + "\",\"birthDate\":\"1980-12-10\"}",
                "front_desk", null, practice)).get("id").asText();
    }

    private String createAuthorization(String patientId, String unitType, int quantity, String start, String end, String code) throws Exception {
        String payerId = created(call("POST", "/payers", "{\"name\":\"Acme\",\"payerId\":\"ACME1\"}", "admin")).get("id").asText();
        String coverageId = created(call("POST", "/patients/" + patientId + "/coverages", coverage(payerId, "M1", "2026-01-01", null), "admin"))
                .get("id").asText();
        return created(call("POST", "/patients/" + patientId + "/authorizations",
                authorization(coverageId, unitType, quantity, start, end, code), "admin")).get("id").asText();
    }

    private static String provider(String npi, String discipline, String taxonomy, String credential, String supervisorId) {
        return "{\"npi\":\"" + npi + "\",\"firstName\":\"Grace\",\"lastName\":\"Hopper\",\"discipline\":\"" + discipline + "\""
                + (taxonomy == null ? "" : ",\"taxonomy\":\"" + taxonomy + "\"")
                + (credential == null ? "" : ",\"credential\":\"" + credential + "\"")
                + (supervisorId == null ? "" : ",\"supervisorId\":\"" + supervisorId + "\"") + "}";
    }

    private static String coverage(String payerId, String memberId, String from, String to) {
        return "{\"payerId\":\"" + payerId + "\",\"memberId\":\"" + memberId + "\",\"effectiveFrom\":\"" + from + "\""
                + (to == null ? "" : ",\"effectiveTo\":\"" + to + "\"") + "}";
    }

    private static String authorization(String coverageId, String unitType, int quantity, String start, String end, String... codes) {
        return "{\"coverageId\":\"" + coverageId + "\",\"number\":\"A-1\",\"serviceCodes\":[\"" + String.join("\",\"", codes) + "\"],"
                + "\"unitType\":\"" + unitType + "\",\"quantity\":" + quantity + ",\"startDate\":\"" + start + "\",\"endDate\":\"" + end + "\"}";
    }

    private static String authorizationUpdate(int quantity, String start, String end) {
        return "{\"number\":\"A-2\",\"serviceCodes\":[\"97112\",\"97110\"],\"quantity\":" + quantity
                + ",\"startDate\":\"" + start + "\",\"endDate\":\"" + end + "\",\"discipline\":\"PT\"}";
    }

    private static String settings(String policy, String overrideRole, String zone, String expiryDays, int percent, int visitsLeft) {
        return "{\"schedulingPolicy\":\"" + policy + "\",\"overrideRole\":\"" + overrideRole + "\",\"timeZone\":\"" + zone + "\","
                + "\"alerts\":{\"expiryDays\":" + expiryDays + ",\"remainingPercent\":" + percent + ",\"visitsLeft\":" + visitsLeft
                + ",\"exhausted\":true,\"overScheduled\":true,\"appointmentBlocked\":false},"
                + "\"recipientsByRole\":{\"biller\":[\"billing@example.org\"],\"admin\":[\"owner@example.org\"]}}";
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    private static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        if (problem.has("errors")) {
            problem.get("errors").forEach(e -> fields.add(e.get("field").asText()));
        }
        return fields;
    }

    private APIGatewayV2HTTPResponse call(String method, String path, String body, String role) {
        return call(method, path, body, role, null, practiceId);
    }

    private APIGatewayV2HTTPResponse call(String method, String path, String body, String role, String ifMatch) {
        return call(method, path, body, role, ifMatch, practiceId);
    }

    private static APIGatewayV2HTTPResponse call(String method, String path, String body, String role, String ifMatch, String practice) {
        return function.handleRequest(event(method, path, body, ifMatch, claims(practice, role, null)), null);
    }

    /** As API Gateway decodes them (payload 2.0): name to value, repeated names joined by commas. */
    private static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> parameters = new HashMap<>();
        if (!rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                parameters.merge(name, value, (a, b) -> a + "," + b);
            }
        }
        return parameters;
    }
}
