package org.therapyops.bench;

import org.therapyops.billing.Charge;
import org.therapyops.billing.Claim;
import org.therapyops.billing.ClaimFrequency;
import org.therapyops.billing.ClaimMilestones;
import org.therapyops.billing.ClaimStatus;
import org.therapyops.billing.PayerResponse;
import org.therapyops.billing.StoredClaim;
import org.therapyops.billing.remittance.LedgerEntry;
import org.therapyops.billing.remittance.Posting;
import org.therapyops.domain.AppointmentStatus;
import org.therapyops.domain.Authorization;
import org.therapyops.domain.UnitType;
import org.therapyops.dynamodb.ReportingBulkLoad;
import org.therapyops.e2e.ApiClient;
import org.therapyops.e2e.Practice;
import org.therapyops.localcloud.CloudUsage;
import org.therapyops.localcloud.LocalCloud;
import org.therapyops.reporting.Aggregate;
import org.therapyops.reporting.ClaimSnapshot;
import org.therapyops.reporting.Contribution;
import org.therapyops.reporting.Contributions;
import org.therapyops.reporting.ReportingRules;
import org.therapyops.reporting.SessionFact;
import org.therapyops.reporting.WorkItem;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * The dashboard call, {@code GET /reports/summary}, for a practice with 100,000 claims, through the whole local cloud
 * (gateway, JWT authorizer, the API function from its jar, its IAM gate, moto). The reporting table is seeded directly:
 * two years of synthetic claims (with their sessions, postings and authorizations) are run through the reporting's own
 * {@link Contributions} in memory and the resulting aggregates and open worklists written in bulk — not run one by one
 * through booking, notes, scrubbing and the clearinghouse, and without the per-item facts, which no report reads.
 */
public final class SummaryReportBenchmark {

    static final int CLAIMS = 100_000;
    static final int DAYS = 730;
    static final int PAYERS = 8;
    static final int PROVIDERS = 25;
    static final int WARM_UP = 20;
    static final int CALLS = 300;
    static final ZoneId ZONE = ZoneId.of("America/New_York");

