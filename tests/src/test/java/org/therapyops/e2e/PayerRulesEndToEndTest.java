package org.therapyops.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.therapyops.localcloud.LocalCloud;
import org.therapyops.localcloud.TokenRequest;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One set of payer rules, end to end through the local cloud: what a payer is configured with through the API is what
 * the authorization-check, charge-capture and claim-scrubber functions apply, each case of issue 10 booked, documented,
 * signed and scrubbed the way staff do it. A payer's own authorization list, its filing days (180 and 30), a payer
 * wanting no telehealth modifier, a Medicare payer rounding per code, a payer lifting authorization, the NEEDS_AUTH
 * booking sent back when a requirement is lifted, and a PTA's session billed under the supervising PT with CQ.
 */
class PayerRulesEndToEndTest {

    /** Dates of service are counted back from the functions' today (UTC), as the scrubber counts filing days. */
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String MBI = "1EG4TE5MK73";

    private static LocalCloud cloud;

    @BeforeAll
    static void cloud() {
        cloud = Cloud.get();
    }

    @Test
    void aCodeOnACommercialPayersOwnListBlocksTheBookingAndItsClaimWithoutANumberIsHeld() {
        RevenueLoop loop = new RevenueLoop(cloud, false);
        String payer = payer(loop, "{\"name\":\"Acme Select\",\"payerId\":\"ACME2\",\"payerType\":\"COMMERCIAL\","
                + "\"authorizationRequired\":\"LISTED\",\"authorizationCodes\":[\"97161\"]}");
        String patient = patient(loop, payer, "ACM100", false);

        String appointment = loop.practice.book(patient, loop.provider, "97161", start(3), 45);
        JsonNode blocked = loop.practice.decided(appointment);
        assertThat(blocked.get("status").asText()).isEqualTo("NEEDS_AUTH");
        assertThat(blocked.at("/decision/reasons/0/code").asText()).isEqualTo("NO_AUTHORIZATION_FOR_CODE");
        ApiClient.Response overridden = loop.practice.api.post("/appointments/" + appointment + "/override",
                "{\"reason\":\"authorization requested by phone\"}");
        assertThat(overridden.status()).as(overridden.body()).isEqualTo(200);

        JsonNode scrub = signAndScrub(loop, loop.clinician, appointment, "[{\"code\":\"97161\",\"minutes\":45}]", null);
        assertThat(scrub.get("status").asText()).isEqualTo("NEEDS_REVIEW");
        assertThat(errors(scrub)).containsExactly("AUTH_NUMBER priorAuthorizationNumber");
        assertThat(scrub.get("payerRulesVersion").asInt()).isEqualTo(1);
    }

    @Test
    void aPayerTaking180DaysTakesAClaimOf100DaysAndOneTaking30RefusesOneOf45() {
        RevenueLoop loop = new RevenueLoop(cloud, false);
        String generous = payer(loop, "{\"name\":\"Acme Long\",\"payerId\":\"ACME3\",\"payerType\":\"COMMERCIAL\",\"timelyFilingDays\":180}");
        String strict = payer(loop, "{\"name\":\"Acme Short\",\"payerId\":\"ACME4\",\"payerType\":\"COMMERCIAL\",\"timelyFilingDays\":30}");

        String old = bookedAndScheduled(loop, patient(loop, generous, "ACM200", true), "97110", start(100));
        JsonNode taken = signAndScrub(loop, loop.clinician, old, "[{\"code\":\"97110\",\"minutes\":30}]", null);
        assertThat(taken.get("status").asText()).as(taken.toString()).isEqualTo("READY");

        String late = bookedAndScheduled(loop, patient(loop, strict, "ACM300", true), "97110", start(45));
        JsonNode refused = signAndScrub(loop, loop.clinician, late, "[{\"code\":\"97110\",\"minutes\":30}]", null);
        assertThat(errors(refused)).containsExactly("TIMELY_FILING dateOfService");
    }

    @Test
    void aPayerWantingNoTelehealthModifierIsBilledWithoutOneAndTheScrubberAgrees() {
        RevenueLoop loop = new RevenueLoop(cloud, false);
        String payer = payer(loop, "{\"name\":\"Acme Virtual\",\"payerId\":\"ACME5\",\"payerType\":\"COMMERCIAL\","
                + "\"telehealth\":{\"modifierRequired\":false}}");
        String appointment = bookedAndScheduled(loop, patient(loop, payer, "ACM400", true), "97110", start(3));

        JsonNode scrub = signAndScrub(loop, loop.clinician, appointment, "[{\"code\":\"97110\",\"minutes\":30}]",
                ",\"telehealth\":\"AUDIO_VIDEO\",\"patientAtHome\":true");
        assertThat(scrub.get("status").asText()).as(scrub.toString()).isEqualTo("READY");
        JsonNode claim = loop.claim(scrub.get("claimId").asText());
        assertThat(claim.at("/lines/0/modifiers").toString()).isEqualTo("[\"GP\"]");
        assertThat(claim.at("/lines/0/placeOfService").asText()).isEqualTo("10");

        // Telehealth places given, no modifier named: the modifier is not set, so the commercial profile's (95) holds in
        // capture and scrubbing alike (before, capture left it off and the scrubber flagged its absence).
        String unset = payer(loop, "{\"name\":\"Acme Places\",\"payerId\":\"ACME8\",\"payerType\":\"COMMERCIAL\","
                + "\"telehealth\":{\"placeOfServiceHome\":\"10\",\"placeOfServiceOther\":\"02\"}}");
        String second = bookedAndScheduled(loop, patient(loop, unset, "ACM410", true), "97110", start(4));
        JsonNode profile = signAndScrub(loop, loop.clinician, second, "[{\"code\":\"97110\",\"minutes\":30}]",
                ",\"telehealth\":\"AUDIO_VIDEO\",\"patientAtHome\":true");
        assertThat(profile.get("status").asText()).as(profile.toString()).isEqualTo("READY");
        assertThat(loop.claim(profile.get("claimId").asText()).at("/lines/0/modifiers").toString()).isEqualTo("[\"GP\",\"95\"]");
    }

