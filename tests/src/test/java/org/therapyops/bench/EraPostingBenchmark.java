package org.therapyops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.therapyops.billing.Charge;
import org.therapyops.billing.Claim;
import org.therapyops.billing.ClaimBatch;
import org.therapyops.billing.ClaimFrequency;
import org.therapyops.billing.ClaimStatus;
import org.therapyops.billing.Party;
import org.therapyops.billing.StoredClaim;
import org.therapyops.billing.Subscriber;
import org.therapyops.billing.x12.InMemoryControlNumbers;
import org.therapyops.billing.x12.Receiver;
import org.therapyops.billing.x12.Submitter;
import org.therapyops.billing.x12.X12_837P;
import org.therapyops.billing.x12.sim.SimulatedClearinghouse;
import org.therapyops.domain.PostalAddress;
import org.therapyops.dynamodb.DynamoClaimBatches;
import org.therapyops.dynamodb.DynamoClaimRepository;
import org.therapyops.e2e.ApiClient;
import org.therapyops.e2e.RevenueLoop;
import org.therapyops.localcloud.LocalCloud;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One 835 paying 1,000 claims, posted end to end through the local cloud: 1,000 SUBMITTED claims (put in the Claims
 * table in batches of 99, as POST /claim-batches leaves them), their 837P answered by the simulated clearinghouse
 * (a quarter paid in part, a quarter denied), the ERA posted signed to the webhook door, then applied by the inbound
 * function. Timed from the POST until the ERA is POSTED; then every claim's ledger is read back and must balance.
 */
public final class EraPostingBenchmark {

    private static final int CLAIMS = 1_000;
    private static final LocalDate DOS = LocalDate.of(2026, 11, 16);

