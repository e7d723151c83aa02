package org.therapyops.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.therapyops.billing.ClaimControlNumbers;
import org.therapyops.localcloud.ClearinghouseSimulator;
import org.therapyops.localcloud.LocalCloud;
import org.therapyops.localcloud.TokenRequest;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A practice's month, drawn from a seed, made the way staff make it through the API and answered by the simulated
 * clearinghouse: two payers and two providers (PT, OT); patients whose member ids decide what the payer does (paid,
 * partly paid, denied, rejected); bookings in the past weeks and the next days, some refused for want of authorization;
 * cancellations (late and timely), no-shows, sessions completed with a signed note, a draft, no note, or a note that
 * bills nothing; claims scrubbed clean or with findings and corrected; batches; rejections corrected and sent again,
 * a denial replaced and one written off; and a payment reversed by an 835 with CLP02 22.
 */
final class ReportingWorkload {

    static final Duration WAIT = Duration.ofSeconds(90);
    static final ZoneId ZONE = ZoneId.of("America/New_York");

    final LocalCloud cloud;
    final Random random;
    final RevenueLoop loop;
    final ApiClient admin;
    final ApiClient biller;
    final LocalDate today = LocalDate.now(ZONE);
    final Map<String, ApiClient> clinicians = new LinkedHashMap<>();
    final List<String> providers = new ArrayList<>();
    final List<RevenueLoop.Patient> patients = new ArrayList<>();
    final Map<String, String> patientPayer = new LinkedHashMap<>();
    final Map<String, String> patientMember = new LinkedHashMap<>();
    final List<String> batches = new ArrayList<>();
    private final Set<String> slots = new HashSet<>();
    final List<String> log = new ArrayList<>();

    ReportingWorkload(LocalCloud cloud, long seed) {
        this.cloud = cloud;
        this.random = new Random(seed);
        this.loop = new RevenueLoop(cloud);
        this.admin = loop.practice.api;
        this.biller = loop.biller;
    }

    String practiceId() {
        return loop.practice.id;
    }

    /** The thresholds the test sets: every open claim is due at once (the run cannot age them), sessions after 3 days. */
    static final ReportingRecount.Thresholds THRESHOLDS = new ReportingRecount.Thresholds(3, 0, 0, 0, 0, 0, 24, 30);

    void run() {
        setUp();
        List<String> appointments = book();
        Map<String, List<String>> claimsByNote = document(appointments);
        List<String> claims = claimsByNote.values().stream().flatMap(List::stream).toList();
        correctSomeFindings(claims);
        List<String> ready = status(claims, "READY");
        // one READY claim stays unsubmitted
        List<String> first = ready.size() > 1 ? ready.subList(1, ready.size()) : ready;
        submit(first);
        awaitAnswered(first);
        List<String> second = rework(first);
        if (!second.isEmpty()) {
            submit(second);
            awaitAnswered(second);
        }
        reverseOnePayment(claims);
    }

    // ------------------------------------------------------------------ the practice

    private void setUp() {
        ApiClient.Response settings = admin.put("/settings", """
                {"schedulingPolicy": "BLOCK", "overrideRole": "admin", "timeZone": "America/New_York",
                 "alerts": {"expiryDays": [30, 14, 7], "remainingPercent": 20, "visitsLeft": 2, "exhausted": true,
                            "overScheduled": true, "appointmentBlocked": true},
                 "recipientsByRole": {"admin": ["owner@riverside.example"]},
                 "reporting": {"noteMissingDays": %d, "claimMissingDays": %d, "unsubmittedDays": %d, "reviewDays": %d,
                               "rejectedDays": %d, "deniedDays": %d, "lateCancelHours": %d, "expiringWithinDays": %d}}"""
                .formatted(THRESHOLDS.noteMissingDays(), THRESHOLDS.claimMissingDays(), THRESHOLDS.unsubmittedDays(),
                        THRESHOLDS.reviewDays(), THRESHOLDS.rejectedDays(), THRESHOLDS.deniedDays(), THRESHOLDS.lateCancelHours(),
                        THRESHOLDS.expiringWithinDays()), "\"0\"");
        assertThat(settings.status()).as(settings.body()).isEqualTo(200);
        String second = Practice.created(admin.post("/payers",
                "{\"name\":\"Beacon Mutual\",\"payerId\":\"BEAC1\",\"payerType\":\"COMMERCIAL\"}"));
        String ot = Practice.created(admin.post("/providers", "{\"npi\":\"1987654328\",\"firstName\":\"Sam\","
                + "\"lastName\":\"Okafor\",\"discipline\":\"OT\",\"taxonomy\":\"225X00000X\"}"));
        providers.add(loop.provider);
        providers.add(ot);
        clinicians.put(loop.provider, loop.clinician);
        clinicians.put(ot, new ApiClient(cloud.apiUrl(), cloud.issueToken(new TokenRequest(practiceId(), "clinician", ot, null,
                null, null))));
        String[] outcomes = {"PAID", "PAID", "PAID", "PARTIAL", "PARTIAL", "DENIED", "DENIED", "REJECTED", "REJECTED", "PAID"};
        for (int i = 0; i < outcomes.length; i++) {
            String payer = random.nextBoolean() ? loop.payer : second;
            String member = outcomes[i] + "00" + i;
            // some authorizations end within the look-ahead with visits left; one allows only two visits
            int visits = i == 9 ? 2 : 12;
            LocalDate end = random.nextInt(3) == 0 ? today.plusDays(5 + random.nextInt(20)) : LocalDate.of(today.getYear(), 12, 31)
                    .plusYears(today.getMonthValue() == 12 ? 1 : 0);
            // two patients without an address on file: their claims are held for the subscriber address
            patients.add(patient(payer, member, visits, end, i != 2 && i != 6));
        }
        log.add("practice " + practiceId() + ": " + patients.size() + " patients, providers " + providers);
    }