    public static void main(String[] args) throws Exception {
        try (LocalCloud cloud = LocalCloud.start(LocalCloud.Options.defaults(ProjectDir.find()).apiPort(0).stackName("therapy-ops-bench"))) {
            Practice practice = new Practice(cloud);
            LocalDate today = LocalDate.now(ZONE);
            long t0 = System.nanoTime();
            Seed seed = seed(today, new Random(100_000));
            long t1 = System.nanoTime();
            ReportingBulkLoad.load(cloud.aws().dynamoDb(), cloud.physicalId("ReportingTable"), practice.id, seed.aggregates(),
                    seed.work().values());
            long t2 = System.nanoTime();
            ApiClient biller = new ApiClient(cloud.apiUrl(), cloud.issueToken(practice.id, "biller"));
            String loadBefore = Report.loadAverage();

            for (int i = 0; i < WARM_UP; i++) {
                call(biller, "/reports/summary");
            }
            List<Double> summary = new ArrayList<>();
            Map<String, Map<String, BigDecimal>> usageBefore = cloud.usage();
            for (int i = 0; i < CALLS; i++) {
                summary.add(call(biller, "/reports/summary"));
            }
            Map<String, BigDecimal> api = CloudUsage.difference(cloud.usage(), usageBefore).getOrDefault("ApiFunction", Map.of());
            List<Double> quarter = new ArrayList<>();
            String ninetyDays = "/reports/summary?from=" + today.minusDays(89) + "&to=" + today;
            for (int i = 0; i < CALLS / 3; i++) {
                quarter.add(call(biller, ninetyDays));
            }
            List<Double> yearByPayer = new ArrayList<>();
            String year = "/reports/claims?groupBy=payer&from=" + today.minusDays(364) + "&to=" + today;
            for (int i = 0; i < CALLS / 30; i++) {
                yearByPayer.add(call(biller, year));
            }
            List<Double> floor = new ArrayList<>();
            for (int i = 0; i < CALLS / 3; i++) {
                floor.add(call(biller, "/settings"));
            }
            String loadAfter = Report.loadAverage();
            String sample = biller.get("/reports/summary").body();
            Map<Aggregate.Kind, Integer> items = new java.util.EnumMap<>(Aggregate.Kind.class);
            seed.aggregates().keySet().forEach(a -> items.merge(a.kind(), 1, Integer::sum));
            long counters = seed.aggregates().values().stream().mapToLong(Map::size).sum();
            new Report("The dashboard call for a practice with 100,000 claims", "SummaryReportBenchmark")
                    .line("`GET /reports/summary` (the 30 days ending today) for one practice, timed from sending to the whole "
                            + "answer, one client, after " + WARM_UP + " warm-up calls, through the gateway, its JWT authorizer, the API "
                            + "function and its IAM gate to moto. The reporting table was seeded directly, not through the workflow: "
                            + CLAIMS + " synthetic claims over " + DAYS + " days (" + PAYERS + " payers, " + PROVIDERS + " providers; "
                            + "older claims mostly paid, recent ones in every state), with their sessions (and a no-show or "
                            + "cancellation for about one in ten), postings and 600 authorizations, each run through the reporting's "
                            + "own `Contributions` in memory; the sums written in bulk in the layout the reporting function keeps: "
                            + seed.aggregates().size() + " aggregate items " + items + " holding " + counters + " counters, and "
                            + seed.work().size() + " open worklist items. The per-item facts (one per claim, posting, session, note, "
                            + "authorization) were not written: no report reads them, and a query of one partition does not pass "
                            + "other partitions' items (on DynamoDB, and on the local cloud's moto through bin/moto-server).")
                    .line("")
                    .line("Seeding: contributions computed in " + Report.ms((t1 - t0) / 1e6) + " ms, written in "
                            + Report.ms((t2 - t1) / 1e6) + " ms. Load average of the machine (1, 5, 15 min) before the calls: "
                            + loadBefore + "; after: " + loadAfter + " (2 cores; other work on the machine lengthens every figure).")
                    .line("")
                    .line("| call | n | p50 ms | p95 ms | max ms |")
                    .line("|---|---|---|---|---|")
                    .line(row("`/reports/summary` (30 days)", summary))
                    .line(row("`/reports/summary` (90 days)", quarter))
                    .line(row("`/reports/claims?groupBy=payer` (365 days)", yearByPayer))
                    .line(row("`/settings` (one GetItem: the path's floor)", floor))
                    .line("")
                    .line("What the summary reads: the practice's settings (one GetItem), the 30 day totals of the range (one query of "
                            + "the day-totals partition), the open A/R by date of service of the last 120 days and its total (one "
                            + "query of the A/R partition, projected to the counters of all payers together; the local capacity meter "
                            + "reads it again unprojected to size what DynamoDB bills), and the open work items counted by kind and day (one query of the work's "
                            + "months) — not the work items themselves. Goal: p95 under 300 ms for the summary. The answer is "
                            + sample.length() + " bytes of JSON.")
                    .line("")
                    .line("Where a 30-day summary call's time goes, as the local cloud counted the " + CALLS + " calls (mean per call): "
                            + perCall(api, "lambdaGbSeconds", 1000 * 1024 / MEMORY_MB) + " ms billed to the API function ("
                            + MEMORY_MB + " MB), of which " + perCall(api, "dynamodbMillis", 1) + " ms waiting for moto's DynamoDB "
                            + "answers and " + perCall(api, "meterMillis", 1) + " ms for the local capacity meter (AWS has no such step); "
                            + perCall(api, "dynamodbRequests", 1) + " DynamoDB requests per call. The rest of the figure above is the "
                            + "gateway, the JWT authorizer and the HTTP hops, the `/settings` row's share of it.")
                    .write();
        }
    }

    /** The API function's memory size in template.yaml, by which the local cloud multiplies billed milliseconds. */
    static final int MEMORY_MB = 1024;

    private static String perCall(Map<String, BigDecimal> usage, String item, int scale) {
        BigDecimal total = usage.getOrDefault(item, BigDecimal.ZERO).multiply(BigDecimal.valueOf(scale));
        return Report.ms(total.doubleValue() / CALLS);
    }

    private static double call(ApiClient client, String path) {
        long t0 = System.nanoTime();
        ApiClient.Response r = client.get(path);
        double ms = (System.nanoTime() - t0) / 1e6;
        if (r.status() != 200) {
            throw new IllegalStateException(path + " answered " + r.status() + ": " + r.body());
        }
        return ms;
    }

    private static String row(String what, List<Double> values) {
        return "| " + what + " | " + values.size() + " | " + Report.ms(Report.percentile(values, 50)) + " | "
                + Report.ms(Report.percentile(values, 95)) + " | " + Report.ms(Report.percentile(values, 100)) + " |";
    }

    // ------------------------------------------------------------------ the synthetic practice

