package org.therapyops.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.therapyops.billing.Charge;
import org.therapyops.billing.Claim;
import org.therapyops.billing.ClaimStatus;
import org.therapyops.billing.StoredClaim;
import org.therapyops.dynamodb.DynamoClaimRepository;
import org.therapyops.localcloud.LocalCloud;
import org.therapyops.localcloud.TokenRequest;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Medicare KX from the patient's year to date, end to end: a patient whose earlier Medicare PT claims this year total
 * just under 2026's $2,480 threshold has a note signed whose charges cross it; charge capture, reading the earlier
 * claims through the Claims table's patient index, puts KX on every PT line of the claim (the note crosses on its
 * second line), and the scrubber, counting the same claims, raises no KX finding. A commercial payer's claim and
 * another patient's claim, each far above the threshold, do not count. The earlier claims are put in place through
 * the claim repository, as charge capture writes them. Whether the claim ends READY depends on billing-provider data
 * this test does not set up: it asserts the modifiers and the absence of KX findings only.
 */
class KxEndToEndTest {

    @Test
    void aNoteThatCrossesTheThresholdGetsKxOnEveryPtLineAndTheScrubberAgrees() {
        LocalCloud cloud = Cloud.get();
        Practice practice = new Practice(cloud);
        String medicare = Practice.created(practice.api.post("/payers",
                "{\"name\":\"Medicare Part B\",\"payerId\":\"MCRB1\",\"payerType\":\"MEDICARE\"}"));
        String commercial = Practice.created(practice.api.post("/payers",
                "{\"name\":\"Acme Health\",\"payerId\":\"ACME1\",\"payerType\":\"COMMERCIAL\"}"));
        String patient = practice.patient();
        String otherPatient = practice.patient();
        String provider = practice.provider();
        String coverage = Practice.created(practice.api.post("/patients/" + patient + "/coverages",
                "{\"payerId\":\"" + medicare + "\",\"memberId\":\"1EG4TE5MK73\",\"effectiveFrom\":\"2026-01-01\"}"));
        practice.authorization(patient, coverage, "97110", "VISITS", 12, "2026-01-01", "2026-12-31");

        DynamoClaimRepository claims = new DynamoClaimRepository(cloud.aws().dynamoDb(), cloud.physicalId("ClaimsTable"));
        // $2,350 of Medicare PT this year: $130 under the threshold. The note bills 2 units of 97110 ($90, total 2,440:
        // not over) and 1 of 97140 ($44, total 2,484: over), so the note crosses on its second line.
        claims.createIfAbsent(practice.id, earlier("earlier-" + practice.id, patient, medicare, LocalDate.of(2026, 11, 2), "2350.00"));
        claims.createIfAbsent(practice.id, earlier("commercial-" + practice.id, patient, commercial, LocalDate.of(2026, 11, 3),
                "9000.00"));
        claims.createIfAbsent(practice.id, earlier("other-" + practice.id, otherPatient, medicare, LocalDate.of(2026, 11, 3),
                "9000.00"));

        String appointment = practice.book(patient, provider, "97110", "2026-12-03T10:00", 45);
        assertThat(practice.decided(appointment).get("status").asText()).isEqualTo("SCHEDULED");
        ApiClient clinician = new ApiClient(cloud.apiUrl(),
                cloud.issueToken(new TokenRequest(practice.id, "clinician", provider, null, null, null)));
        ApiClient biller = new ApiClient(cloud.apiUrl(), cloud.issueToken(practice.id, "biller"));
        String note = Practice.created(clinician.post("/notes", "{\"appointmentId\":\"" + appointment + "\","
                + "\"diagnoses\":[\"M54.50\",\"M25.561\"],\"placeOfService\":\"11\","
                + "\"lines\":[{\"code\":\"97110\",\"minutes\":33},{\"code\":\"97140\",\"minutes\":7}]}"));
        ApiClient.Response signed = clinician.post("/notes/" + note + "/sign", "{}");
        assertThat(signed.status()).as(signed.body()).isEqualTo(200);

        String claimId = note + "-C01";
        JsonNode claim = biller.await("/claims/" + claimId, c -> c.has("lines"), Duration.ofSeconds(30));
        JsonNode lines = claim.get("lines");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).get("code").asText()).isEqualTo("97110");
        assertThat(lines.get(0).get("amount").decimalValue()).isEqualByComparingTo("90.00");
        assertThat(lines.get(0).get("modifiers").toString()).isEqualTo("[\"GP\",\"KX\"]");
        assertThat(lines.get(1).get("code").asText()).isEqualTo("97140");
        assertThat(lines.get(1).get("amount").decimalValue()).isEqualByComparingTo("44.00");
        assertThat(lines.get(1).get("modifiers").toString()).isEqualTo("[\"GP\",\"KX\"]");

        JsonNode scrub = biller.await("/claims/" + claimId + "/scrub", s -> s.path("status").asText().matches("READY|NEEDS_REVIEW"),
                Duration.ofSeconds(60));
        List<String> ruleIds = new ArrayList<>();
        scrub.path("findings").forEach(f -> ruleIds.add(f.get("ruleId").asText()));
        assertThat(ruleIds).as(scrub.toString()).doesNotContain("KX_MODIFIER", "KX_THRESHOLD");
    }

    /**
     * A year without a shipped threshold (2027): charge capture decides no KX and the scrubber warns; once the practice's
     * admin sets the year's threshold (PUT /kx-thresholds; the amount here is a test value, not CMS's), the next note of
     * that year is decided against it and scrubbed without the warning.
     */
    @Test
    void aYearsThresholdTheAdminSetsTakesEffectWithoutARelease() {
        LocalCloud cloud = Cloud.get();
        Practice practice = new Practice(cloud);
        String medicare = Practice.created(practice.api.post("/payers",
                "{\"name\":\"Medicare Part B\",\"payerId\":\"MCRB1\",\"payerType\":\"MEDICARE\"}"));
        String patient = practice.patient();
        String provider = practice.provider();
        String coverage = Practice.created(practice.api.post("/patients/" + patient + "/coverages",
                "{\"payerId\":\"" + medicare + "\",\"memberId\":\"1EG4TE5MK73\",\"effectiveFrom\":\"2026-01-01\"}"));
        practice.authorization(patient, coverage, "97110", "VISITS", 12, "2027-01-01", "2027-12-31");
        ApiClient clinician = new ApiClient(cloud.apiUrl(),
                cloud.issueToken(new TokenRequest(practice.id, "clinician", provider, null, null, null)));
        ApiClient biller = new ApiClient(cloud.apiUrl(), cloud.issueToken(practice.id, "biller"));

        JsonNode before = scrubbedNote(practice, clinician, biller, patient, provider, "2027-01-05T10:00");
        assertThat(ruleIds(before.get("scrub"))).contains("KX_THRESHOLD").doesNotContain("KX_MODIFIER");
        assertThat(before.get("claim").at("/lines/0/modifiers").toString()).isEqualTo("[\"GP\"]");

        ApiClient.Response set = practice.api.put("/kx-thresholds",
                "{\"thresholds\":[{\"year\":2027,\"amount\":100,\"reference\":\"test value\"}]}", "\"0\"");
        assertThat(set.status()).as(set.body()).isEqualTo(200);

        JsonNode after = scrubbedNote(practice, clinician, biller, patient, provider, "2027-01-06T10:00");
        assertThat(ruleIds(after.get("scrub"))).doesNotContain("KX_THRESHOLD", "KX_MODIFIER");
        assertThat(after.get("claim").at("/lines/0/modifiers").toString()).isEqualTo("[\"GP\",\"KX\"]");
    }

    /** Books, documents and signs 33 + 7 minutes on the day; the claim and its scrub once scrubbed. */
    private static JsonNode scrubbedNote(Practice practice, ApiClient clinician, ApiClient biller, String patient, String provider,
                                         String start) {
        String appointment = practice.book(patient, provider, "97110", start, 45);
        assertThat(practice.decided(appointment).get("status").asText()).isEqualTo("SCHEDULED");
        String note = Practice.created(clinician.post("/notes", "{\"appointmentId\":\"" + appointment + "\","
                + "\"diagnoses\":[\"M54.50\"],\"placeOfService\":\"11\","
                + "\"lines\":[{\"code\":\"97110\",\"minutes\":33},{\"code\":\"97140\",\"minutes\":7}]}"));
        ApiClient.Response signed = clinician.post("/notes/" + note + "/sign", "{}");
        assertThat(signed.status()).as(signed.body()).isEqualTo(200);
        String claimId = note + "-C01";
        JsonNode scrub = biller.await("/claims/" + claimId + "/scrub", s -> s.path("status").asText().matches("READY|NEEDS_REVIEW"),
                Duration.ofSeconds(60));
        JsonNode claim = biller.await("/claims/" + claimId, c -> c.has("lines"), Duration.ofSeconds(30));
        com.fasterxml.jackson.databind.node.ObjectNode both = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        both.set("claim", claim);
        both.set("scrub", scrub);
        return both;
    }

    private static List<String> ruleIds(JsonNode scrub) {
        List<String> ids = new ArrayList<>();
        scrub.path("findings").forEach(f -> ids.add(f.get("ruleId").asText()));
        return ids;
    }

    /** A READY Medicare or commercial claim of one 97110 GP line of {@code amount}, from a note signed that day. */
    private static StoredClaim earlier(String id, String patient, String payer, LocalDate dos, String amount) {
        Charge line = new Charge("97110", List.of("GP"), 1, 15, List.of(1), new BigDecimal(amount), "pt-earlier", dos, "11");
        Claim claim = Claim.builder().id(id).patientId(patient).coverageId("coverage-earlier").payer(payer, null, null)
                .dateOfService(dos).placeOfService("11").diagnoses(List.of("M5450")).lines(List.of(line)).build();
        Instant signedAt = dos.atTime(17, 0).toInstant(java.time.ZoneOffset.UTC);
        return new StoredClaim(claim, "note-" + id, signedAt, ClaimStatus.READY, true, signedAt.plusSeconds(5), 2);
    }
}