    static final String PATIENT = "{\"firstName\":\"Alex\",\"lastName\":\"Demo\",\"birthDate\":\"1958-04-12\",\"sex\":\"F\"";
    static final String ADDRESS = "\"address\":{\"line1\":\"12 Elm Ave\",\"city\":\"Springfield\",\"state\":\"IL\","
            + "\"postalCode\":\"62704\"}";

    private RevenueLoop.Patient patient(String payer, String member, int visits, LocalDate end, boolean address) {
        String patient = Practice.created(admin.post("/patients", PATIENT + (address ? "," + ADDRESS : "") + "}"));
        LocalDate start = today.minusDays(120);
        String coverage = Practice.created(admin.post("/patients/" + patient + "/coverages",
                "{\"payerId\":\"" + payer + "\",\"memberId\":\"" + member + "\",\"effectiveFrom\":\"" + start + "\"}"));
        Practice.created(admin.post("/patients/" + patient + "/authorizations", "{\"coverageId\":\"" + coverage + "\","
                + "\"number\":\"AUTH-" + member + "\",\"serviceCodes\":[\"97110\",\"97140\"],\"unitType\":\"VISITS\",\"quantity\":"
                + visits + ",\"startDate\":\"" + start + "\",\"endDate\":\"" + end + "\"}"));
        patientPayer.put(patient, payer);
        patientMember.put(patient, member);
        return new RevenueLoop.Patient(patient, coverage);
    }

    // ------------------------------------------------------------------ the schedule

    /** Books about two dozen sessions over the past five weeks and the next days; each is decided by the authorization check. */
    private List<String> book() {
        List<String> booked = new ArrayList<>();
        int count = 22 + random.nextInt(6);
        for (int i = 0; i < count; i++) {
            RevenueLoop.Patient patient = patients.get(random.nextInt(patients.size()));
            String provider = providers.get(random.nextInt(providers.size()));
            LocalDateTime start;
            do {
                // two in the coming days (cancelled below), the next few old enough to be leaking, the rest in the past weeks
                int offset = i < 2 ? (i == 0 ? 1 : 3) : i < 6 ? -(4 + random.nextInt(30)) : -(1 + random.nextInt(35));
                start = LocalDateTime.of(today.plusDays(offset), LocalTime.of(8 + random.nextInt(8), 0));
            } while (slots.contains(patient.id() + start.toLocalDate()) || slots.contains(provider + start));
            slots.add(patient.id() + start.toLocalDate());
            slots.add(provider + start);
            booked.add(loop.practice.book(patient.id(), provider, "97110", start.toString(), 45));
        }
        for (String id : booked) {
            admin.await("/appointments/" + id, a -> !"REQUESTED".equals(a.path("status").asText()), WAIT);
        }
        return booked;
    }