    record Seed(Map<Aggregate, Map<String, BigDecimal>> aggregates, Map<String, WorkItem> work) {
    }

    /** Two years of a busy practice, reduced to what its items contribute (the same code the reporting function runs). */
    static Seed seed(LocalDate today, Random random) {
        Contributions contributions = new Contributions(ReportingRules.load());
        Map<Aggregate, Map<String, BigDecimal>> sums = new HashMap<>();
        Map<String, WorkItem> work = new TreeMap<>();
        String[] reasons = {"197", "16", "97", "4", "11", "18", "29", "50"};
        for (int i = 0; i < CLAIMS; i++) {
            int age = random.nextInt(DAYS);
            LocalDate dos = today.minusDays(age);
            String payer = "payer-" + random.nextInt(PAYERS);
            String provider = "provider-" + random.nextInt(PROVIDERS);
            String id = "claim-" + i;
            Instant created = dos.atTime(17, 0).atZone(ZONE).toInstant().plusSeconds(86_400L * random.nextInt(3));
            Instant scrubbed = created.plusSeconds(5);
            boolean clean = random.nextInt(100) < 94;
            ClaimMilestones m = ClaimMilestones.NONE.scrubbed(clean ? ClaimStatus.READY : ClaimStatus.NEEDS_REVIEW, scrubbed);
            BigDecimal a1 = BigDecimal.valueOf(60 + random.nextInt(40));
            BigDecimal a2 = BigDecimal.valueOf(30 + random.nextInt(20));
            Claim claim = claim(id, payer, provider, dos, a1, a2);
            BigDecimal charge = a1.add(a2);
            ClaimStatus status;
            PayerResponse response = PayerResponse.NONE;
            Posting posting = null;
            if (age < 2) {
                status = clean ? ClaimStatus.READY : ClaimStatus.NEEDS_REVIEW;
            } else if (age < 5 && random.nextInt(10) < 7) {
                status = clean ? ClaimStatus.SUBMITTED : ClaimStatus.NEEDS_REVIEW;
                Instant sent = scrubbed.plusSeconds(86_400);
                m = m.submitted(sent);
                response = PayerResponse.NONE.withSubmission("B" + i, sent);
                if (!clean) {
                    status = ClaimStatus.NEEDS_REVIEW;
                    response = PayerResponse.NONE;
                }
            } else {
                Instant sent = scrubbed.plusSeconds(86_400L * (1 + random.nextInt(2)));
                m = m.submitted(sent);
                response = PayerResponse.NONE.withSubmission("B" + i, sent);
                boolean rejected = random.nextInt(100) < 4;
                Instant answered = sent.plusSeconds(86_400);
                m = m.answered(rejected ? ClaimStatus.REJECTED : ClaimStatus.ACCEPTED, answered, List.of());
                int roll = random.nextInt(100);
                Instant paidAt = sent.plusSeconds(86_400L * (10 + random.nextInt(30)));
                boolean inFlight = paidAt.isAfter(today.atStartOfDay(ZONE).toInstant());
                if (inFlight) {
                    status = rejected ? ClaimStatus.REJECTED : ClaimStatus.ACCEPTED;
                    response = response.withAcknowledgement(new PayerResponse.Acknowledgement("277CA", !rejected, List.of(), null,
                            null, "d" + i, answered));
                } else if (roll < 85) {
                    BigDecimal contractual = charge.multiply(new BigDecimal("0.15")).setScale(2, java.math.RoundingMode.HALF_UP);
                    BigDecimal patient = new BigDecimal("10.00");
                    BigDecimal paid = charge.subtract(contractual).subtract(patient);
                    status = ClaimStatus.PAID;
                    m = m.answered(status, paidAt, List.of());
                    response = response.withRemittance(totals(paid, patient, contractual, paidAt), "P" + i, List.of());
                    posting = posting(id, paidAt, "1", paid, patient, List.of(LedgerEntry.payment(1, paid),
                            LedgerEntry.adjustment(1, "CO", "45", contractual), LedgerEntry.adjustment(1, "PR", "2", patient)));
                } else {
                    String reason = reasons[random.nextInt(reasons.length)];
                    boolean partial = roll < 93;
                    BigDecimal deniedAmount = partial ? a2 : charge;
                    List<PayerResponse.Denial> denials = List.of(new PayerResponse.Denial(partial ? 2 : 1, "97140", deniedAmount,
                            List.of("CO-" + reason), List.of()));
                    BigDecimal paid = partial ? a1 : BigDecimal.ZERO;
                    status = partial ? ClaimStatus.PARTIALLY_PAID : ClaimStatus.DENIED;
                    m = m.answered(status, paidAt, denials);
                    boolean worked = age > 120 || random.nextInt(3) > 0;
                    response = response.withRemittance(totals(paid, BigDecimal.ZERO, deniedAmount, paidAt), "P" + i, worked ? List.of() : denials);
                    if (worked) {
                        response = response.withDenialWork(new PayerResponse.DenialWork("WRITTEN_OFF", null, "biller", paidAt));
                    }
                    posting = posting(id, paidAt, partial ? "1" : "4", paid, BigDecimal.ZERO, List.of(
                            LedgerEntry.adjustment(2, "CO", reason, deniedAmount)));
                }
            }
            StoredClaim stored = new StoredClaim(claim, null, null, status, true, created, 6, response, m);
            add(sums, work, contributions.ofClaim(new ClaimSnapshot(stored, scrubbed), ZONE));
            if (posting != null) {
                add(sums, work, contributions.ofPosting(posting, payer, ZONE));
            }
            // its session, and one no-show or cancellation for every ten sessions or so
            LocalDateTime start = LocalDateTime.of(dos, LocalTime.of(8 + random.nextInt(9), 0));
            add(sums, work, contributions.ofSession(SessionFact.empty("appt-" + i).with(new SessionFact.Appointment(4,
                    AppointmentStatus.COMPLETED, start, provider, "patient-" + i % 9000, null))
                    .with(new SessionFact.Note("note-" + i, 2, age > 1 || random.nextBoolean())), ZONE));
            if (random.nextInt(10) == 0) {
                boolean noShow = random.nextBoolean();
                Instant cancelledAt = start.atZone(ZONE).toInstant().minusSeconds(3600L * random.nextInt(72));
                add(sums, work, contributions.ofSession(SessionFact.empty("miss-" + i).with(new SessionFact.Appointment(3,
                        noShow ? AppointmentStatus.NO_SHOW : AppointmentStatus.CANCELLED, start.plusHours(1), provider,
                        "patient-" + i % 9000, noShow ? null : cancelledAt)), ZONE));
            }
        }
        for (int a = 0; a < 600; a++) {
            LocalDate end = today.plusDays(random.nextInt(200) - 60);
            add(sums, work, contributions.ofAuthorization(new Authorization("auth-" + a, "patient-" + a, "coverage-" + a, "A" + a,
                    Set.of("97110"), UnitType.VISITS, 24, random.nextInt(6), random.nextInt(24), end.minusDays(180), end, null,
                    Instant.EPOCH, 3)));
        }
        sums.values().forEach(counters -> counters.values().removeIf(v -> v.signum() == 0));
        sums.values().removeIf(Map::isEmpty);
        return new Seed(sums, work);
    }

