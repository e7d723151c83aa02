package org.therapyops.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.therapyops.localcloud.LocalCloud;
import org.therapyops.localcloud.TokenRequest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * From note to 837P through the local cloud, every step by the API and the functions as deployed: a practice with a
 * billing profile; two Medicare PT sessions booked, documented and signed by the rendering clinician. The patient
 * with an address on file gets a READY claim; the one without gets NEEDS_REVIEW with exactly the subscriber-address
 * finding, and READY once the front desk records the address and the biller refreshes the claim. Both are batched,
 * SUBMITTED, and the downloaded 837P passes pyx12's x12valid with zero errors (its OK line, no ERROR line, an
 * accepting 999).
 */
class ClaimBatchEndToEndTest {

    private static final String PYTHON = System.getenv().getOrDefault("PYTHON", "python3");
    private static final String ADDRESS = "{\"line1\":\"12 Elm Ave\",\"city\":\"Springfield\",\"state\":\"IL\",\"postalCode\":\"62704\"}";

    @Test
    void signedNotesBecomeScrubbedClaimsThenOneSubmitted837ThatPassesPyx12() throws Exception {
        LocalCloud cloud = Cloud.get();
        Practice practice = new Practice(cloud);
        ApiClient biller = new ApiClient(cloud.apiUrl(), cloud.issueToken(practice.id, "biller"));
        ApiClient.Response profile = practice.api.put("/billing-profile", """
                {"organizationName": "Riverside Therapy Group", "npi": "1245319599", "taxId": "12-3456789",
                 "taxonomy": "261QR0400X",
                 "address": {"line1": "100 River Rd", "city": "Springfield", "state": "IL", "postalCode": "62701-1234"},
                 "submitter": {"id": "RTG01", "contactName": "Billing Office", "phone": "2175550100"}}""", "\"0\"");
        assertThat(profile.status()).as(profile.body()).isEqualTo(200);
        String payer = Practice.created(practice.api.post("/payers",
                "{\"name\":\"Medicare Part B\",\"payerId\":\"MCRB1\",\"payerType\":\"MEDICARE\"}"));
        String provider = Practice.created(practice.api.post("/providers", "{\"npi\":\"1234567893\",\"firstName\":\"Jordan\","
                + "\"lastName\":\"Rivera\",\"discipline\":\"PT\",\"taxonomy\":\"225100000X\"}"));
        ApiClient clinician = new ApiClient(cloud.apiUrl(),
                cloud.issueToken(new TokenRequest(practice.id, "clinician", provider, null, null, null)));

        String withAddress = patient(practice, "Demo", ADDRESS);
        String withoutAddress = patient(practice, "Example", null);
        String readyClaim = signedNoteClaim(practice, clinician, biller, withAddress, payer, provider, "2026-12-07T09:00");
        String reviewClaim = signedNoteClaim(practice, clinician, biller, withoutAddress, payer, provider, "2026-12-07T11:00");

        JsonNode ready = scrubbed(biller, readyClaim);
        assertThat(ready.get("status").asText()).as(ready.toString()).isEqualTo("READY");
        assertThat(errors(ready)).isEmpty();
        JsonNode review = scrubbed(biller, reviewClaim);
        assertThat(review.get("status").asText()).isEqualTo("NEEDS_REVIEW");
        assertThat(errors(review)).containsExactly("SUBSCRIBER_ADDRESS subscriber.address");

        ApiClient.Response fixed = practice.api.put("/patients/" + withoutAddress, "{\"firstName\":\"Alex\",\"lastName\":\"Example\","
                + "\"birthDate\":\"1958-04-12\",\"sex\":\"M\",\"address\":" + ADDRESS + "}", "\"1\"");
        assertThat(fixed.status()).as(fixed.body()).isEqualTo(200);
        ApiClient.Response refreshed = biller.put("/claims/" + reviewClaim, "{\"refreshFromPracticeData\":true}",
                "\"" + review.get("version").asLong() + "\"");
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        assertThat(biller.await("/claims/" + reviewClaim + "/scrub", s -> "READY".equals(s.path("status").asText()),
                Duration.ofSeconds(60)).get("status").asText()).isEqualTo("READY");

        ApiClient.Response posted = biller.post("/claim-batches", "{}");
        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        JsonNode batch = posted.json();
        assertThat(batch.get("claimIds")).extracting(JsonNode::asText).containsExactlyInAnyOrder(readyClaim, reviewClaim);
        for (String id : List.of(readyClaim, reviewClaim)) {
            assertThat(biller.get("/claims/" + id).json().get("status").asText()).isEqualTo("SUBMITTED");
        }

        ApiClient.Response download = biller.get("/claim-batches/" + batch.get("batchId").asText() + "/837");
        assertThat(download.status()).as(download.body()).isEqualTo(200);
        assertThat(download.contentType()).startsWith("application/edi-x12");
        assertThat(download.body()).startsWith("ISA*").contains("*" + batch.get("isa13").asText() + "*")
                .contains("~NM1*85*2*RIVERSIDE THERAPY GROUP*****XX*1245319599~N3*100 RIVER RD~N4*SPRINGFIELD*IL*627011234~REF*EI*123456789~")
                .contains("~SV1*HC:97110:GP*90*UN*2*").contains("~SV1*HC:97140:GP*44*UN*1*");
        assertThat(download.body().split("~CLM\\*", -1)).hasSize(3);
        for (String id : List.of(readyClaim, reviewClaim)) {
            String clm01 = batch.at("/patientControlNumbers/" + id).asText();
            assertThat(clm01).hasSizeBetween(1, 20);
            assertThat(download.body()).contains("~CLM*" + clm01 + "*134*");
        }

        Path file = Files.createTempDirectory("batch-837-").resolve("batch.837").toAbsolutePath();
        Files.writeString(file, download.body(), StandardCharsets.US_ASCII);
        String output = x12valid(file);
        List<String> lines = output.lines().toList();
        assertThat(lines).as(output).contains(file + ": OK");
        assertThat(lines).as(output).noneMatch(l -> l.contains(" ERROR "));
        Path ack = Path.of(file + ".997");
        String ack999 = Files.exists(ack) ? Files.readString(ack, StandardCharsets.US_ASCII) : "";
        assertThat(ack999).as(output).contains("IK5*A").contains("AK9*A");

        ApiClient.Response again = biller.post("/claim-batches", "{}");
        assertThat(again.status()).as(again.body()).isEqualTo(422);
        ApiClient.Response correctSubmitted = biller.put("/claims/" + readyClaim, "{\"refreshFromPracticeData\":true}",
                "\"" + biller.get("/claims/" + readyClaim).json().get("version").asLong() + "\"");
        assertThat(correctSubmitted.status()).isEqualTo(409);
        assertThat(correctSubmitted.json().get("type").asText()).endsWith("/claim-submitted");
    }