    /**
     * What happened to each session: the first two (in the coming days) are cancelled, one late and one in time; of the
     * rest, scheduled ones are cancelled, missed, or completed with a signed note (most), a draft, no note, or a note
     * that bills nothing. Returns the claims of each signed note, once charge capture made them.
     */
    private Map<String, List<String>> document(List<String> appointments) {
        Map<String, String> signed = new LinkedHashMap<>();
        for (int i = 0; i < appointments.size(); i++) {
            String id = appointments.get(i);
            JsonNode a = admin.get("/appointments/" + id).json();
            if (!"SCHEDULED".equals(a.path("status").asText())) {
                continue; // NEEDS_AUTH stays as it is
            }
            // the first sessions cover each case once whatever the seed; the rest are drawn
            int roll = i < 2 ? 0 : i < FORCED.length + 2 ? FORCED[i - 2] : random.nextInt(20);
            String provider = a.path("providerId").asText();
            ApiClient clinician = clinicians.get(provider);
            if (roll < 2) {
                act(id, "cancel");
            } else if (roll < 4) {
                act(id, "no-show");
            } else if (roll < 5) {
                act(id, "complete");
            } else if (roll < 6) {
                act(id, "complete");
                note(clinician, id, "[\"M54.50\"]", "[{\"code\":\"97110\",\"minutes\":30}]");
            } else if (roll < 7) {
                act(id, "complete");
                String note = note(clinician, id, "[\"M54.50\"]", "[{\"code\":\"97110\",\"minutes\":5}]");
                sign(clinician, note);
                signed.put(note, id);
            } else {
                act(id, "complete");
                String note = note(clinician, id, "[\"M54.50\"]",
                        "[{\"code\":\"97110\",\"minutes\":30},{\"code\":\"97140\",\"minutes\":15}]");
                sign(clinician, note);
                signed.put(note, id);
            }
        }
        Map<String, List<String>> claims = new LinkedHashMap<>();
        for (String note : signed.keySet()) {
            JsonNode capture = biller.await("/notes/" + note + "/capture", c -> !"PENDING".equals(c.path("outcome").asText()), WAIT);
            List<String> ids = RevenueLoop.texts(capture.path("claimIds"));
            for (String claim : ids) {
                biller.await("/claims/" + claim, c -> !"SCRUB_PENDING".equals(c.path("status").asText()), WAIT);
            }
            claims.put(note, ids);
        }
        return claims;
    }

    /** Rolls of the sessions after the first two: no-show, completed without a note, with a draft, with a note billing nothing. */
    private static final int[] FORCED = {2, 4, 5, 6};

    private void act(String appointment, String action) {
        ApiClient.Response r = admin.post("/appointments/" + appointment + "/" + action, "{}");
        assertThat(r.status()).as(action + " " + r.body()).isEqualTo(200);
    }

    private String note(ApiClient clinician, String appointment, String diagnoses, String lines) {
        return Practice.created(clinician.post("/notes", "{\"appointmentId\":\"" + appointment + "\",\"diagnoses\":" + diagnoses
                + ",\"placeOfService\":\"11\",\"lines\":" + lines + "}"));
    }