    private static void add(Map<Aggregate, Map<String, BigDecimal>> sums, Map<String, WorkItem> work, Contribution c) {
        c.cells().forEach((cell, v) -> sums.computeIfAbsent(cell.aggregate(), k -> new HashMap<>()).merge(cell.counter(), v, BigDecimal::add));
        work.putAll(c.work());
    }

    private static Claim claim(String id, String payer, String provider, LocalDate dos, BigDecimal a1, BigDecimal a2) {
        List<Charge> lines = List.of(new Charge("97110", List.of("GP"), 2, 30, List.of(1), a1, provider, dos, "11"),
                new Charge("97140", List.of("GP"), 1, 15, List.of(1), a2, provider, dos, "11"));
        return new Claim(id, "patient-" + id.hashCode() % 9000, "coverage", payer, payer, "EDI", null, null, null, null, dos, "11",
                ClaimFrequency.ORIGINAL, null, null, List.of("M5450"), lines);
    }

    private static PayerResponse.RemittanceTotals totals(BigDecimal paid, BigDecimal patient, BigDecimal adjusted, Instant at) {
        return new PayerResponse.RemittanceTotals(paid, patient, adjusted, List.of(), "era", at, 1);
    }

    private static Posting posting(String claimId, Instant at, String status, BigDecimal paid, BigDecimal patient,
                                   List<LedgerEntry> entries) {
        return new Posting("era-" + claimId + "-0", "era-" + claimId, 0, claimId, "d", "T", at.atZone(ZONE).toLocalDate(), status,
                "P", paid, paid, patient, entries, List.of(), at);
    }
}