    private static String patient(Practice practice, String lastName, String address) {
        return Practice.created(practice.api.post("/patients", "{\"firstName\":\"Alex\",\"lastName\":\"" + lastName + "\","
                + "\"birthDate\":\"1958-04-12\",\"sex\":\"M\"" + (address == null ? "" : ",\"address\":" + address) + "}"));
    }

    /** Books a 45-minute 97110 session, documents 33 min of 97110 and 7 of 97140, signs it; the claim's id. */
    private static String signedNoteClaim(Practice practice, ApiClient clinician, ApiClient biller, String patient, String payer,
                                          String provider, String start) {
        String coverage = Practice.created(practice.api.post("/patients/" + patient + "/coverages",
                "{\"payerId\":\"" + payer + "\",\"memberId\":\"1EG4TE5MK73\",\"effectiveFrom\":\"2026-01-01\"}"));
        practice.authorization(patient, coverage, "97110", "VISITS", 12, "2026-01-01", "2026-12-31");
        String appointment = practice.book(patient, provider, "97110", start, 45);
        assertThat(practice.decided(appointment).get("status").asText()).isEqualTo("SCHEDULED");
        String note = Practice.created(clinician.post("/notes", "{\"appointmentId\":\"" + appointment + "\","
                + "\"diagnoses\":[\"M54.50\",\"M25.561\"],\"placeOfService\":\"11\","
                + "\"lines\":[{\"code\":\"97110\",\"minutes\":33},{\"code\":\"97140\",\"minutes\":7}]}"));
        ApiClient.Response signed = clinician.post("/notes/" + note + "/sign", "{}");
        assertThat(signed.status()).as(signed.body()).isEqualTo(200);
        JsonNode page = biller.await("/claims?patientId=" + patient, p -> hasClaimOf(p, note), Duration.ofSeconds(60));
        for (JsonNode claim : page.get("items")) {
            if (note.equals(claim.path("noteId").asText())) {
                return claim.get("id").asText();
            }
        }
        throw new AssertionError("no claim for note " + note);
    }

    private static boolean hasClaimOf(JsonNode page, String note) {
        for (JsonNode claim : page.path("items")) {
            if (note.equals(claim.path("noteId").asText())) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode scrubbed(ApiClient biller, String claimId) {
        return biller.await("/claims/" + claimId + "/scrub", s -> !"SCRUB_PENDING".equals(s.path("status").asText()),
                Duration.ofSeconds(60));
    }

    /** The error findings as "RULE field". */
    private static List<String> errors(JsonNode scrub) {
        List<String> errors = new ArrayList<>();
        scrub.path("findings").forEach(f -> {
            if ("ERROR".equals(f.get("severity").asText())) {
                errors.add(f.get("ruleId").asText() + " " + f.get("field").asText());
            }
        });
        return errors;
    }

    private static String x12valid(Path file) throws IOException, InterruptedException {
        if (run(List.of(PYTHON, "-c", "import pyx12")).exit != 0) {
            Result install = run(List.of(PYTHON, "-m", "pip", "install", "-q", "pyx12==4.0.0"));
            assertThat(install.exit).as(install.output).isZero();
        }
        Result r = run(List.of(PYTHON, "-m", "pyx12.scripts.x12valid", file.toString()));
        assertThat(r.exit).as(r.output).isZero();
        return r.output;
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " timed out");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
