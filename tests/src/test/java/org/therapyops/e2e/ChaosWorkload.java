package org.therapyops.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.therapyops.localcloud.ClearinghouseSimulator;
import org.therapyops.localcloud.Faults;
import org.therapyops.localcloud.LocalCloud;
import org.therapyops.localcloud.Status;
import org.therapyops.localcloud.TokenRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A randomized workload drawn from a seed, run the way staff, clinicians, billers and the clearinghouse would, through
 * the HTTP API of a local cloud: per practice a payer, a provider, a billing profile, alert recipients and a connected
 * clearinghouse; per patient a coverage (its member id picks what the clearinghouse answers) and an authorization with
 * scarce visits, then more bookings at once than it has visits (a race), a cancellation that frees a visit and a
 * reschedule that takes it, a signed note per scheduled session (some with a place of service the scrubber refuses,
 * corrected by the biller), 837P batches, rejected claims corrected and denied ones replaced and sent again, the ERA
 * sent twice, a payer's authorization update unblocking bookings, and poison inputs for every dead-letter queue.
 *
 * <p>The same seed draws the same workload; what depends on timing (which of a race's bookings win) is labelled so that
 * {@link TableDump} can compare runs: every id the workload learns gets a label, each race's appointments a group.
 */
public final class ChaosWorkload {

    /**
     * How big a run is; {@code threads} patients are worked on at once. {@code ownCloud}: the run has the local cloud
     * to itself, with visibility timeouts scaled down: poison goes to every queue too, and settling waits for every
     * queue to be empty; on a shared cloud only the run's own records are waited for (and the stream gets its poison).
     */
    public record Spec(long seed, int practices, int patientsPerPractice, int threads, boolean ownCloud) {
        public static Spec small(long seed) {
            return new Spec(seed, 2, 4, 8, true);
        }

        public Spec onSharedCloud() {
            return new Spec(seed, practices, patientsPerPractice, threads, false);
        }
    }

    /**
     * What a run did: ids and their labels, the races, the patient control numbers (of claim ids), the practices and
     * integrations it made (whose items are the run's), the poison it sent (by queue), counts and how long it took.
     */
    public record Result(Map<String, String> labels, List<Race> races, Map<String, String> claimControlNumbers,
                         List<String> practiceIds, List<String> integrationIds, Map<String, Integer> counts,
                         List<String> poisonDelivered, long elapsedMs) {

        /** Whether a table item is this run's: keyed by one of its practices, or the webhook door of its integration. */
        public boolean owns(TableDump.Row row) {
            String pk = row.item().path("pk").asText("");
            return practiceIds.contains(pk) || integrationIds.stream().anyMatch(i -> pk.equals("WEBHOOK#" + i));
        }
    }

    /** The appointments booked at once against one authorization's last visits, and their time slots. */
    public record Race(String group, String date, List<String> appointmentIds, List<String> noteIds) {
    }

    /** How long one request may wait: a function restarted after a kill starts cold, on a loaded machine for most of 30 s. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);
    static final Duration WAIT = Duration.ofSeconds(Long.getLong("chaos.wait.seconds", 180));

    /**
     * A local cloud for a run of its own: visibility timeouts and retry delays times {@code timeScale}, and the leases
     * that must stay below them shortened to match (the notifier's below NotifyQueue's 180 s, the inbound function's
     * below InboundQueue's 1,800 s); with {@code faults} (or {@link Faults#none()}), two instances of each function and
     * three of the API when any fault is on.
     */
    public static LocalCloud.Options cloud(String stack, double timeScale, Faults faults) {
        double notifyScale = Math.max(timeScale, 6.0 / 180);
        LocalCloud.Options options = LocalCloud.Options.defaults(TableDump.projectDir()).apiPort(0).stackName(stack)
                .clearinghouseResponder(new org.therapyops.localcloud.SimulatedClearinghouseResponder())
                .timeScale(timeScale).faults(faults)
                // A lease must outlast one delivery's work under faults, which no scale shortens, and stay below its
                // queue's visibility timeout, so that the retry after a crash takes it over (a retry that finds it held
                // spends one of the five receives): the notify queue keeps at least 6 s, its lease two thirds of that.
                .timeScale("NotifyQueue", notifyScale)
                .environment("NotifierFunction", "ALERT_EMAIL_LEASE", Math.round(180 * notifyScale * 2 / 3) + "s")
                .environment("InboundFunction", "DELIVERY_LEASE", Math.max(3, Math.round(1800 * timeScale * 2 / 3)) + "s");
        return faults.any() ? options.maxInstances(2).maxInstances("ApiFunction", 3) : options;
    }
    private static final String[] OUTCOMES = {"PAID", "PARTIAL", "DENIED", "REJECTED"};
    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 12, 14);

    private final LocalCloud cloud;
    private final Spec spec;
    private final PrintStream log;
    private final String logTag;
    private final Map<String, String> labels = new ConcurrentHashMap<>();
    private final List<Race> races = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> controlNumbers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final List<String> poison = java.util.Collections.synchronizedList(new ArrayList<>());

    private ChaosWorkload(LocalCloud cloud, Spec spec, PrintStream log, String name) {
        this.cloud = cloud;
        this.spec = spec;
        this.log = log;
        this.logTag = "[chaos " + name + "]";
    }

    /**
     * Runs the workload to its end: everything it started has settled (asserted, with the reason when not); progress
     * goes to {@code log}, tagged with the run's name.
     */
    public static Result run(LocalCloud cloud, Spec spec, PrintStream log, String name) throws Exception {
        return new ChaosWorkload(cloud, spec, log, name).run();
    }

    private void count(String what, int n) {
        counts.computeIfAbsent(what, k -> new AtomicInteger()).addAndGet(n);
    }

    private String label(String id, String label) {
        String previous = labels.putIfAbsent(id, label);
        assertThat(previous == null || previous.equals(label)).as(id + " labelled twice: " + previous + ", " + label).isTrue();
        return id;
    }

    /** One practice's actors and records. */
    private final class PracticeRun {
        final String tag;
        final String id = "practice-" + UUID.randomUUID();
        final ApiClient admin;
        final ApiClient biller;
        String payer;
        String integration;
        String secret;
        JsonNode firstBatch;
        final List<PatientRun> patients = new ArrayList<>();

        PracticeRun(int index) {
            this.tag = "P" + index;
            label(id, tag);
            this.admin = new ApiClient(cloud.apiUrl(), REQUEST_TIMEOUT, cloud.issueToken(id, "admin"));
            this.biller = new ApiClient(cloud.apiUrl(), REQUEST_TIMEOUT, cloud.issueToken(id, "biller"));
        }

        void setUp() {
            ok(admin.put("/fee-schedule", Practice.sampleFeeSchedule(), "\"0\""), 200);
            ok(admin.put("/billing-profile", """
                    {"organizationName": "Riverside Therapy Group", "npi": "1245319599", "taxId": "12-3456789",
                     "taxonomy": "261QR0400X",
                     "address": {"line1": "100 River Rd", "city": "Springfield", "state": "IL", "postalCode": "62701-1234"},
                     "submitter": {"id": "RTG01", "contactName": "Billing Office", "phone": "2175550100"}}""", "\"0\""), 200);
            ok(admin.put("/settings", "{\"schedulingPolicy\":\"BLOCK\",\"overrideRole\":\"admin\",\"timeZone\":\"America/New_York\","
                    + "\"alerts\":{\"expiryDays\":[30],\"remainingPercent\":20,\"visitsLeft\":1,\"exhausted\":true,"
                    + "\"overScheduled\":true,\"appointmentBlocked\":true},\"recipientsByRole\":{\"admin\":[\"owner-" + id
                    + "@clinic.example\"],\"front_desk\":[\"desk-" + id + "@clinic.example\"],\"biller\":[\"billing-" + id
                    + "@clinic.example\"]}}", "\"0\""), 200);
            payer = label(created(admin.post("/payers", "{\"name\":\"Acme Health\",\"payerId\":\"ACME1\",\"payerType\":\"COMMERCIAL\"}")),
                    tag + ".payer");
            ApiClient.Response i = admin.post("/integrations", "{\"name\":\"Simulated clearinghouse\",\"kind\":\"clearinghouse\"}");
            ok(i, 201);
            integration = label(i.json().get("id").asText(), tag + ".integration");
            secret = i.json().get("secret").asText();
            cloud.clearinghouse().connect(id, integration, secret);
        }
    }

    /** One patient: its coverage and authorization, and what happened to its bookings. */
    private final class PatientRun {
        final PracticeRun practice;
        final int index;
        final String tag;
        final String outcome;
        final int visits;
        final int bookings;
        final LocalDate day;
        String id;
        String coverage;
        String authorization;
        String provider;
        ApiClient clinician;
        String memberId;
        final List<String> claims = new ArrayList<>();
        final List<String> scheduled = new ArrayList<>();
        final List<String> blocked = new ArrayList<>();

        PatientRun(PracticeRun practice, int index, Random random) {
            this.practice = practice;
            this.index = index;
            this.tag = practice.tag + ".pt" + index;
            this.outcome = OUTCOMES[index % OUTCOMES.length];
            this.visits = 2 + random.nextInt(2);
            this.bookings = visits + 1 + random.nextInt(2);
            this.day = FIRST_DAY.plusDays(index % 14);
            this.memberId = outcome + String.format("%04d", index);
        }

        void setUp() {
            ApiClient api = practice.admin;
            // A provider of its own: patients on the same day never compete for a provider's hours.
            provider = label(created(api.post("/providers", "{\"npi\":\"1234567893\",\"firstName\":\"Jordan\","
                    + "\"lastName\":\"Rivera\",\"discipline\":\"PT\",\"taxonomy\":\"225100000X\"}")), tag + ".provider");
            clinician = new ApiClient(cloud.apiUrl(), REQUEST_TIMEOUT, cloud.issueToken(new TokenRequest(practice.id, "clinician", provider, null, null,
                    null)));
            id = label(created(api.post("/patients", "{\"firstName\":\"Alex\",\"lastName\":\"Demo\",\"birthDate\":\"1958-04-12\","
                    + "\"sex\":\"F\",\"address\":{\"line1\":\"12 Elm Ave\",\"city\":\"Springfield\",\"state\":\"IL\","
                    + "\"postalCode\":\"62704\"}}")), tag);
            coverage = label(created(api.post("/patients/" + id + "/coverages", "{\"payerId\":\"" + practice.payer
                    + "\",\"memberId\":\"" + memberId + "\",\"effectiveFrom\":\"2026-01-01\"}")), tag + ".coverage");
            authorization = label(created(api.post("/patients/" + id + "/authorizations", "{\"coverageId\":\"" + coverage + "\","
                    + "\"number\":\"ACME-" + tag + "\",\"serviceCodes\":[\"97110\",\"97140\"],\"unitType\":\"VISITS\",\"quantity\":"
                    + visits + ",\"startDate\":\"2026-01-01\",\"endDate\":\"2026-12-31\"}")), tag + ".authorization");
        }
    }

    private Result run() throws Exception {
        long t0 = System.nanoTime();
        Random random = new Random(spec.seed());
        List<PracticeRun> practices = new ArrayList<>();
        for (int p = 0; p < spec.practices(); p++) {
            PracticeRun practice = new PracticeRun(p);
            for (int i = 0; i < spec.patientsPerPractice(); i++) {
                practice.patients.add(new PatientRun(practice, i, random));
            }
            practices.add(practice);
        }
        List<PatientRun> everyone = practices.stream().flatMap(p -> p.patients.stream()).toList();
        ExecutorService pool = Executors.newFixedThreadPool(spec.threads());
        try {
            all(pool, practices, PracticeRun::setUp);
            all(pool, everyone, patient -> {
                patient.setUp();
                race(patient);
                sign(patient);
            });
            log.println(logTag + " " + everyone.size() + " patients booked, documented and scrubbed after "
                    + (System.nanoTime() - t0) / 1_000_000 + " ms");
            // Biller's day: correct what the scrubber held, then one batch per practice.
            all(pool, everyone, this::correctHeldClaims);
            all(pool, practices, p -> submitAndAwait(p, p.patients.stream().flatMap(pt -> pt.claims.stream()).toList(), 1));
            log.println(logTag + " first batches answered after " + (System.nanoTime() - t0) / 1_000_000 + " ms");
            // Work what came back: rejections corrected in place, denials replaced, then a second batch.
            all(pool, practices, this::workRejectionsAndDenials);
            log.println(logTag + " second batches answered after " + (System.nanoTime() - t0) / 1_000_000 + " ms");
            all(pool, practices, this::integratorDeliveries);
            poison(practices.get(0));
        } finally {
            pool.shutdown();
        }
        Result result = new Result(Map.copyOf(labels), List.copyOf(races), Map.copyOf(controlNumbers),
                practices.stream().map(p -> p.id).toList(), practices.stream().map(p -> p.integration).toList(),
                counts.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get())),
                List.copyOf(poison), 0);
        settle(practices, result);
        log.println(logTag + " settled after " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        return new Result(result.labels(), result.races(), result.claimControlNumbers(), result.practiceIds(),
                result.integrationIds(), result.counts(), result.poisonDelivered(), (System.nanoTime() - t0) / 1_000_000);
    }

    @FunctionalInterface
    private interface Step<T> {
        void run(T t) throws Exception;
    }

    private static <T> void all(ExecutorService pool, List<T> items, Step<T> step) throws Exception {
        List<Future<?>> futures = new ArrayList<>();
        for (T item : items) {
            futures.add(pool.submit((Callable<Void>) () -> {
                step.run(item);
                return null;
            }));
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof Exception x ? x : new RuntimeException(e.getCause());
            }
        }
    }

    /**
     * More bookings at once (an hour each, back to back) than the authorization has visits: exactly its visits are
     * scheduled. Then the first scheduled one is cancelled (a visit comes back) and the first blocked one rescheduled
     * to the next day at 17:00 (it takes that visit).
     */
    private void race(PatientRun patient) throws Exception {
        PracticeRun practice = patient.practice;
        List<String> starts = new ArrayList<>();
        for (int i = 0; i < patient.bookings; i++) {
            starts.add(patient.day + "T" + String.format("%02d", 8 + i) + ":00");
        }
        ExecutorService racers = Executors.newFixedThreadPool(patient.bookings);
        List<String> appointments = new ArrayList<>();
        try {
            List<Callable<String>> bookings = starts.stream().map(start -> (Callable<String>) () -> created(practice.admin.post(
                    "/appointments", "{\"patientId\":\"" + patient.id + "\",\"providerId\":\"" + patient.provider
                            + "\",\"serviceCode\":\"97110\",\"start\":\"" + start + "\",\"durationMinutes\":60}"))).toList();
            for (Future<String> f : racers.invokeAll(bookings)) {
                appointments.add(f.get());
            }
        } finally {
            racers.shutdown();
        }
        count("appointments", appointments.size());
        Map<String, JsonNode> decided = new LinkedHashMap<>();
        for (String a : appointments) {
            decided.put(a, await(practice.admin, "/appointments/" + a, x -> !"REQUESTED".equals(x.path("status").asText())));
        }
        List<String> scheduled = new ArrayList<>(decided.keySet().stream()
                .filter(a -> "SCHEDULED".equals(decided.get(a).get("status").asText()))
                .sorted(Comparator.comparing(a -> decided.get(a).get("start").asText())).toList());
        List<String> blocked = new ArrayList<>(decided.keySet().stream()
                .filter(a -> "NEEDS_AUTH".equals(decided.get(a).get("status").asText()))
                .sorted(Comparator.comparing(a -> decided.get(a).get("start").asText())).toList());
        assertThat(scheduled).as(patient.tag + ": exactly the authorization's visits are scheduled").hasSize(patient.visits);
        assertThat(blocked).hasSize(patient.bookings - patient.visits);
        JsonNode authorization = practice.admin.get("/patients/" + patient.id + "/authorizations/" + patient.authorization).json();
        assertThat(authorization.get("remaining").asInt()).as(patient.tag + ": no visit reserved twice").isZero();

        String cancelled = scheduled.remove(0);
        ok(practice.admin.post("/appointments/" + cancelled + "/cancel", "{\"reason\":\"patient called\"}"), 200);
        String moved = blocked.remove(0);
        ok(practice.admin.post("/appointments/" + moved + "/reschedule", "{\"start\":\"" + patient.day.plusDays(1) + "T17:00\"}"), 200);
        JsonNode rescheduled = await(practice.admin, "/appointments/" + moved, x -> !"REQUESTED".equals(x.path("status").asText()));
        assertThat(rescheduled.get("status").asText()).as(patient.tag + ": the freed visit goes to the rescheduled booking")
                .isEqualTo("SCHEDULED");
        scheduled.add(moved);
        patient.scheduled.addAll(scheduled);
        patient.blocked.addAll(blocked);
        races.add(new Race(patient.tag + ".race", patient.day.toString(), List.copyOf(appointments), new ArrayList<>()));
    }

    /**
     * A note per scheduled session, signed: the k-th (by start) documents 23 + 15k minutes of 97110, so that no two of
     * a day's claims repeat a line (the scrubber would hold them as duplicates, depending on which it scrubs first);
     * the second of every other patient has place of service 28 (not a CMS code), which the scrubber holds for review.
     */
    private void sign(PatientRun patient) throws Exception {
        Race race = races.stream().filter(r -> r.group().equals(patient.tag + ".race")).findFirst().orElseThrow();
        int k = 0;
        for (String appointment : patient.scheduled) {
            boolean held = k == 1 && patient.index % 2 == 1;
            String note = created(patient.clinician.post("/notes", "{\"appointmentId\":\"" + appointment + "\","
                    + "\"diagnoses\":[\"M54.50\"],\"placeOfService\":\"" + (held ? "28" : "11") + "\","
                    + "\"lines\":[{\"code\":\"97110\",\"minutes\":" + (23 + 15 * k) + "}]}"));
            k++;
            race.noteIds().add(note);
            ok(patient.clinician.post("/notes/" + note + "/sign", "{}"), 200);
            JsonNode capture = await(patient.practice.biller, "/notes/" + note + "/capture", c -> c.path("claimIds").size() > 0);
            for (JsonNode claim : capture.get("claimIds")) {
                patient.claims.add(claim.asText());
            }
        }
        count("notes", patient.scheduled.size());
        for (String claim : patient.claims) {
            await(patient.practice.biller, "/claims/" + claim + "/scrub", s -> !"SCRUB_PENDING".equals(s.path("status").asText()));
        }
        count("claims", patient.claims.size());
    }

    /** A claim held for review is corrected (place of service 11) and scrubbed again: READY. */
    private void correctHeldClaims(PatientRun patient) throws Exception {
        ApiClient biller = patient.practice.biller;
        for (String claim : patient.claims) {
            JsonNode c = biller.get("/claims/" + claim).json();
            if ("NEEDS_REVIEW".equals(c.get("status").asText())) {
                ok(biller.put("/claims/" + claim, "{\"placeOfService\":\"11\"}", "\"" + c.get("version").asLong() + "\""), 200);
                count("corrections", 1);
            }
            JsonNode scrubbed = await(biller, "/claims/" + claim, x -> !"SCRUB_PENDING".equals(x.path("status").asText()));
            assertThat(scrubbed.get("status").asText()).as(claim + " " + scrubbed.path("findings")).isEqualTo("READY");
        }
    }

    /** One 837P batch of these claims; waits until the clearinghouse's answers moved every one of them. */
    private void submitAndAwait(PracticeRun practice, List<String> claims, int round) throws Exception {
        if (claims.isEmpty()) {
            return;
        }
        ApiClient.Response posted = practice.biller.post("/claim-batches", "{\"claimIds\":[\"" + String.join("\",\"", claims) + "\"]}");
        ok(posted, 201);
        JsonNode batch = posted.json();
        // The batch id follows from the practice's group control number: the same in every run, no label needed.
        batch.get("patientControlNumbers").fields().forEachRemaining(e -> controlNumbers.put(e.getValue().asText(), e.getKey()));
        if (round == 1) {
            practice.firstBatch = batch;
        }
        count("batches", 1);
        for (String claim : claims) {
            await(practice.biller, "/claims/" + claim, c -> List.of("PAID", "PARTIALLY_PAID", "DENIED", "REJECTED")
                    .contains(c.path("status").asText()));
        }
    }

    /**
     * Rejected claims (never adjudicated): the member id fixed on the coverage, corrected from the practice's data,
     * sent again. Denied ones: a replacement claim (frequency 7) after the same fix. Both are then paid.
     */
    private void workRejectionsAndDenials(PracticeRun practice) throws Exception {
        List<String> again = new ArrayList<>();
        for (PatientRun patient : practice.patients) {
            if (!patient.outcome.equals("REJECTED") && !patient.outcome.equals("DENIED")) {
                continue;
            }
            JsonNode coverage = practice.admin.get("/patients/" + patient.id + "/coverages/" + patient.coverage).json();
            patient.memberId = "PAID" + patient.memberId.substring(patient.outcome.length());
            ok(practice.admin.put("/patients/" + patient.id + "/coverages/" + patient.coverage, "{\"payerId\":\"" + practice.payer
                    + "\",\"memberId\":\"" + patient.memberId + "\",\"effectiveFrom\":\"2026-01-01\"}",
                    "\"" + coverage.get("version").asLong() + "\""), 200);
            for (String claim : List.copyOf(patient.claims)) {
                JsonNode c = practice.biller.get("/claims/" + claim).json();
                String status = c.get("status").asText();
                if (status.equals("REJECTED")) {
                    ok(practice.biller.put("/claims/" + claim, "{\"refreshFromPracticeData\":true}", "\"" + c.get("version").asLong() + "\""), 200);
                    again.add(claim);
                    count("corrections", 1);
                } else if (status.equals("DENIED")) {
                    ApiClient.Response replaced = practice.biller.post("/claims/" + claim + "/replacement",
                            "{\"refreshFromPracticeData\":true}", "\"" + c.get("version").asLong() + "\"");
                    ok(replaced, 201);
                    String replacement = replaced.json().get("id").asText(); // derived from the original's id
                    patient.claims.add(replacement);
                    again.add(replacement);
                    count("replacements", 1);
                }
            }
        }
        for (String claim : again) {
            JsonNode ready = await(practice.biller, "/claims/" + claim, x -> !"SCRUB_PENDING".equals(x.path("status").asText()));
            assertThat(ready.get("status").asText()).as(claim + " " + ready.path("findings")).isEqualTo("READY");
        }
        submitAndAwait(practice, again, 2);
        for (String claim : again) {
            assertThat(practice.biller.get("/claims/" + claim).json().get("status").asText()).as(claim).isEqualTo("PAID");
        }
    }

    /**
     * The first batch's ERA sent again under a new webhook id (applied, posts nothing twice); the payer's authorization
     * update for the first patient, whose blocked bookings it schedules.
     */
    private void integratorDeliveries(PracticeRun practice) throws Exception {
        JsonNode first = practice.firstBatch;
        if (first != null) {
            String x12 = practice.biller.get("/claim-batches/" + first.get("batchId").asText() + "/837").body();
            String era = org.therapyops.localcloud.SimulatedClearinghouseResponder.responses(x12, Instant.parse(first.get("createdAt").asText()))
                    .era835();
            ClearinghouseSimulator.Answer resent = cloud.clearinghouse().deliver(ClearinghouseSimulator.Delivery.of(practice.integration, era)
                    .withWebhookId("resent-835-" + practice.tag));
            assertThat(resent.status()).as(resent.body()).isEqualTo(202);
            count("deliveries", 1);
        }
        PatientRun patient = practice.patients.get(0);
        String event = "{\"type\": \"authorization.updated\", \"timestamp\": \"2026-12-06T12:00:00Z\", \"data\": {\"memberId\": \""
                + patient.memberId + "\", \"payerId\": \"ACME1\", \"number\": \"UM-" + patient.tag + "\", \"status\": \"APPROVED\","
                + " \"serviceCodes\": [\"97110\"], \"unitType\": \"VISITS\", \"quantity\": 12,"
                + " \"startDate\": \"2026-12-01\", \"endDate\": \"2027-02-28\"}}";
        ClearinghouseSimulator.Answer update = cloud.clearinghouse().deliver(ClearinghouseSimulator.Delivery.of(practice.integration, event)
                .withContentType("application/json").withWebhookId("um-" + practice.tag));
        assertThat(update.status()).as(update.body()).isEqualTo(202);
        count("deliveries", 1);
        for (String blocked : patient.blocked) {
            await(practice.admin, "/appointments/" + blocked, a -> "SCHEDULED".equals(a.path("status").asText()));
        }
    }

    /**
     * Poison for each dead-letter queue: an appointment the check cannot decode (to the stream's on-failure queue), a
     * scrub request for no claim, a notification of no alert, a delivery message naming no delivery. Each must end in
     * its queue, and nothing else may.
     */
    private void poison(PracticeRun practice) {
        String poisonId = "poison-" + spec.seed();
        label(poisonId, "poison.appointment");
        cloud.aws().dynamoDb().putItem(b -> b.tableName(cloud.physicalId("AppointmentsTable")).item(Map.of(
                "pk", AttributeValue.fromS(practice.id), "sk", AttributeValue.fromS("APPOINTMENT#" + poisonId),
                "type", AttributeValue.fromS("APPOINTMENT"), "id", AttributeValue.fromS(poisonId),
                "status", AttributeValue.fromS("REQUESTED"), "durationMinutes", AttributeValue.fromS("forty-five"))));
        poison.add("AuthorizationCheckFailureQueue");
        count("poison", 1);
        if (!spec.ownCloud()) {
            return; // a queue's poison reaches its dead-letter queue only after five visibility timeouts: minutes at full scale
        }
        cloud.aws().sqs().sendMessage(b -> b.queueUrl(cloud.physicalId("ScrubQueue"))
                .messageBody("{\"practiceId\":\"" + practice.id + "\",\"claimId\":\"no-such-claim\"}"));
        poison.add("ScrubDeadLetterQueue");
        cloud.aws().sqs().sendMessage(b -> b.queueUrl(cloud.physicalId("NotifyQueue"))
                .messageBody("{\"practiceId\":\"" + practice.id + "\",\"alertId\":\"no-such-alert\"}"));
        poison.add("NotifyDeadLetterQueue");
        count("poison", 2);
    }

    /**
     * Waits until nothing is left to do: no booking left REQUESTED (but the poison), every delivery settled, every
     * alert emailed, the work queues empty, the mappings holding nothing, the poison in its dead-letter queues.
     */
    private void settle(List<PracticeRun> practices, Result run) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            List<String> open = new ArrayList<>();
            for (PracticeRun p : practices) {
                JsonNode deliveries = p.biller.get("/inbound-deliveries?limit=100").json();
                RevenueLoop.stream(deliveries.path("items")).filter(d -> !"APPLIED".equals(d.path("status").asText()))
                        .forEach(d -> open.add(p.tag + " delivery " + d.path("webhookId").asText() + " " + d.path("status").asText()));
            }
            open.addAll(TableDump.unfinished(TableDump.scan(cloud).stream().filter(run::owns).toList()));
            if (spec.ownCloud()) {
                Status status = cloud.status();
                for (Status.QueueStatus q : status.queues()) {
                    boolean work = List.of("ScrubQueue", "NotifyQueue", "InboundQueue").contains(q.logicalId());
                    if (work && q.approximateMessages() + q.approximateMessagesNotVisible() > 0) {
                        open.add(q.logicalId() + " holds " + (q.approximateMessages() + q.approximateMessagesNotVisible()));
                    }
                }
                for (Status.MappingStatus m : status.mappings()) {
                    if (m.pending() > 0) {
                        open.add(m.function() + "/" + m.event() + " holds " + m.pending());
                    }
                }
                for (String queue : poison) {
                    if (TableDump.depth(cloud, queue) == 0) {
                        open.add(queue + " is still empty");
                    }
                }
            }
            if (open.isEmpty()) {
                return;
            }
            if (!open.toString().equals(last)) {
                log.println(logTag + " settling: " + open.size() + " open, e.g. " + open.subList(0, Math.min(3, open.size())));
                last = open.toString();
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the run did not settle within " + WAIT + ": " + last);
    }

    /** Polls a resource until the condition holds, four times a second (many patients poll at once). */
    private static JsonNode await(ApiClient api, String path, Predicate<JsonNode> condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            ApiClient.Response response = api.get(path);
            last = response.json();
            if (response.status() == 200 && condition.test(last)) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("condition not met within " + WAIT + " for " + path + "; last: " + last);
    }

    private static String created(ApiClient.Response response) {
        ok(response, 201);
        return response.id();
    }

    private static ApiClient.Response ok(ApiClient.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        return response;
    }

    static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }
}