    @Test
    void aMedicarePayerRoundingPerCodeIsCapturedPerCodeAndScrubbedTheSame() {
        RevenueLoop loop = new RevenueLoop(cloud, false);
        String payer = payer(loop, "{\"name\":\"Medicare Part B\",\"payerId\":\"MCRB1\",\"payerType\":\"MEDICARE\","
                + "\"unitRounding\":\"PER_CODE\"}");
        String appointment = bookedAndScheduled(loop, patient(loop, payer, MBI, true), "97110", start(3));

        JsonNode scrub = signAndScrub(loop, loop.clinician, appointment,
                "[{\"code\":\"97110\",\"minutes\":20},{\"code\":\"97140\",\"minutes\":20}]", null);
        assertThat(scrub.get("status").asText()).as(scrub.toString()).isEqualTo("READY");
        JsonNode lines = loop.claim(scrub.get("claimId").asText()).get("lines");
        // Per code 20 minutes are one unit each; the 8-minute rule would have made the day's 40 minutes three.
        assertThat(RevenueLoop.stream(lines).map(l -> l.get("units").asInt()).toList()).containsExactly(1, 1);
    }

    @Test
    void aPayerLiftingAuthorizationSchedulesWithoutOneAndLiftingItLaterSendsTheBlockedBookingBack() {
        RevenueLoop loop = new RevenueLoop(cloud, false);
        String none = payer(loop, "{\"name\":\"Acme Open\",\"payerId\":\"ACME6\",\"payerType\":\"COMMERCIAL\","
                + "\"authorizationRequired\":\"NONE\"}");
        String open = loop.practice.book(patient(loop, none, "ACM500", false), loop.provider, "97110", start(-7), 45);
        JsonNode scheduled = loop.practice.decided(open);
        assertThat(scheduled.get("status").asText()).isEqualTo("SCHEDULED");
        assertThat(scheduled.at("/decision/authorizationId").isMissingNode() || scheduled.at("/decision/authorizationId").isNull())
                .isTrue();
        assertThat(scheduled.at("/decision/explanation").asText()).contains("No authorization needed");

        // The commercial profile wants 97110 authorized: blocked, until the payer lifts it from a date before the session.
        ApiClient.Response created = loop.practice.api.post("/payers", "{\"name\":\"Acme Later\",\"payerId\":\"ACME7\","
                + "\"payerType\":\"COMMERCIAL\"}");
        String later = Practice.created(created);
        String blocked = loop.practice.book(patient(loop, later, "ACM600", false), loop.provider, "97110", start(-8), 45);
        assertThat(loop.practice.decided(blocked).get("status").asText()).isEqualTo("NEEDS_AUTH");

        ApiClient.Response lifted = loop.biller.put("/payers/" + later, "{\"name\":\"Acme Later\",\"payerId\":\"ACME7\","
                + "\"payerType\":\"COMMERCIAL\",\"authorizationRequired\":\"NONE\"}", "\"1\"");
        assertThat(lifted.status()).as(lifted.body()).isEqualTo(200);
        assertThat(lifted.json().at("/rules/sources/authorization/source").asText()).isEqualTo("PAYER");
        JsonNode unblocked = loop.practice.api.await("/appointments/" + blocked,
                a -> "SCHEDULED".equals(a.path("status").asText()), WAIT);
        assertThat(unblocked.at("/decision/explanation").asText()).contains("No authorization needed");
        List<String> actions = RevenueLoop.stream(loop.practice.api.get("/appointments/" + blocked + "/audit").json())
                .map(e -> e.get("action").asText()).toList();
        assertThat(actions).containsExactly("BOOK", "DECIDE", "RECHECK", "DECIDE");
    }