    private void sign(ApiClient clinician, String note) {
        ApiClient.Response r = clinician.post("/notes/" + note + "/sign", "{}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    // ------------------------------------------------------------------ claims

    private List<String> status(List<String> claims, String status) {
        return claims.stream().filter(c -> status.equals(biller.get("/claims/" + c).json().path("status").asText())).toList();
    }

    /**
     * All but one claim held with findings are corrected: the front desk records the patient's address, the biller
     * refreshes the claim from the practice's data; they scrub READY.
     */
    private void correctSomeFindings(List<String> claims) {
        List<String> held = status(claims, "NEEDS_REVIEW").stream().filter(c -> {
            List<String> errors = new ArrayList<>();
            biller.get("/claims/" + c + "/scrub").json().path("findings").forEach(f -> {
                if ("ERROR".equals(f.path("severity").asText())) {
                    errors.add(f.path("ruleId").asText());
                }
            });
            return errors.equals(List.of("SUBSCRIBER_ADDRESS")); // others (units beyond the authorization) stay held
        }).toList();
        Set<String> fixed = new HashSet<>();
        for (String claim : held.subList(Math.min(1, held.size()), held.size())) {
            String patient = biller.get("/claims/" + claim).json().path("patientId").asText();
            if (fixed.add(patient)) {
                JsonNode p = admin.get("/patients/" + patient).json();
                ApiClient.Response r = admin.put("/patients/" + patient, PATIENT + "," + ADDRESS + "}", "\"" + p.path("version").asLong() + "\"");
                assertThat(r.status()).as(r.body()).isEqualTo(200);
            }
            JsonNode c = biller.get("/claims/" + claim).json();
            ApiClient.Response r = biller.put("/claims/" + claim, "{\"refreshFromPracticeData\":true}", "\"" + c.path("version").asLong() + "\"");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            awaitStatus(claim, s -> s.equals("READY"));
        }
    }

    private void submit(List<String> claims) {
        batches.add(loop.submit(claims.toArray(String[]::new)).path("batchId").asText());
    }

    private static final Set<String> ANSWERED = Set.of("PAID", "PARTIALLY_PAID", "DENIED", "REJECTED", "REVERSED");

    private void awaitAnswered(List<String> claims) {
        for (String claim : claims) {
            awaitStatus(claim, ANSWERED::contains);
        }
        loop.settledDeliveries(1);
    }

    private JsonNode awaitStatus(String claim, Predicate<String> status) {
        return biller.await("/claims/" + claim, c -> status.test(c.path("status").asText()), WAIT);
    }

    /**
     * Rejections: the member id is fixed and the claim corrected in place (sent again as is). Denials: the first fixed and
     * replaced (frequency 7), the next written off. Returns the claims to send again.
     */
    private List<String> rework(List<String> sent) {
        List<String> again = new ArrayList<>();
        Set<String> fixed = new HashSet<>();
        for (String claim : status(sent, "REJECTED")) {
            fixCoverage(biller.get("/claims/" + claim).json().path("patientId").asText(), fixed);
            JsonNode c = biller.get("/claims/" + claim).json();
            ApiClient.Response r = biller.put("/claims/" + claim, "{\"refreshFromPracticeData\":true}", "\"" + c.path("version").asLong() + "\"");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            awaitStatus(claim, "READY"::equals);
            again.add(claim);
        }
        List<String> denied = status(sent, "DENIED");
        if (!denied.isEmpty()) {
            String claim = denied.get(0);
            fixCoverage(biller.get("/claims/" + claim).json().path("patientId").asText(), fixed);
            JsonNode c = biller.get("/claims/" + claim).json();
            ApiClient.Response r = biller.post("/claims/" + claim + "/replacement", "{\"refreshFromPracticeData\":true}",
                    "\"" + c.path("version").asLong() + "\"");
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            String replacement = r.json().path("id").asText();
            awaitStatus(replacement, "READY"::equals);
            again.add(replacement);
        }
        // the other denials closed each way a biller may: written off, billed to the patient, appealed (A/R differs)
        String[] actions = {"WRITTEN_OFF", "BILLED_TO_PATIENT", "APPEALED"};
        for (int i = 1; i < denied.size(); i++) {
            String claim = denied.get(i);
            JsonNode c = biller.get("/claims/" + claim).json();
            ApiClient.Response r = biller.post("/claims/" + claim + "/denials/close", "{\"action\":\"" + actions[(i - 1) % actions.length]
                    + "\",\"note\":\"worked\"}", "\"" + c.path("version").asLong() + "\"");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
        }
        return again;
    }

    private void fixCoverage(String patient, Set<String> fixed) {
        if (!fixed.add(patient)) {
            return;
        }
        RevenueLoop.Patient p = patients.stream().filter(x -> x.id().equals(patient)).findFirst().orElseThrow();
        JsonNode coverage = admin.get("/patients/" + patient + "/coverages/" + p.coverage()).json();
        ApiClient.Response r = admin.put("/patients/" + patient + "/coverages/" + p.coverage(), "{\"payerId\":\""
                + patientPayer.get(patient) + "\",\"memberId\":\"PAID9" + patient.substring(0, 4) + "\",\"effectiveFrom\":\""
                + coverage.path("effectiveFrom").asText() + "\"}", "\"" + coverage.path("version").asLong() + "\"");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    // ------------------------------------------------------------------ a reversal

    /** The payer takes back one paid claim's payment: its 835 again, with CLP02 22 and every amount negated. */
    private void reverseOnePayment(List<String> claims) {
        List<String> paid = status(claims, "PAID");
        if (paid.isEmpty()) {
            return;
        }
        String claim = paid.get(random.nextInt(paid.size()));
        String batch = biller.get("/claims/" + claim).json().path("batchId").asText();
        ApiClient.Response x12 = biller.get("/claim-batches/" + batch + "/837");
        assertThat(x12.status()).isEqualTo(200);
        String era = org.therapyops.localcloud.SimulatedClearinghouseResponder.responses(x12.body(), java.time.Instant.now()).era835();
        String reversal = Reversal.of(era, ClaimControlNumbers.patientControlNumber(claim), "RVS" + System.nanoTime() % 1_000_000_000L);
        ClearinghouseSimulator.Answer answer = cloud.clearinghouse().deliver(ClearinghouseSimulator.Delivery.of(loop.integrationId, reversal));
        assertThat(answer.status()).as(answer.body()).isBetween(200, 299);
        awaitStatus(claim, "REVERSED"::equals);
        log.add("reversed the payment of " + claim);
    }

    /** Makes a reversal ERA of one claim payment of an 835 written by the simulated clearinghouse. */
    static final class Reversal {

        private Reversal() {
        }

        static String of(String era, String patientControlNumber, String trace) {
            char element = era.charAt(3);
            String segmentEnd = era.substring(105, 106);
            String e = String.valueOf(element);
            List<String[]> segments = new ArrayList<>();
            for (String s : era.split(java.util.regex.Pattern.quote(segmentEnd))) {
                String t = s.strip();
                if (!t.isEmpty()) {
                    segments.add(t.split(java.util.regex.Pattern.quote(e), -1));
                }
            }
            List<String[]> out = new ArrayList<>();
            List<String[]> header = new ArrayList<>();
            List<String[]> loop = new ArrayList<>();
            boolean inSet = false;
            boolean inClaim = false;
            boolean target = false;
            for (String[] s : segments) {
                switch (s[0]) {
                    case "ISA", "GS" -> out.add(s);
                    case "ST" -> {
                        inSet = true;
                        header.clear();
                        header.add(s);
                    }
                    case "CLP" -> {
                        inClaim = true;
                        target = s[1].equals(patientControlNumber);
                        if (target) {
                            loop.add(s);
                        }
                    }
                    case "SE" -> {
                        if (!loop.isEmpty() && out.stream().noneMatch(x -> x[0].equals("ST"))) {
                            out.addAll(header);
                            out.addAll(reversed(loop));
                            out.add(new String[] {"SE", Integer.toString(header.size() + loop.size() + 1), s[2]});
                        }
                        loop.clear();
                        inSet = false;
                        inClaim = false;
                    }
                    case "GE", "IEA" -> out.add(s);
                    default -> {
                        if (inClaim) {
                            if (target) {
                                loop.add(s);
                            }
                        } else if (inSet) {
                            header.add(s);
                        }
                    }
                }
            }
            BigDecimal total = BigDecimal.ZERO;
            for (String[] s : out) {
                if (s[0].equals("CLP")) {
                    total = total.add(new BigDecimal(s[4]));
                }
            }
            StringBuilder text = new StringBuilder();
            for (String[] s : out) {
                String[] seg = s;
                if (seg[0].equals("BPR")) {
                    seg = new String[] {"BPR", "I", total.negate().toPlainString(), "D", "ACH", "CCP", "01", "011000015", "DA",
                            "0001234567", seg.length > 10 ? seg[10] : "1512345678", "", "01", "071000013", "DA", "0009876543",
                            seg[seg.length - 1]};
                } else if (seg[0].equals("TRN")) {
                    seg = new String[] {"TRN", "1", trace, seg[3]};
                } else if (seg[0].equals("GE")) {
                    seg = new String[] {"GE", "1", seg[2]};
                }
                text.append(String.join(e, seg)).append(segmentEnd);
            }
            return text.toString();
        }

        /** The claim's loop with CLP02 22 and every amount of it, its lines and adjustments negated. */
        private static List<String[]> reversed(List<String[]> loop) {
            List<String[]> out = new ArrayList<>();
            for (String[] s : loop) {
                String[] r = s.clone();
                switch (r[0]) {
                    case "CLP" -> {
                        r[2] = "22";
                        r[3] = negate(r[3]);
                        r[4] = negate(r[4]);
                        r[5] = negate(r[5]);
                    }
                    case "SVC" -> {
                        r[2] = negate(r[2]);
                        r[3] = negate(r[3]);
                    }
                    case "CAS" -> {
                        for (int i = 3; i < r.length; i += 3) {
                            r[i] = negate(r[i]);
                        }
                    }
                    case "AMT" -> r[2] = negate(r[2]);
                    default -> { }
                }
                out.add(r);
            }
            return out;
        }

        private static String negate(String amount) {
            if (amount == null || amount.isEmpty()) {
                return amount;
            }
            BigDecimal v = new BigDecimal(amount);
            return v.signum() == 0 ? amount : v.negate().toPlainString();
        }
    }
}
