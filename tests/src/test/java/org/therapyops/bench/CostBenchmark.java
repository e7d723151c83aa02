package org.therapyops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.therapyops.e2e.ApiClient;
import org.therapyops.localcloud.CloudUsage;
import org.therapyops.localcloud.LocalCloud;
import org.therapyops.localcloud.SimulatedClearinghouseResponder;
import org.therapyops.localcloud.TokenRequest;
import org.therapyops.metering.InvocationMeter;
import org.therapyops.metering.PriceTable;
import org.therapyops.metering.UsageItem;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What 1,000 full sessions cost on the serverless deployment, counted from the real requests of a run on the local
 * cloud: each session is booked, decided by the authorization check, completed, documented and signed (charge capture
 * makes its claim, the scrubber scrubs it), submitted in the day's 837P batch, answered by the simulated clearinghouse
 * (999, 277CA, 835 posted as signed webhooks, received, kept in S3, queued, applied by the inbound function), kept in
 * the reports by the reporting function, and each day's work ends with the practice's dashboard call. Practices run in
 * parallel, one day of sessions at a time; the driver waits by reading moto directly, so that waiting costs nothing.
 *
 * <p>The counts are the local cloud's ({@link LocalCloud#usage()}): invocations and billed durations at the Runtime
 * API, HTTP API requests at the gateway, every DynamoDB (by AWS's capacity rules), SQS, SES and S3 request at each
 * function's IAM gate, the SQS event source mappings' own requests — the difference between before and after the
 * sessions. They are priced with the price table the cost report uses, and compared with what the functions' own cost
 * meter wrote to the usage table in the same time. Run: {@code bin/bench CostBenchmark} (system property
 * {@code cost.sessions}, default 1000, for a shorter run).
 */
public final class CostBenchmark {

    static final int PRACTICES = 4;
    static final int SLOTS = 9; // sessions per practice and day: 08:00 … 16:00
    static final int PATIENTS = 50; // per practice
    static final Duration WAIT = Duration.ofMinutes(5);
    static final YearMonth MONTH = YearMonth.now(ZoneOffset.UTC);

    /** The local cloud's item ids and the usage items they are priced as. */
    static final Map<String, UsageItem> PRICED = Map.ofEntries(
            Map.entry("lambdaRequests", UsageItem.LAMBDA_REQUESTS),
            Map.entry("lambdaGbSeconds", UsageItem.LAMBDA_GB_SECONDS),
            Map.entry("dynamodbReadRequestUnits", UsageItem.DYNAMODB_READ_UNITS),
            Map.entry("dynamodbWriteRequestUnits", UsageItem.DYNAMODB_WRITE_UNITS),
            Map.entry("dynamodbRefusedWriteUnits", UsageItem.DYNAMODB_WRITE_UNITS),
            Map.entry("sqsRequests", UsageItem.SQS_REQUESTS),
            Map.entry("sesEmails", UsageItem.SES_EMAILS),
            Map.entry("httpApiRequests", UsageItem.HTTP_API_REQUESTS),
            Map.entry("s3PutCopyPostListRequests", UsageItem.S3_WRITE_REQUESTS),
            Map.entry("s3GetAndOtherRequests", UsageItem.S3_READ_REQUESTS),
            Map.entry("s3StorageGbMonths", UsageItem.S3_STORAGE_GB_MONTHS));

    public static void main(String[] args) throws Exception {
        int sessions = Integer.getInteger("cost.sessions", 1000);
        int perPractice = (sessions + PRACTICES - 1) / PRACTICES;
        try (LocalCloud cloud = LocalCloud.start(LocalCloud.Options.defaults(ProjectDir.find()).apiPort(0)
                .stackName("therapy-ops-cost").clearinghouseResponder(new SimulatedClearinghouseResponder()))) {
            DynamoDbClient direct = cloud.aws().dynamoDb();
            List<Practice> practices = new ArrayList<>();
            for (int i = 0; i < PRACTICES; i++) {
                practices.add(new Practice(cloud, i));
            }
            awaitQuiet(cloud, Duration.ofSeconds(10));
            Map<String, long[]> faultsBefore = faults(cloud);
            Map<String, Map<String, BigDecimal>> before = cloud.usage();
            Map<String, Map<String, BigDecimal>> meteredBefore = metered(direct, cloud, practices);
            String loadBefore = Report.loadAverage();
            long t0 = System.nanoTime();

            ExecutorService pool = Executors.newFixedThreadPool(PRACTICES);
            List<Future<Integer>> runs = new ArrayList<>();
            for (Practice p : practices) {
                runs.add(pool.submit(() -> p.run(perPractice, direct)));
            }
            int done = 0;
            for (Future<Integer> f : runs) {
                done += f.get();
            }
            pool.shutdown();
            long t1 = System.nanoTime();
            awaitQuiet(cloud, Duration.ofSeconds(15));
            long t2 = System.nanoTime();
            String loadAfter = Report.loadAverage();
            StringBuilder failed = new StringBuilder();
            faults(cloud).forEach((fn, n) -> {
                long[] b = faultsBefore.getOrDefault(fn, new long[2]);
                if (n[0] > b[0] || n[1] > b[1]) {
                    failed.append(failed.length() == 0 ? "" : ", ").append(fn).append(": ").append(n[0] - b[0])
                            .append(" failed invocation(s), ").append(n[1] - b[1]).append(" restart(s)");
                }
            });
            Map<String, Map<String, BigDecimal>> counted = CloudUsage.difference(cloud.usage(), before);
            Map<String, Map<String, BigDecimal>> metered = CloudUsage.difference(metered(direct, cloud, practices), meteredBefore);
            JsonNode sample = new com.fasterxml.jackson.databind.ObjectMapper().enable(
                    com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .readTree(practices.get(0).biller.get("/reports/cost?month=" + MONTH).body());
            write(done, counted, metered, sample, before, (t1 - t0) / 1e9, (t2 - t1) / 1e9, loadBefore, loadAfter,
                    failed.length() == 0 ? "none" : failed.toString());
        }
    }

    // ------------------------------------------------------------------ one practice's sessions

    /** A practice billing one commercial payer through the simulated clearinghouse, with its patients and their authorizations. */
    static final class Practice {
        final String id;
        final int index;
        final ApiClient admin;
        final ApiClient biller;
        final ApiClient clinician;
        final String provider;
        final List<String> patients = new ArrayList<>();
        final String appointments;
        final String notes;
        final String claims;

        Practice(LocalCloud cloud, int index) {
            this.index = index;
            org.therapyops.e2e.Practice p = new org.therapyops.e2e.Practice(cloud);
            this.id = p.id;
            this.admin = p.api;
            expect(admin.put("/billing-profile", """
                    {"organizationName": "Riverside Therapy Group", "npi": "1245319599", "taxId": "12-3456789",
                     "taxonomy": "261QR0400X",
                     "address": {"line1": "100 River Rd", "city": "Springfield", "state": "IL", "postalCode": "62701-1234"},
                     "submitter": {"id": "RTG01", "contactName": "Billing Office", "phone": "2175550100"}}""", "\"0\""), 200);
            String payer = created(admin.post("/payers", "{\"name\":\"Acme Health\",\"payerId\":\"ACME1\",\"payerType\":\"COMMERCIAL\"}"));
            this.provider = created(admin.post("/providers", "{\"npi\":\"1234567893\",\"firstName\":\"Jordan\","
                    + "\"lastName\":\"Rivera\",\"discipline\":\"PT\",\"taxonomy\":\"225100000X\"}"));
            this.biller = new ApiClient(cloud.apiUrl(), cloud.issueToken(id, "biller"));
            this.clinician = new ApiClient(cloud.apiUrl(), cloud.issueToken(new TokenRequest(id, "clinician", provider, null, null, null)));
            JsonNode integration = expect(admin.post("/integrations", "{\"name\":\"Simulated clearinghouse\",\"kind\":\"clearinghouse\"}"), 201).json();
            cloud.clearinghouse().connect(id, integration.get("id").asText(), integration.get("secret").asText());
            for (int i = 0; i < PATIENTS; i++) {
                String patient = created(admin.post("/patients", "{\"firstName\":\"Alex\",\"lastName\":\"Demo\","
                        + "\"birthDate\":\"1958-04-12\",\"sex\":\"F\",\"address\":{\"line1\":\"12 Elm Ave\",\"city\":\"Springfield\","
                        + "\"state\":\"IL\",\"postalCode\":\"62704\"}}"));
                String coverage = created(admin.post("/patients/" + patient + "/coverages", "{\"payerId\":\"" + payer
                        + "\",\"memberId\":\"M" + index + "X" + i + "\",\"effectiveFrom\":\"2026-01-01\"}"));
                created(admin.post("/patients/" + patient + "/authorizations", "{\"coverageId\":\"" + coverage + "\","
                        + "\"number\":\"ACME-" + i + "\",\"serviceCodes\":[\"97110\",\"97140\"],\"unitType\":\"VISITS\",\"quantity\":60,"
                        + "\"startDate\":\"2026-01-01\",\"endDate\":\"2027-12-31\"}"));
                patients.add(patient);
            }
            this.appointments = cloud.physicalId("AppointmentsTable");
            this.notes = cloud.physicalId("NotesTable");
            this.claims = cloud.physicalId("ClaimsTable");
        }

        /** Runs the sessions a day at a time; the number of sessions whose claim ended PAID. */
        int run(int sessions, DynamoDbClient direct) throws InterruptedException {
            int paid = 0;
            LocalDate day = MONTH.atDay(1);
            int n = 0;
            while (n < sessions) {
                int today = Math.min(SLOTS, sessions - n);
                List<String> booked = new ArrayList<>();
                for (int s = 0; s < today; s++) {
                    String patient = patients.get((n + s) % patients.size());
                    String start = day + "T" + String.format(Locale.ROOT, "%02d", 8 + s) + ":00";
                    booked.add(created(admin.post("/appointments", "{\"patientId\":\"" + patient + "\",\"providerId\":\"" + provider
                            + "\",\"serviceCode\":\"97110\",\"start\":\"" + start + "\",\"durationMinutes\":45}")));
                }
                for (String a : booked) {
                    String status = await(direct, appointments, "APPOINTMENT#" + a, "status", v -> !v.equals("REQUESTED"));
                    if (!status.equals("SCHEDULED")) {
                        throw new IllegalStateException("appointment " + a + " decided " + status);
                    }
                }
                List<String> signed = new ArrayList<>();
                for (String a : booked) {
                    expect(admin.post("/appointments/" + a + "/complete", "{}"), 200);
                    String note = created(clinician.post("/notes", "{\"appointmentId\":\"" + a + "\",\"diagnoses\":[\"M54.50\"],"
                            + "\"placeOfService\":\"11\",\"lines\":[{\"code\":\"97110\",\"minutes\":30},{\"code\":\"97140\",\"minutes\":15}]}"));
                    expect(clinician.post("/notes/" + note + "/sign", "{}"), 200);
                    signed.add(note);
                }
                List<String> ready = new ArrayList<>();
                for (String note : signed) {
                    String claim = awaitClaimOf(direct, note);
                    String status = await(direct, claims, "CLAIM#" + claim, "status", v -> !v.equals("SCRUB_PENDING"));
                    if (!status.equals("READY")) {
                        throw new IllegalStateException("claim " + claim + " scrubbed " + status);
                    }
                    ready.add(claim);
                }
                expect(biller.post("/claim-batches", "{\"claimIds\":[\"" + String.join("\",\"", ready) + "\"]}"), 201);
                for (String claim : ready) {
                    String status = await(direct, claims, "CLAIM#" + claim, "status", v -> v.equals("PAID") || v.equals("DENIED")
                            || v.equals("REJECTED") || v.equals("PARTIALLY_PAID"));
                    if (status.equals("PAID")) {
                        paid++;
                    }
                }
                expect(biller.get("/reports/summary"), 200);
                n += today;
                day = day.plusDays(1);
                if (day.getMonth() != MONTH.getMonth()) {
                    throw new IllegalStateException("more sessions than slots in " + MONTH + ": lower cost.sessions");
                }
                System.out.println("[cost] practice " + index + ": " + n + " of " + sessions + " sessions");
            }
            return paid;
        }

        private String awaitClaimOf(DynamoDbClient direct, String note) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                Map<String, AttributeValue> item = get(direct, claims, "CAPTURE#" + note);
                if (item != null && item.get("claimIds") != null && !item.get("claimIds").l().isEmpty()) {
                    return item.get("claimIds").l().get(0).s();
                }
                Thread.sleep(50);
            }
            throw new IllegalStateException("note " + note + " made no claim within " + WAIT);
        }

        private String await(DynamoDbClient direct, String table, String sk, String attribute,
                             java.util.function.Predicate<String> condition) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            String last = null;
            while (System.nanoTime() < deadline) {
                Map<String, AttributeValue> item = get(direct, table, sk);
                last = item == null || item.get(attribute) == null ? null : item.get(attribute).s();
                if (last != null && condition.test(last)) {
                    return last;
                }
                Thread.sleep(50);
            }
            throw new IllegalStateException(sk + " still " + last + " after " + WAIT);
        }

        private Map<String, AttributeValue> get(DynamoDbClient direct, String table, String sk) {
            Map<String, AttributeValue> item = direct.getItem(b -> b.tableName(table).consistentRead(true)
                    .key(Map.of("pk", AttributeValue.fromS(id), "sk", AttributeValue.fromS(sk)))).item();
            return item == null || item.isEmpty() ? null : item;
        }
    }

    /** Per function: failed invocations and process restarts so far. */
    private static Map<String, long[]> faults(LocalCloud cloud) {
        Map<String, long[]> out = new TreeMap<>();
        cloud.status().functions().forEach(f -> out.put(f.logicalId(), new long[] {f.errors(), f.restarts()}));
        return out;
    }

    /** The response, when it has the status expected; else the run stops with what came instead. */
    static ApiClient.Response expect(ApiClient.Response r, int status) {
        if (r.status() != status) {
            throw new IllegalStateException("HTTP " + r.status() + " (expected " + status + "): " + r.body());
        }
        return r;
    }

    private static String created(ApiClient.Response r) {
        return expect(r, 201).id();
    }

    /** Waits until the local cloud's counts stand still for {@code quiet} (every reaction to the run has happened). */
    static void awaitQuiet(LocalCloud cloud, Duration quiet) throws InterruptedException {
        Map<String, Map<String, BigDecimal>> last = working(cloud.usage());
        long stillSince = System.nanoTime();
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(1000);
            Map<String, Map<String, BigDecimal>> now = working(cloud.usage());
            if (!now.equals(last)) {
                last = now;
                stillSince = System.nanoTime();
            } else if (System.nanoTime() - stillSince >= quiet.toNanos()) {
                return;
            }
        }
        throw new IllegalStateException("the local cloud did not become quiet within 10 minutes");
    }

    /** The counts that mean work (not the mappings' polls of empty streams and queues). */
    private static Map<String, Map<String, BigDecimal>> working(Map<String, Map<String, BigDecimal>> usage) {
        Map<String, Map<String, BigDecimal>> w = new TreeMap<>();
        usage.forEach((owner, items) -> items.forEach((item, v) -> {
            if (!item.equals("streamReads") && !item.equals("sqsEmptyReceives")) {
                w.computeIfAbsent(owner, o -> new TreeMap<>()).put(item, v);
            }
        }));
        return w;
    }

    /** What the functions' cost meter wrote to the usage table this month: practice → step → item (items as ids). */
    static Map<String, Map<String, BigDecimal>> metered(DynamoDbClient direct, LocalCloud cloud, List<Practice> practices) {
        String table = cloud.physicalId("UsageTable");
        Map<String, Map<String, BigDecimal>> out = new TreeMap<>();
        List<String> owners = new ArrayList<>();
        practices.forEach(p -> owners.add(p.id));
        owners.add(InvocationMeter.SHARED);
        for (String owner : owners) {
            new org.therapyops.dynamodb.DynamoUsageStore(direct, table).read(owner, MONTH).forEach((step, usage) ->
                    usage.quantities().forEach((item, q) -> out.computeIfAbsent(owner.equals(InvocationMeter.SHARED)
                            ? InvocationMeter.SHARED + " " + step : step, s -> new TreeMap<>()).merge(item.id(), q, BigDecimal::add)));
        }
        return out;
    }

    // ------------------------------------------------------------------ the figures

    static void write(int sessions, Map<String, Map<String, BigDecimal>> counted, Map<String, Map<String, BigDecimal>> metered,
                      JsonNode sample, Map<String, Map<String, BigDecimal>> startup, double runSeconds, double settleSeconds,
                      String loadBefore, String loadAfter, String failures) {
        PriceTable prices = PriceTable.load();
        BigDecimal perThousand = BigDecimal.valueOf(1000).divide(BigDecimal.valueOf(sessions), MathContext.DECIMAL64);
        Map<UsageItem, BigDecimal> quantity = new LinkedHashMap<>();
        Map<UsageItem, BigDecimal> cost = new LinkedHashMap<>();
        Map<String, BigDecimal> byOwner = new TreeMap<>();
        counted.forEach((owner, items) -> items.forEach((id, q) -> {
            UsageItem item = PRICED.get(id);
            if (item == null) {
                return;
            }
            BigDecimal c = prices.price(item).orElseThrow().cost(q);
            quantity.merge(item, q, BigDecimal::add);
            cost.merge(item, c, BigDecimal::add);
            byOwner.merge(owner, c, BigDecimal::add);
        }));
        BigDecimal total = cost.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        UsageItem dominant = cost.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElseThrow();
        BigDecimal gbs = quantity.getOrDefault(UsageItem.LAMBDA_GB_SECONDS, BigDecimal.ZERO);
        BigDecimal armSaving = gbs.multiply(prices.price(UsageItem.LAMBDA_GB_SECONDS).orElseThrow().unitPrice()
                .subtract(prices.price(UsageItem.LAMBDA_GB_SECONDS, "arm64").orElseThrow().unitPrice()));
        BigDecimal meterMillis = sum(counted, "meterMillis");
        BigDecimal dynamoMillis = sum(counted, "dynamodbMillis");

        Report r = new Report("What full sessions cost on the serverless deployment, per 1,000", "CostBenchmark")
                .line(sessions + " full sessions on the local cloud, " + PRACTICES + " practices in parallel, " + SLOTS + " a day each: "
                        + "`POST /appointments` → the authorization check decides SCHEDULED → `POST /appointments/{id}/complete` → "
                        + "`POST /notes` and `POST /notes/{id}/sign` (clinician) → charge capture makes the claim and queues it → the "
                        + "scrubber makes it READY → `POST /claim-batches` with the day's claims (one 837P) → the simulated "
                        + "clearinghouse answers with a 999, a 277CA and an 835 (signed webhooks to `POST /webhooks/{id}`: kept in "
                        + "S3, queued, applied by the inbound function) → the claim is PAID → the reporting function keeps every "
                        + "change in the reports → the day ends with `GET /reports/summary` (biller). Set-up (practices, "
                        + PATIENTS + " patients each with coverage and authorization) is not counted. The driver waits by reading "
                        + "moto directly, so its waiting is not counted either.")
                .line("")
                .line("Counted by the local cloud from the run's real requests, as the difference of its counts before the first "
                        + "session and after the last reaction (" + String.format(Locale.ROOT, "%.0f", runSeconds) + " s of sessions, "
                        + String.format(Locale.ROOT, "%.0f", settleSeconds) + " s until 15 s without work): invocations and billed "
                        + "durations (each rounded up to the millisecond, × the function's 1024 MB) at the Runtime API; HTTP API "
                        + "requests at the gateway; each function's DynamoDB requests at its IAM gate, in request units by AWS's "
                        + "rules (`CapacityRules`: item sizes read from moto just before and after each write, filtered reads "
                        + "sized unfiltered, transactions twice, index writes) — moto's own figures are not used; SQS requests "
                        + "(64 KB chunks), SES emails (recipients) and S3 requests and bytes stored at the same gates; and the SQS "
                        + "event source mappings' receives that returned messages and their deletes. Priced with "
                        + "`shared/core/src/main/resources/metering/prices-us-east-1.csv` (us-east-1 list prices, checked "
                        + prices.checked() + ", no free tiers). Machine load average before: " + loadBefore + "; after: " + loadAfter
                        + " (2 cores). Failed invocations and restarts during the run (retried as Lambda retries them): "
                        + failures + ". " + sessions + " claims ended PAID.")
                .line("")
                .line("## Cost")
                .line("")
                .line("| item | quantity | per 1,000 sessions | unit price (USD) | cost per 1,000 sessions (USD) | share |")
                .line("|---|---|---|---|---|---|");
        for (UsageItem item : UsageItem.values()) {
            BigDecimal q = quantity.get(item);
            if (q == null) {
                continue;
            }
            BigDecimal c = cost.get(item);
            r.line("| " + item.id() + " | " + num(q) + " | " + num(q.multiply(perThousand)) + " | "
                    + prices.price(item).orElseThrow().unitPrice().toPlainString() + " | " + usd(c.multiply(perThousand)) + " | "
                    + pct(c, total) + " |");
        }
        r.line("| **total** | | | | **" + usd(total.multiply(perThousand)) + "** | 100 % |")
                .line("")
                .line("Cost per 1,000 sessions: **$" + usd(total.multiply(perThousand)) + "** (goal: at most $0.03). Dominant item: **"
                        + dominant.id() + "** (" + pct(cost.get(dominant), total) + ").")
                .line("")
                .line("## By function")
                .line("")
                .line("| function (or its SQS mapping) | invocations | GB-seconds | RRU | WRU | SQS requests | HTTP API requests | S3 requests | cost per 1,000 sessions (USD) |")
                .line("|---|---|---|---|---|---|---|---|---|");
        counted.forEach((owner, items) -> {
            if (byOwner.get(owner) == null) {
                return;
            }
            r.line("| " + owner + " | " + num(items.get("lambdaRequests")) + " | " + num(items.get("lambdaGbSeconds")) + " | "
                    + num(items.get("dynamodbReadRequestUnits")) + " | "
                    + num(add(items.get("dynamodbWriteRequestUnits"), items.get("dynamodbRefusedWriteUnits"))) + " | "
                    + num(items.get("sqsRequests")) + " | " + num(items.get("httpApiRequests")) + " | "
                    + num(add(items.get("s3PutCopyPostListRequests"), items.get("s3GetAndOtherRequests"))) + " | "
                    + usd(byOwner.get(owner).multiply(perThousand)) + " |");
        });
        Map<String, BigDecimal> wruByTable = new TreeMap<>();
        Map<String, BigDecimal> rruByTable = new TreeMap<>();
        counted.values().forEach(items -> items.forEach((item, q) -> {
            if (item.startsWith("wru@")) {
                wruByTable.merge(item.substring(4), q, BigDecimal::add);
            } else if (item.startsWith("rru@")) {
                rruByTable.merge(item.substring(4), q, BigDecimal::add);
            }
        }));
        BigDecimal wruPrice = prices.price(UsageItem.DYNAMODB_WRITE_UNITS).orElseThrow().unitPrice();
        BigDecimal rruPrice = prices.price(UsageItem.DYNAMODB_READ_UNITS).orElseThrow().unitPrice();
        r.line("")
                .line("DynamoDB by table (what the functions wrote and read there; refused writes apart):")
                .line("")
                .line("| table | WRU | WRU per session | RRU | RRU per session | cost per 1,000 sessions (USD) | share of the total |")
                .line("|---|---|---|---|---|---|---|");
        java.util.Set<String> tables = new java.util.TreeSet<>(wruByTable.keySet());
        tables.addAll(rruByTable.keySet());
        BigDecimal perSession = BigDecimal.ONE.divide(BigDecimal.valueOf(sessions), MathContext.DECIMAL64);
        for (String t : tables) {
            BigDecimal w = wruByTable.getOrDefault(t, BigDecimal.ZERO);
            BigDecimal rr = rruByTable.getOrDefault(t, BigDecimal.ZERO);
            BigDecimal c = w.multiply(wruPrice).add(rr.multiply(rruPrice));
            r.line("| " + t + " | " + num(w) + " | " + num(w.multiply(perSession)) + " | " + num(rr) + " | "
                    + num(rr.multiply(perSession)) + " | " + usd(c.multiply(perThousand)) + " | " + pct(c, total) + " |");
        }
        r.line("")
                .line("Also counted, not priced: " + num(sum(counted, "dynamodbRefusedWrites")) + " DynamoDB writes refused by their "
                        + "condition (their " + num(sum(counted, "dynamodbRefusedWriteUnits")) + " units are in the WRU above: "
                        + "DynamoDB bills them, but reports none with the error); " + num(sum(counted, "sqsEmptyReceives"))
                        + " empty receives by the local SQS mappings (how often an idle queue is polled depends on the poller: "
                        + "Lambda's own pollers long-poll every queue continuously, a fixed cost per queue and month, not per "
                        + "session); " + num(sum(counted, "streamReads")) + " DynamoDB Streams reads by the stream mappings (free "
                        + "when Lambda reads them). Each function's init before the run (one cold start each, billed as Lambda "
                        + "bills INIT): " + num(sum(startup, "lambdaInitGbSeconds")) + " GB-seconds in all, not in the figures "
                        + "above; on AWS every new execution environment pays it once, and the functions' own meter does not "
                        + "see it.")
                .line("")
                .line("## Where the GB-seconds go, and what would lower the cost")
                .line("")
                .line("Of the billed durations, the functions spent " + String.format(Locale.ROOT, "%.0f", dynamoMillis.doubleValue() / 1000)
                        + " s waiting for moto's DynamoDB answers (measured at the gates) and " + String.format(Locale.ROOT, "%.0f",
                        meterMillis.doubleValue() / 1000) + " s waiting while the local capacity meter read item images (which "
                        + "does not happen on AWS); at 1024 MB that is " + num(gb(meterMillis)) + " GB-seconds of the "
                        + num(gbs) + " measured. moto answers a request in milliseconds to tens of milliseconds and serializes "
                        + "DynamoDB requests, so durations here are longer than on AWS; the GB-seconds are what this run "
                        + "measured, not a forecast of AWS's.")
                .line("")
                .line("- arm64 (`Architectures: [arm64]`): the same GB-seconds at the arm64 price would cost $"
                        + usd(armSaving.multiply(perThousand)) + " less per 1,000 sessions (" + pct(armSaving, total) + " of the total), "
                        + "if the durations stayed the same (not measured on arm64 here).")
                .line("- Memory size: GB-seconds are duration × memory; at 512 MB each millisecond costs half, but the CPU share "
                        + "halves too, so durations of CPU-bound work grow. Not measured here: a run with `MemorySize: 512` would say.")
                .line("- Batch sizes and fewer writes: the WRU by function above show where writes are spent; the reporting "
                        + "function's transactions (each change of a claim, note or session: its fact, every day aggregate it "
                        + "touches, each write of a whole item of up to a few KB, twice as a transaction) are the largest; the "
                        + "cost meter's own writes (the usage table) come next.")
                .line("")
                .line("## The functions' own cost meter, against these counts")
                .line("")
                .line("What the functions wrote to the usage table in the same time (all " + PRACTICES + " practices, and the "
                        + "`" + InvocationMeter.SHARED + "` usage no practice caused), by item:")
                .line("")
                .line("| item | metered by the functions | counted by the local cloud |")
                .line("|---|---|---|");
        Map<String, BigDecimal> meteredItems = new TreeMap<>();
        metered.values().forEach(items -> items.forEach((item, q) -> meteredItems.merge(item, q, BigDecimal::add)));
        for (UsageItem item : UsageItem.values()) {
            BigDecimal m = meteredItems.get(item.id());
            BigDecimal c = quantity.get(item);
            if (item == UsageItem.DYNAMODB_REFUSED_WRITES) {
                c = sum(counted, "dynamodbRefusedWrites");
            }
            if (m == null && (c == null || c.signum() == 0)) {
                continue;
            }
            r.line("| " + item.id() + " | " + num(m) + " | " + num(c) + " |");
        }
        r.line("")
                .line("The functions meter each invocation from inside it (its handler's duration, the units DynamoDB reports to "
                        + "it — here the gate reports AWS's — and its own requests); the local cloud counts from outside, so the "
                        + "two differ by what a function cannot see: the runtime's time around the handler, the refused writes' "
                        + "units, the SQS mappings' receives and deletes, the processes' init, invocations that timed out or "
                        + "crashed (their process ends before the meter writes), and the meter's last writes (metered with the "
                        + "next one). Steps the functions metered:")
                .line("")
                .line("| step | lambdaRequests | lambdaGbSeconds | dynamodbReadRequestUnits | dynamodbWriteRequestUnits | httpApiRequests |")
                .line("|---|---|---|---|---|---|");
        metered.forEach((step, items) -> r.line("| " + step + " | " + num(items.get("lambdaRequests")) + " | "
                + num(items.get("lambdaGbSeconds")) + " | " + num(items.get("dynamodbReadRequestUnits")) + " | "
                + num(items.get("dynamodbWriteRequestUnits")) + " | " + num(items.get("httpApiRequests")) + " |"));
        r.line("")
                .line("`GET /reports/cost?month=" + MONTH + "` for the first practice after the run (its set-up included): total $"
                        + usd(sample.path("total").decimalValue()) + ", " + sample.path("sessions").asText() + " sessions, $"
                        + sample.path("costPerSession").decimalValue().setScale(7, RoundingMode.HALF_UP).toPlainString()
                        + " per session, dominant item " + sample.path("dominantItem").asText()
                        + ".")
                .write();
    }

    private static BigDecimal sum(Map<String, Map<String, BigDecimal>> usage, String item) {
        return usage.values().stream().map(m -> m.getOrDefault(item, BigDecimal.ZERO)).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static BigDecimal add(BigDecimal a, BigDecimal b) {
        return (a == null ? BigDecimal.ZERO : a).add(b == null ? BigDecimal.ZERO : b);
    }

    private static BigDecimal gb(BigDecimal millis) {
        return millis.multiply(BigDecimal.valueOf(1024)).divide(BigDecimal.valueOf(1_024_000), MathContext.DECIMAL64);
    }

    private static String num(BigDecimal v) {
        if (v == null) {
            return "0";
        }
        BigDecimal r = v.abs().compareTo(BigDecimal.valueOf(100)) >= 0 ? v.setScale(0, RoundingMode.HALF_UP)
                : v.round(new MathContext(4)).stripTrailingZeros();
        return r.scale() < 0 ? r.setScale(0).toPlainString() : r.toPlainString();
    }

    private static String usd(BigDecimal v) {
        return v.setScale(5, RoundingMode.HALF_UP).toPlainString();
    }

    private static String pct(BigDecimal part, BigDecimal whole) {
        return whole.signum() == 0 ? "–" : part.multiply(BigDecimal.valueOf(100)).divide(whole, 1, RoundingMode.HALF_UP) + " %";
    }
}