    @Test
    void aPtasSessionIsBilledUnderTheSupervisingPtWithCq() {
        RevenueLoop loop = new RevenueLoop(cloud, false);
        String payer = payer(loop, "{\"name\":\"Medicare Part B\",\"payerId\":\"MCRB1\",\"payerType\":\"MEDICARE\"}");
        String assistant = Practice.created(loop.practice.api.post("/providers", "{\"npi\":\"1987654328\",\"firstName\":\"Sam\","
                + "\"lastName\":\"Okafor\",\"discipline\":\"PT\",\"taxonomy\":\"225200000X\",\"credential\":\"PTA\","
                + "\"supervisorId\":\"" + loop.provider + "\"}"));
        ApiClient pta = new ApiClient(cloud.apiUrl(), cloud.issueToken(new TokenRequest(loop.practice.id, "clinician", assistant,
                null, null, null)));
        String appointment = loop.practice.book(patient(loop, payer, MBI, false), assistant, "97110", start(3), 45);
        assertThat(loop.practice.decided(appointment).get("status").asText()).isEqualTo("SCHEDULED");

        JsonNode scrub = signAndScrub(loop, pta, appointment, "[{\"code\":\"97110\",\"minutes\":30},{\"code\":\"97140\",\"minutes\":15}]",
                null);
        assertThat(scrub.get("status").asText()).as(scrub.toString()).isEqualTo("READY");
        JsonNode claim = loop.claim(scrub.get("claimId").asText());
        assertThat(claim.get("renderingProviderNpi").asText()).as("the supervising PT's").isEqualTo("1234567893");
        assertThat(RevenueLoop.stream(claim.get("lines")).map(l -> l.get("modifiers").toString()).toList())
                .containsExactly("[\"GP\",\"CQ\"]", "[\"GP\",\"CQ\"]");
        assertThat(RevenueLoop.stream(claim.get("lines")).map(l -> l.get("renderingProviderId").asText()).distinct().toList())
                .containsExactly(loop.provider);
    }

    // ---- the way staff do it

    private static String payer(RevenueLoop loop, String body) {
        return Practice.created(loop.biller.post("/payers", body));
    }

    /** A patient with an address, covered by the payer since a year ago, with or without an authorization of 97110/97140. */
    private static String patient(RevenueLoop loop, String payer, String memberId, boolean authorized) {
        String patient = Practice.created(loop.practice.api.post("/patients", "{\"firstName\":\"Alex\",\"lastName\":\"Demo\","
                + "\"birthDate\":\"1950-04-12\",\"sex\":\"F\",\"address\":{\"line1\":\"12 Elm Ave\",\"city\":\"Springfield\","
                + "\"state\":\"IL\",\"postalCode\":\"62704\"}}"));
        String coverage = Practice.created(loop.practice.api.post("/patients/" + patient + "/coverages",
                "{\"payerId\":\"" + payer + "\",\"memberId\":\"" + memberId + "\",\"effectiveFrom\":\"" + TODAY.minusDays(400) + "\"}"));
        if (authorized) {
            Practice.created(loop.practice.api.post("/patients/" + patient + "/authorizations", "{\"coverageId\":\"" + coverage + "\","
                    + "\"number\":\"PA-" + memberId + "\",\"serviceCodes\":[\"97110\",\"97140\"],\"unitType\":\"VISITS\",\"quantity\":12,"
                    + "\"startDate\":\"" + TODAY.minusDays(200) + "\",\"endDate\":\"" + TODAY.plusDays(200) + "\"}"));
        }
        return patient;
    }

    private static String bookedAndScheduled(RevenueLoop loop, String patient, String code, String start) {
        String appointment = loop.practice.book(patient, loop.provider, code, start, 45);
        JsonNode decided = loop.practice.decided(appointment);
        assertThat(decided.get("status").asText()).as(decided.toString()).isEqualTo("SCHEDULED");
        return appointment;
    }

    /** Documents the appointment's session, signs it as {@code clinician}, waits for its claim to be scrubbed; the scrub view. */
    private static JsonNode signAndScrub(RevenueLoop loop, ApiClient clinician, String appointment, String lines, String more) {
        String note = Practice.created(clinician.post("/notes", "{\"appointmentId\":\"" + appointment + "\","
                + "\"diagnoses\":[\"M54.50\"],\"placeOfService\":\"11\",\"lines\":" + lines + (more == null ? "" : more) + "}"));
        ApiClient.Response signed = clinician.post("/notes/" + note + "/sign", "{}");
        assertThat(signed.status()).as(signed.body()).isEqualTo(200);
        JsonNode capture = loop.biller.await("/notes/" + note + "/capture", c -> c.path("claimIds").size() > 0, WAIT);
        String claim = capture.get("claimIds").get(0).asText();
        return loop.biller.await("/claims/" + claim + "/scrub", s -> !"SCRUB_PENDING".equals(s.path("status").asText()), WAIT);
    }

    /** The session's start, {@code daysAgo} days before today (negative: after), at 09:00. */
    private static String start(int daysAgo) {
        return TODAY.minusDays(daysAgo) + "T09:00";
    }

    private static List<String> errors(JsonNode scrub) {
        List<String> errors = new ArrayList<>();
        scrub.path("findings").forEach(f -> {
            if ("ERROR".equals(f.get("severity").asText())) {
                errors.add(f.get("ruleId").asText() + " " + f.get("field").asText());
            }
        });
        return errors;
    }
}