    public static void main(String[] args) throws Exception {
        try (LocalCloud cloud = LocalCloud.start(LocalCloud.Options.defaults(ProjectDir.find()).apiPort(0).stackName("therapy-ops-bench"))) {
            RevenueLoop loop = new RevenueLoop(cloud, false);
            String table = cloud.physicalId("ClaimsTable");
            DynamoClaimRepository claims = new DynamoClaimRepository(cloud.aws().dynamoDb(), table);
            DynamoClaimBatches batches = new DynamoClaimBatches(cloud.aws().dynamoDb(), table);
            List<Claim> all = new ArrayList<>();
            for (int i = 0; i < CLAIMS; i++) {
                all.add(claim(i, loop.payer));
            }
            long seeded = System.nanoTime();
            for (int from = 0, batch = 1; from < CLAIMS; from += 99, batch++) {
                List<StoredClaim> ready = new ArrayList<>();
                for (Claim c : all.subList(from, Math.min(CLAIMS, from + 99))) {
                    claims.createIfAbsent(loop.practice.id, new StoredClaim(c, null, ClaimStatus.READY, true, Instant.now(), 2));
                    ready.add(claims.get(loop.practice.id, c.id()).orElseThrow());
                }
                batches.submit(loop.practice.id, new ClaimBatch(ClaimBatch.idOf(batch), batch, batch, batch,
                        ready.stream().map(s -> s.claim().id()).toList(), Instant.now(), "ISA~", null), ready);
            }
            double seedSeconds = (System.nanoTime() - seeded) / 1e9;

            ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
            Clock clock = Clock.fixed(Instant.parse("2026-12-01T14:00:00Z"), ZoneOffset.UTC);
            X12_837P.write(all, new Submitter(loop.practice.id, "Riverside Therapy Group", "RTG01", "Billing Office", "2175550100",
                    null), new Receiver("TEST CLEARINGHOUSE", "CLEARINGHOUSE", false), new InMemoryControlNumbers(), out, clock,
                    X12_837P.COMMERCIAL);
            String era = SimulatedClearinghouse.respond(out.toString(StandardCharsets.US_ASCII), clock).era835();

            long t0 = System.nanoTime();
            ApiClient.Response posted = loop.post("era-1000", Instant.now().getEpochSecond(), "application/edi-x12", era);
            double ackMs = (System.nanoTime() - t0) / 1e6;
            if (posted.status() != 202) {
                throw new IllegalStateException("the ERA was answered " + posted.status() + ": " + posted.body());
            }
            JsonNode remittance = loop.biller.await("/remittances", page -> page.path("items").size() == 1
                    && !page.at("/items/0/status").asText().isEmpty(), java.time.Duration.ofMinutes(10)).at("/items/0");
            double postSeconds = (System.nanoTime() - t0) / 1e9;

            // Where the time goes on moto: the same requests, timed alone against the emulator (no gate, no function).
            double indexMs = timed(() -> claims.claimIdByControlNumber(loop.practice.id,
                    org.therapyops.billing.ClaimControlNumbers.patientControlNumber(all.get(7).id())));
            double getMs = timed(() -> claims.get(loop.practice.id, all.get(7).id()));

            Map<ClaimStatus, Integer> statuses = new EnumMap<>(ClaimStatus.class);
            int balanced = 0;
            BigDecimal paid = BigDecimal.ZERO;
            for (Claim c : all) {
                JsonNode ledger = loop.biller.get("/claims/" + c.id() + "/ledger").json();
                statuses.merge(ClaimStatus.valueOf(ledger.get("status").asText()), 1, Integer::sum);
                paid = paid.add(ledger.get("paid").decimalValue());
                if (ledger.get("postings").size() == 1 && ledger.get("insuranceBalance").decimalValue().signum() == 0) {
                    balanced++;
                }
            }
            if (balanced != CLAIMS || remittance.get("postedCount").asInt() != CLAIMS) {
                throw new IllegalStateException(balanced + " of " + CLAIMS + " ledgers balanced; ERA " + remittance);
            }

            new Report("One 835 of 1,000 claims, posted end to end", "EraPostingBenchmark")
                    .line(CLAIMS + " SUBMITTED two-line claims (97110 2 units, 97140 1 unit) seeded in the Claims table in batches of "
                            + "99 (" + String.format("%.1f", seedSeconds) + " s), their 837P answered by the simulated clearinghouse "
                            + "(member id prefixes: a quarter PARTIAL, a quarter DENIED), the " + era.length() + "-byte 835 posted "
                            + "signed to `POST /webhooks/{id}` and applied by the inbound function (one SQS message; per claim: the "
                            + "ByControlNumber query, the claim read, one TransactWriteItems of ledger entry and claim; a claim's "
                            + "ledger is read only when it had postings before).")
                    .line("")
                    .line("| figure | value |")
                    .line("|---|---|")
                    .line("| webhook acknowledgement of the 835 | " + Report.ms(ackMs) + " ms |")
                    .line("| POST → ERA POSTED (all " + CLAIMS + " claim payments applied) | " + String.format("%.1f s", postSeconds)
                            + " (" + String.format("%.0f", CLAIMS / postSeconds) + " claims/s) |")
                    .line("| ERA status, claim payments posted | " + remittance.get("status").asText() + ", "
                            + remittance.get("postedCount").asInt() + " of " + CLAIMS + " |")
                    .line("| ledgers read back that balance (charge = paid + patient responsibility + adjustments) | " + balanced
                            + " of " + CLAIMS + " |")
                    .line("| claims by status | " + statuses + " |")
                    .line("| paid in all (BPR02) | " + paid.toPlainString() + " (" + remittance.get("amount").asText() + ") |")
                    .line("| one ByControlNumber query, alone against moto (mean of 50) | " + Report.ms(indexMs) + " ms |")
                    .line("| one consistent GetItem of a claim, alone against moto (mean of 50) | " + Report.ms(getMs) + " ms |")
                    .line("")
                    .line("The rate is the emulator's: moto answers every Query (on the table or an index) by walking all the "
                            + "table's items in Python (moto 5.2.1, Table.query), so each claim's lookup grows with the table (" + Report.ms(indexMs) + " ms here against "
                            + Report.ms(getMs) + " ms for a GetItem), and bin/moto-server serializes DynamoDB requests. On DynamoDB "
                            + "both are single-digit-millisecond key lookups; this run shows correctness at size (every ledger "
                            + "balanced, nothing posted twice), not AWS's speed.")
                    .write();
        }
    }

    private static double timed(Runnable request) {
        long t0 = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            request.run();
        }
        return (System.nanoTime() - t0) / 50 / 1e6;
    }

    private static Claim claim(int i, String payerId) {
        String prefix = i % 4 == 1 ? "PARTIAL" : i % 4 == 2 ? "DENIED" : "PAID";
        Party billing = new Party("Riverside Therapy Group", null, "1245319599", "123456789", "261QR0400X",
                new PostalAddress("100 River Rd", null, "Springfield", "IL", "627011234"));
        Subscriber subscriber = new Subscriber(prefix + String.format("%06d", i), "Demo", "Alex", LocalDate.of(1958, 4, 12), "F",
                new PostalAddress("12 Elm Ave", null, "Springfield", "IL", "62704"));
        List<Charge> lines = List.of(
                new Charge("97110", List.of("GP"), 2, 30, List.of(1), new BigDecimal("90.00"), "pt-1", DOS, "11"),
                new Charge("97140", List.of("GP"), 1, 15, List.of(1), new BigDecimal("44.00"), "pt-1", DOS, "11"));
        return new Claim(String.format("bench-%04d", i), "patient-" + i, "coverage-" + i, payerId, "Acme Health", "ACME1", billing,
                new Party("Rivera", "Jordan", "1234567893", null, "225100000X", null), null, subscriber, DOS, "11",
                ClaimFrequency.ORIGINAL, null, null, List.of("M5450"), lines);
    }
}
