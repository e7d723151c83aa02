package org.therapyops.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.therapyops.billing.Charge;
import org.therapyops.billing.Claim;
import org.therapyops.billing.ClaimFrequency;
import org.therapyops.billing.ClaimStatus;
import org.therapyops.billing.Party;
import org.therapyops.billing.StoredClaim;
import org.therapyops.billing.Subscriber;
import org.therapyops.dynamodb.DynamoClaimRepository;
import org.therapyops.localcloud.LocalCloud;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 837P end to end through the local cloud: two READY claims (put in place through the claim repository, as the
 * scrubber leaves them) → POST /claim-batches → both SUBMITTED → GET /claim-batches/{id}/837 → the file passes
 * pyx12's x12valid with zero errors (its OK status line, no ERROR line and an accepting 999).
 */
class ClaimBatchEndToEndTest {

    private static final LocalDate DOS = LocalDate.of(2026, 6, 15);
    private static final String PYTHON = System.getenv().getOrDefault("PYTHON", "python3");

    @Test
    void readyClaimsAreBatchedSubmittedAndTheDownloaded837PassesPyx12() throws Exception {
        LocalCloud cloud = Cloud.get();
        Practice practice = new Practice(cloud);
        ApiClient biller = new ApiClient(cloud.apiUrl(), cloud.issueToken(practice.id, "biller"));
        DynamoClaimRepository claims = new DynamoClaimRepository(cloud.aws().dynamoDb(), cloud.physicalId("ClaimsTable"));
        String one = "claim-" + UUID.randomUUID();
        String two = "claim-" + UUID.randomUUID();
        for (String id : List.of(one, two)) {
            claims.createIfAbsent(practice.id, new StoredClaim(claim(id), null, ClaimStatus.READY, true, Instant.now(), 2));
        }

        ApiClient.Response posted = biller.post("/claim-batches", "{}");
        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        JsonNode batch = posted.json();
        assertThat(batch.get("claimIds")).extracting(JsonNode::asText).containsExactlyInAnyOrder(one, two);
        for (String id : List.of(one, two)) {
            assertThat(biller.get("/claims/" + id).json().get("status").asText()).isEqualTo("SUBMITTED");
        }

        ApiClient.Response download = biller.get("/claim-batches/" + batch.get("batchId").asText() + "/837");
        assertThat(download.status()).as(download.body()).isEqualTo(200);
        assertThat(download.contentType()).startsWith("application/edi-x12");
        assertThat(download.body()).startsWith("ISA*").contains("*" + batch.get("isa13").asText() + "*");

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

    /** A Medicare PT claim with GP on both lines, the subscriber as the patient (with an address). */
    private static Claim claim(String id) {
        Party billing = new Party("Riverside Therapy", null, "1234567893", "12-3456789", "225100000X",
                new Party.Address("1 Main St", null, "Springfield", "IL", "62701"));
        List<Charge> lines = List.of(
                new Charge("97110", List.of("GP"), 2, 33, List.of(1), new BigDecimal("90.00"), "pt-1", DOS, "11"),
                new Charge("97140", List.of("GP"), 1, 10, List.of(1, 2), new BigDecimal("44.00"), "pt-1", DOS, "11"));
        return new Claim(id, "patient-1", "coverage-1", "payer-1", "Medicare Part B", "MCRB1", billing,
                new Party("Lee", "Dana", "1987654328", null, "225100000X", null), null,
                new Subscriber("1EG4TE5MK73", "Demo", "Alex", LocalDate.of(1958, 4, 12), "F",
                        new Party.Address("2 Oak St", null, "Springfield", "IL", "62702")), DOS, "11",
                ClaimFrequency.ORIGINAL, null, null, List.of("M5450", "M6281"), lines);
    }
}
