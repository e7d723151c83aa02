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
import org.therapyops.billing.StoredClaim;
import org.therapyops.dynamodb.DynamoAppointmentRepository;
import org.therapyops.dynamodb.DynamoClaimRepository;
import org.therapyops.dynamodb.DynamoNoteRepository;
import org.therapyops.dynamodb.DynamoPracticeRepository;
import org.therapyops.dynamodb.Tables;
import org.therapyops.scheduling.AuthorizationCheckService;
import org.therapyops.testing.Moto;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.math.BigDecimal;
import java.time.Clock;
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
 * Notes and claims through the API function as Lambda calls it, against DynamoDB on moto: drafts, every
 * refusal (with nothing written), signing by the rendering clinician only, immutability, addenda, claim reads.
 */
class NoteApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static ApplicationContext context;
    private static APIGatewayV2HTTPEventFunction function;
    private static DynamoDbClient dynamo;
    private static DynamoNoteRepository notes;
    private static DynamoClaimRepository claims;
    private static DynamoAppointmentRepository appointments;
    private static AuthorizationCheckService check;

    private final String practiceId = "practice-" + UUID.randomUUID();
    private String providerId;
    private String assistantId;

    @BeforeAll
    static void start() {
        Moto moto = Moto.shared();
        Tables tables = moto.createTables();
        Moto.BillingTables billing = moto.createBillingTables();
        context = ApplicationContext.builder().properties(Map.of(
                "practice.table", tables.practice(),
                "appointments.table", tables.appointments(), "appointment.history.table", tables.appointmentHistory(),
                "notes.table", billing.notes(),
                "claims.table", billing.claims(),
                "aws.endpoint.url", moto.endpoint().toString())).start();
        function = new APIGatewayV2HTTPEventFunction(context);
        dynamo = moto.dynamo();
        notes = new DynamoNoteRepository(dynamo, billing.notes());
        claims = new DynamoClaimRepository(dynamo, billing.claims());
        DynamoPracticeRepository practice = new DynamoPracticeRepository(dynamo, tables);
        appointments = new DynamoAppointmentRepository(dynamo, tables, Clock.systemUTC());
        check = new AuthorizationCheckService(practice, appointments, org.therapyops.testing.Payers.RESOLVER);
    }

    @AfterAll
    static void stop() {
        context.close();
        dynamo.close();
    }

    /** A patient covered by a Medicare payer with an authorization, a PT and a PTA they supervise; a booked appointment. */
    private String appointment(String start) throws Exception {
        if (providerId == null) {
            String payerId = created(call("POST", "/payers", "{\"name\":\"Medicare\",\"payerId\":\"MCRB1\",\"payerType\":\"MEDICARE\"}",
                    "admin", null)).get("id").asText();
            String patientId = created(call("POST", "/patients", "{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\",\"birthDate\":\"1950-12-10\"}",
                    "front_desk", null)).get("id").asText();
            providerId = created(call("POST", "/providers", "{\"npi\":\"1234567893\",\"firstName\":\"Grace\",\"lastName\":\"Hopper\","
                    + "\"discipline\":\"PT\"}", "admin", null)).get("id").asText();
            assistantId = created(call("POST", "/providers", "{\"npi\":\"1987654328\",\"firstName\":\"Alan\",\"lastName\":\"Turing\","
                    + "\"discipline\":\"PT\",\"credential\":\"PTA\",\"supervisorId\":\"" + providerId + "\"}", "admin", null)).get("id").asText();
            String coverageId = created(call("POST", "/patients/" + patientId + "/coverages", "{\"payerId\":\"" + payerId
                    + "\",\"memberId\":\"1EG4TE5MK73\",\"effectiveFrom\":\"2026-01-01\"}", "front_desk", null)).get("id").asText();
            created(call("POST", "/patients/" + patientId + "/authorizations", "{\"coverageId\":\"" + coverageId + "\",\"number\":\"A-1\","
                    + "\"serviceCodes\":[\"97110\",\"97140\"],\"unitType\":\"VISITS\",\"quantity\":20,\"startDate\":\"2026-01-01\","
                    + "\"endDate\":\"2026-12-31\"}", "biller", null));
            patient = patientId;
        }
        return created(call("POST", "/appointments", "{\"patientId\":\"" + patient + "\",\"providerId\":\"" + providerId
                + "\",\"serviceCode\":\"97110\",\"start\":\"" + start + "\",\"durationMinutes\":45}", "front_desk", null)).get("id").asText();
    }

    private String patient;

    private void decide(String appointmentId) {
        check.check(practiceId, appointments.appointment(practiceId, appointmentId).orElseThrow());
    }

    private static String note(String appointmentId, String diagnoses, String lines) {
        return "{\"appointmentId\":\"" + appointmentId + "\",\"diagnoses\":[" + diagnoses + "],\"lines\":[" + lines + "],"
                + "\"placeOfService\":\"11\"}";
    }

    private static String line(String code, int minutes) {
        return "{\"code\":\"" + code + "\",\"minutes\":" + minutes + "}";
    }

    @Test
    void aClinicianDraftsReplacesAndTheRenderingClinicianSignsOnce() throws Exception {
        String appointmentId = appointment("2026-03-02T10:00");
        JsonNode draft = created(call("POST", "/notes", note(appointmentId, "\"m54.50\",\"M25.561\"",
                line("97110", 33) + "," + line("97140", 7)), "clinician", providerId));
        String noteId = draft.get("id").asText();
        assertThat(draft.get("status").asText()).isEqualTo("DRAFT");
        assertThat(draft.get("diagnoses").toString()).isEqualTo("[\"M5450\",\"M25561\"]");
        assertThat(draft.get("renderingProviderId").asText()).isEqualTo(providerId);
        assertThat(draft.get("lines").get(0).get("renderingProviderId").asText()).isEqualTo(providerId);
        assertThat(draft.get("lines").get(1).get("assistant").asText()).isEqualTo("NONE");

        // One note per appointment.
        APIGatewayV2HTTPResponse second = call("POST", "/notes", note(appointmentId, "\"M54.50\"", line("97110", 30)), "clinician", providerId);
        assertThat(second.getStatusCode()).isEqualTo(409);
        problem(second, "conflict");

        assertThat(call("PUT", "/notes/" + noteId, note(appointmentId, "\"M54.50\"", line("97110", 30)), "clinician", providerId)
                .getStatusCode()).isEqualTo(428);
        assertThat(call("PUT", "/notes/" + noteId, note(appointmentId, "\"M54.50\"", line("97110", 30)), "clinician", providerId, "\"7\"")
                .getStatusCode()).isEqualTo(412);
        JsonNode replaced = ok(call("PUT", "/notes/" + noteId, note(appointmentId, "\"M54.50\"",
                line("97110", 33) + "," + line("97140", 7)), "clinician", providerId, "\"1\""));
        assertThat(replaced.get("version").asLong()).isEqualTo(2);
        assertThat(replaced.get("diagnoses").toString()).isEqualTo("[\"M5450\"]");

        // Only the rendering clinician (or their supervisor) signs; billers and admins read.
        APIGatewayV2HTTPResponse otherClinician = call("POST", "/notes/" + noteId + "/sign", null, "clinician", "someone-else");
        assertThat(otherClinician.getStatusCode()).isEqualTo(403);
        assertThat(call("POST", "/notes/" + noteId + "/sign", null, "biller", providerId).getStatusCode()).isEqualTo(403);
        assertThat(call("POST", "/notes/" + noteId + "/sign", null, "admin", providerId).getStatusCode()).isEqualTo(403);
        assertThat(notes.note(practiceId, noteId).orElseThrow().status().name()).isEqualTo("DRAFT");

        JsonNode signed = ok(call("POST", "/notes/" + noteId + "/sign", null, "clinician", providerId, "\"2\""));
        assertThat(signed.get("status").asText()).isEqualTo("SIGNED");
        assertThat(signed.get("signedBy").asText()).isEqualTo(providerId);

        APIGatewayV2HTTPResponse twice = call("POST", "/notes/" + noteId + "/sign", null, "clinician", providerId);
        assertThat(twice.getStatusCode()).isEqualTo(409);
        problem(twice, "note-signed");
        APIGatewayV2HTTPResponse edit = call("PUT", "/notes/" + noteId, note(appointmentId, "\"M54.50\"", line("97110", 60)),
                "clinician", providerId, "\"3\"");
        assertThat(edit.getStatusCode()).isEqualTo(409);
        problem(edit, "note-signed");
        assertThat(notes.note(practiceId, noteId).orElseThrow().lines().get(0).minutes()).isEqualTo(33);

        JsonNode amended = ok(call("POST", "/notes/" + noteId + "/addenda", "{\"text\":\"Patient reported less pain.\"}",
                "clinician", assistantId));
        assertThat(amended.get("addenda").get(0).get("author").asText()).isEqualTo(assistantId);
        assertThat(amended.get("status").asText()).isEqualTo("SIGNED");
        assertThat(ok(call("GET", "/notes/" + noteId, null, "biller", "b-1")).get("addenda")).hasSize(1);
        assertThat(ok(call("GET", "/notes/" + noteId, null, "admin", "a-1")).get("id").asText()).isEqualTo(noteId);
        assertThat(call("GET", "/notes/" + noteId, null, "front_desk", "f-1").getStatusCode()).isEqualTo(403);
        JsonNode audit = ok(call("GET", "/notes/" + noteId + "/audit", null, "admin", "a-1"));
        assertThat(audit.findValuesAsText("action")).containsExactlyInAnyOrder("CREATE", "UPDATE", "SIGN", "ADDENDUM");
        assertThat(call("GET", "/notes/" + noteId, null, "biller", "b-1", null, "another-practice").getStatusCode()).isEqualTo(404);
    }

    @Test
    void anotherClinicianNeitherDraftsNorChangesTheSessionsNote() throws Exception {
        String appointmentId = appointment("2026-03-04T10:00");
        APIGatewayV2HTTPResponse foreign = call("POST", "/notes", note(appointmentId, "\"M54.50\"", line("97110", 30)), "clinician",
                "someone-else");
        assertThat(foreign.getStatusCode()).isEqualTo(403);
        problem(foreign, "forbidden");
        String noteId = created(call("POST", "/notes", note(appointmentId, "\"M54.50\"", line("97110", 30)), "clinician", providerId))
                .get("id").asText();
        APIGatewayV2HTTPResponse overwrite = call("PUT", "/notes/" + noteId, note(appointmentId, "\"M54.50\"", line("97110", 45)),
                "clinician", "someone-else", "\"1\"");
        assertThat(overwrite.getStatusCode()).isEqualTo(403);
        assertThat(notes.note(practiceId, noteId).orElseThrow().lines().get(0).minutes()).isEqualTo(30);
        assertThat(notes.note(practiceId, noteId).orElseThrow().version()).isEqualTo(1);
        // The PTA's own session: the PTA drafts it and their supervising PT may change it; the PT's session is not the PTA's.
        assertThat(call("PUT", "/notes/" + noteId, note(appointmentId, "\"M54.50\"", line("97110", 45)), "clinician", assistantId,
                "\"1\"").getStatusCode()).isEqualTo(403);
    }

    @Test
    void theSupervisorOfTheRenderingClinicianMaySign() throws Exception {
        // The PTA's appointment: their supervising PT signs.
        appointment("2026-03-03T09:00");
        String appointmentId = created(call("POST", "/appointments", "{\"patientId\":\"" + patient + "\",\"providerId\":\"" + assistantId
                + "\",\"serviceCode\":\"97110\",\"start\":\"2026-03-03T11:00\",\"durationMinutes\":30}", "front_desk", null)).get("id").asText();
        String noteId = created(call("POST", "/notes", note(appointmentId, "\"M54.50\"", line("97110", 30)), "clinician", assistantId))
                .get("id").asText();
        problem(call("GET", "/notes/" + noteId + "/capture", null, "biller", null), "conflict");
        assertThat(ok(call("POST", "/notes/" + noteId + "/sign", null, "clinician", providerId)).get("signedBy").asText())
                .isEqualTo(providerId);
        // No charge-capture function runs here: the signed note's capture is pending, for its practice only.
        JsonNode capture = ok(call("GET", "/notes/" + noteId + "/capture", null, "biller", null));
        assertThat(capture.get("status").asText()).isEqualTo("PENDING");
        assertThat(capture.path("claimIds")).isEmpty();
        problem(call("GET", "/notes/" + noteId + "/capture", null, "front_desk", null), "forbidden");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "negative minutes|\"M54.50\"|{\"code\":\"97110\",\"minutes\":-5}|lines[0].minutes",
            "an unknown diagnosis|\"M54.50\",\"M99.999\"|{\"code\":\"97110\",\"minutes\":30}|diagnoses[1]",
            "a non-billable category heading|\"M54.5\"|{\"code\":\"97110\",\"minutes\":30}|diagnoses[0]",
            "absurd minutes|\"M54.50\"|{\"code\":\"97110\",\"minutes\":721}|lines[0].minutes",
            "no minutes|\"M54.50\"|{\"code\":\"97110\"}|lines[0].minutes",
            "a code that is no CPT|\"M54.50\"|{\"code\":\"9711\",\"minutes\":30}|lines[0].code",
            "a code charge capture cannot bill|\"M54.50\"|{\"code\":\"99213\",\"minutes\":30}|lines[0].code",
            "malformed ICD-10-CM|\"M5\"|{\"code\":\"97110\",\"minutes\":30}|diagnoses[0]",
            "ICD-9 code|\"724.2\"|{\"code\":\"97110\",\"minutes\":30}|diagnoses[0]",
            "U codes are not ICD-10-CM of therapy|\"U07.1\"|{\"code\":\"97110\",\"minutes\":30}|diagnoses[0]",
            "repeated diagnosis|\"M54.50\",\"M5450\"|{\"code\":\"97110\",\"minutes\":30}|diagnoses[1]",
            "thirteen diagnoses|\"A00.0\",\"A00.1\",\"A01.0\",\"A01.1\",\"A02.0\",\"A02.1\",\"A03.0\",\"A03.1\",\"A04.0\",\"A04.1\",\"A05.0\",\"A05.1\",\"A06.0\"|{\"code\":\"97110\",\"minutes\":30}|diagnoses",
    })
    void refusesABadDraftNamingTheFieldAndWritesNothing(String name, String diagnoses, String lines, String field) throws Exception {
        String appointmentId = appointment("2026-03-04T10:00");
        APIGatewayV2HTTPResponse response = call("POST", "/notes", note(appointmentId, diagnoses, lines), "clinician", providerId);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(422);
        assertThat(fields(problem(response, "validation"))).containsExactly(field);
        assertThat(notes.note(practiceId, NoteController.noteId(practiceId, appointmentId))).isEmpty();
    }

    @Test
    void twelveDiagnosesAreAccepted() throws Exception {
        String appointmentId = appointment("2026-03-05T10:00");
        String twelve = "\"M54.50\",\"M25.561\",\"M25.562\",\"M62.81\",\"R26.2\",\"R26.89\",\"M79.604\",\"M79.605\",\"Z91.81\","
                + "\"R53.1\",\"G89.29\",\"R29.898\"";
        assertThat(created(call("POST", "/notes", note(appointmentId, twelve, line("97110", 720)), "clinician", providerId))
                .get("diagnoses")).hasSize(12);
    }

    @Test
    void refusesUnknownReferencesAndWritesNothing() throws Exception {
        String appointmentId = appointment("2026-03-06T10:00");
        APIGatewayV2HTTPResponse noAppointment = call("POST", "/notes", note("no-such-appointment", "\"M54.50\"", line("97110", 30)),
                "clinician", providerId);
        assertThat(noAppointment.getStatusCode()).isEqualTo(422);
        assertThat(fields(problem(noAppointment, "unknown-reference"))).containsExactly("appointmentId");

        APIGatewayV2HTTPResponse noProvider = call("POST", "/notes", note(appointmentId, "\"M54.50\"",
                "{\"code\":\"97110\",\"minutes\":30,\"renderingProviderId\":\"nobody\"}"), "clinician", providerId);
        assertThat(noProvider.getStatusCode()).isEqualTo(422);
        assertThat(fields(problem(noProvider, "unknown-reference"))).containsExactly("lines[0].renderingProviderId");
        assertThat(notes.note(practiceId, NoteController.noteId(practiceId, appointmentId))).isEmpty();

        // Another practice's appointment is unknown here.
        APIGatewayV2HTTPResponse foreign = call("POST", "/notes", note(appointmentId, "\"M54.50\"", line("97110", 30)),
                "clinician", providerId, null, "another-practice");
        assertThat(foreign.getStatusCode()).isEqualTo(422);
        assertThat(notes.note("another-practice", NoteController.noteId("another-practice", appointmentId))).isEmpty();
    }

    @Test
    void refusesANoteForACancelledOrMissedAppointmentAndWritesNothing() throws Exception {
        String cancelled = appointment("2026-03-09T10:00");
        ok(call("POST", "/appointments/" + cancelled + "/cancel", "{}", "front_desk", null));
        APIGatewayV2HTTPResponse response = call("POST", "/notes", note(cancelled, "\"M54.50\"", line("97110", 30)), "clinician", providerId);
        assertThat(response.getStatusCode()).isEqualTo(409);
        problem(response, "appointment-not-held");
        assertThat(notes.note(practiceId, NoteController.noteId(practiceId, cancelled))).isEmpty();

        String missed = appointment("2026-03-10T10:00");
        decide(missed);
        ok(call("POST", "/appointments/" + missed + "/no-show", "{}", "front_desk", null));
        APIGatewayV2HTTPResponse noShow = call("POST", "/notes", note(missed, "\"M54.50\"", line("97110", 30)), "clinician", providerId);
        assertThat(noShow.getStatusCode()).as(noShow.getBody()).isEqualTo(409);
        problem(noShow, "appointment-not-held");
        assertThat(notes.note(practiceId, NoteController.noteId(practiceId, missed))).isEmpty();
    }

    @Test
    void onlyCliniciansWriteNotes() throws Exception {
        String appointmentId = appointment("2026-03-11T10:00");
        for (String role : List.of("admin", "biller", "front_desk")) {
            assertThat(call("POST", "/notes", note(appointmentId, "\"M54.50\"", line("97110", 30)), role, providerId).getStatusCode())
                    .isEqualTo(403);
        }
        assertThat(notes.note(practiceId, NoteController.noteId(practiceId, appointmentId))).isEmpty();
    }

    @Test
    void aDraftTakesNoAddendumAndASignatureNeedsDiagnosesAndLines() throws Exception {
        String appointmentId = appointment("2026-03-12T10:00");
        String noteId = created(call("POST", "/notes", note(appointmentId, "", ""), "clinician", providerId)).get("id").asText();
        APIGatewayV2HTTPResponse addendum = call("POST", "/notes/" + noteId + "/addenda", "{\"text\":\"x\"}", "clinician", providerId);
        assertThat(addendum.getStatusCode()).isEqualTo(409);
        APIGatewayV2HTTPResponse sign = call("POST", "/notes/" + noteId + "/sign", null, "clinician", providerId);
        assertThat(sign.getStatusCode()).isEqualTo(422);
        assertThat(fields(problem(sign, "validation"))).containsExactly("diagnoses");
        assertThat(notes.note(practiceId, noteId).orElseThrow().status().name()).isEqualTo("DRAFT");
    }

    @Test
    void billersAndAdminsReadClaimsOfTheirPracticeByStatusWithAPracticeBoundCursor() throws Exception {
        for (int i = 1; i <= 3; i++) {
            Claim claim = new Claim("note-9-C0" + i, "patient-1", "coverage-1", "payer-1", "Medicare", "MCRB1", null, null, null,
                    null, LocalDate.of(2026, 3, 2), "11", ClaimFrequency.ORIGINAL, null, "A-1", List.of("M5450"),
                    List.of(new Charge("97110", List.of("GP"), 2, 33, List.of(1), new BigDecimal("90.00"), "p", LocalDate.of(2026, 3, 2), "11")));
            claims.createIfAbsent(practiceId, new StoredClaim(claim, "note-9", ClaimStatus.SCRUB_PENDING, true, Instant.now(), 1));
        }
        claims.updateStatus(practiceId, "note-9-C03", 1, ClaimStatus.READY);

        JsonNode page = ok(call("GET", "/claims?status=SCRUB_PENDING&limit=1", null, "biller", "b-1"));
        assertThat(page.get("items")).hasSize(1);
        assertThat(page.get("items").get(0).get("id").asText()).isEqualTo("note-9-C01");
        String cursor = page.get("nextCursor").asText();
        JsonNode next = ok(call("GET", "/claims?status=SCRUB_PENDING&cursor=" + cursor, null, "admin", "a-1"));
        assertThat(next.get("items").findValuesAsText("id")).containsExactly("note-9-C02");
        assertThat(call("GET", "/claims?cursor=" + cursor, null, "biller", "b-1", null, "another-practice").getStatusCode()).isEqualTo(400);

        JsonNode claim = ok(call("GET", "/claims/note-9-C01", null, "biller", "b-1"));
        assertThat(claim.get("status").asText()).isEqualTo("SCRUB_PENDING");
        assertThat(claim.get("lines").get(0).get("units").asInt()).isEqualTo(2);
        assertThat(claim.get("totalCharge").decimalValue()).isEqualByComparingTo("90.00");
        assertThat(claim.get("priorAuthorizationNumber").asText()).isEqualTo("A-1");
        assertThat(call("GET", "/claims/note-9-C01", null, "clinician", "c-1").getStatusCode()).isEqualTo(403);
        assertThat(call("GET", "/claims/note-9-C01", null, "biller", "b-1", null, "another-practice").getStatusCode()).isEqualTo(404);
        assertThat(call("GET", "/claims?status=BOGUS", null, "biller", "b-1").getStatusCode()).isEqualTo(400);
    }

    // ---- helpers

    private static List<String> fields(JsonNode problem) {
        List<String> fields = new java.util.ArrayList<>();
        if (problem.has("errors")) {
            problem.get("errors").forEach(e -> fields.add(e.get("field").asText()));
        }
        return fields;
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
