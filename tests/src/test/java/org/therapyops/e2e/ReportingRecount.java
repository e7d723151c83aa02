package org.therapyops.e2e;

import org.therapyops.billing.Charge;
import org.therapyops.billing.ClaimFrequency;
import org.therapyops.billing.ClaimMilestones;
import org.therapyops.billing.ClaimStatus;
import org.therapyops.billing.Note;
import org.therapyops.billing.NoteStatus;
import org.therapyops.billing.PayerResponse;
import org.therapyops.billing.StoredClaim;
import org.therapyops.domain.Appointment;
import org.therapyops.domain.AppointmentStatus;
import org.therapyops.dynamodb.BillingItems;
import org.therapyops.dynamodb.ItemMapper;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The reports computed the slow, obvious way: every source item of the practice read from its table (Claims, ledger
 * postings and capture records, Notes, Appointments, authorizations and providers), each figure counted item by item
 * as docs/reports.md defines it. Shares nothing with the reporting code but the item mappers; the end-to-end test
 * asserts that the materialized reports equal these.
 */
final class ReportingRecount {

    /** A report as expected: rows by group key, each a value per column, and the total. */
    record Table(Map<String, Map<String, Object>> rows, Map<String, Object> total) {
    }

    static final Set<String> CONTRACTUAL = Set.of("45", "131", "253");
    static final int[] BOUNDS = {30, 60, 90, 120};
    static final int MAX_LAG = 365;
    static final int MAX_NOTICE = 168;

    private final ZoneId zone;
    private final LocalDate today;
    private final Thresholds t;
    final List<Claim> claims = new ArrayList<>();
    final List<Map<String, AttributeValue>> postings = new ArrayList<>();
    final Map<String, List<String>> captures = new HashMap<>();
    final List<Note> notes = new ArrayList<>();
    final List<Session> sessions = new ArrayList<>();
    final List<Map<String, AttributeValue>> authorizations = new ArrayList<>();
    final Map<String, String> disciplines = new HashMap<>();

    /** The practice's reporting thresholds as the test set them. */
    record Thresholds(int noteMissingDays, int claimMissingDays, int unsubmittedDays, int reviewDays, int rejectedDays,
                      int deniedDays, int lateCancelHours, int expiringWithinDays) {
    }

    record Claim(StoredClaim stored, Instant scrubbedAt) {
        String payer() {
            return stored.claim().payerId() == null ? "unknown" : stored.claim().payerId();
        }

        String provider() {
            return stored.claim().lines().stream().map(Charge::renderingProviderId).filter(p -> p != null && !p.isBlank())
                    .findFirst().orElse("unknown");
        }

        ClaimMilestones m() {
            return stored.milestones();
        }
    }

    record Session(Appointment appointment, Instant cancelledAt) {
    }

    ReportingRecount(DynamoDbClient dynamo, Map<String, String> tables, String practiceId, ZoneId zone, Thresholds thresholds) {
        this.zone = zone;
        this.today = LocalDate.now(zone);
        this.t = thresholds;
        for (Map<String, AttributeValue> item : partition(dynamo, tables.get("ClaimsTable"), practiceId)) {
            switch (type(item)) {
                case "CLAIM" -> claims.add(new Claim(BillingItems.claim(item), instant(item, "scrubbedAt")));
                case "POSTING" -> postings.add(item);
                case "CAPTURE" -> captures.put(item.get("noteId").s(), item.get("claimIds").l().stream().map(AttributeValue::s).toList());
                default -> { }
            }
        }
        for (Map<String, AttributeValue> item : partition(dynamo, tables.get("NotesTable"), practiceId)) {
            if (type(item).equals("NOTE")) {
                notes.add(BillingItems.note(item));
            }
        }
        for (Map<String, AttributeValue> item : partition(dynamo, tables.get("AppointmentsTable"), practiceId)) {
            if (type(item).equals("APPOINTMENT")) {
                sessions.add(new Session(ItemMapper.appointment(item), instant(item, "cancelledAt")));
            }
        }
        for (Map<String, AttributeValue> item : partition(dynamo, tables.get("PracticeTable"), practiceId)) {
            switch (type(item)) {
                case "AUTHORIZATION" -> authorizations.add(item);
                case "PROVIDER" -> disciplines.put(item.get("id").s(), item.get("discipline").s());
                default -> { }
            }
        }
    }

    private static List<Map<String, AttributeValue>> partition(DynamoDbClient dynamo, String table, String practiceId) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(b -> b.tableName(table).keyConditionExpression("pk = :pk").consistentRead(true)
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(practiceId))).exclusiveStartKey(from));
            items.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    private static String type(Map<String, AttributeValue> item) {
        AttributeValue v = item.get("type");
        return v == null || v.s() == null ? "" : v.s();
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.s() == null ? null : Instant.parse(v.s());
    }

    LocalDate today() {
        return today;
    }

    private LocalDate local(Instant i) {
        return i.atZone(zone).toLocalDate();
    }

    private static boolean in(LocalDate d, LocalDate from, LocalDate to) {
        return d != null && !d.isBefore(from) && !d.isAfter(to);
    }

    // ------------------------------------------------------------------ the reports

    Table report(String name, String groupBy, LocalDate from, LocalDate to) {
        return switch (name) {
            case "claims" -> grouped(groupBy, claimGroups(groupBy), g -> claimValues(g, from, to));
            case "denials" -> denials(groupBy, from, to);
            case "ar" -> ar(groupBy, from, to);
            case "collections" -> grouped(groupBy, payerGroups(groupBy), g -> collectionValues(g, from, to));
            case "lags" -> grouped(groupBy, claimGroups(groupBy), g -> lagValues(g, from, to));
            case "attendance" -> grouped(groupBy, sessionGroups(), g -> attendanceValues(g, from, to));
            case "productivity" -> productivity(groupBy, from, to);
            case "leakage" -> leakage();
            case "leakage-items" -> leakageItems();
            case "summary" -> new Table(Map.of(), summary(from, to));
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** Rows for every group key that has a counted item (a key function per item, null: not in this grouping). */
    private Table grouped(String groupBy, Function<Object, String> key, Function<Function<Object, Boolean>, Map<String, Object>> values) {
        Map<String, Object> total = values.apply(item -> true);
        if (groupBy.equals("none")) {
            return new Table(Map.of(), total);
        }
        Map<String, Map<String, Object>> rows = new TreeMap<>();
        for (String group : keys(key)) {
            rows.put(group, values.apply(item -> group.equals(key.apply(item))));
        }
        rows.values().removeIf(this::allZero);
        return new Table(rows, total);
    }

    private Set<String> keys(Function<Object, String> key) {
        Set<String> keys = new LinkedHashSet<>();
        for (Object o : everything()) {
            String k = key.apply(o);
            if (k != null) {
                keys.add(k);
            }
        }
        return keys;
    }

    private List<Object> everything() {
        List<Object> all = new ArrayList<>(claims);
        all.addAll(postings);
        all.addAll(sessions);
        all.addAll(lineRefs());
        return all;
    }

    /** A claim's line, for the productivity and service counts by the line's provider. */
    record LineRef(Claim claim, Charge line) {
        String provider() {
            return line.renderingProviderId() != null ? line.renderingProviderId() : claim.provider();
        }
    }

    private List<LineRef> lineRefs() {
        List<LineRef> lines = new ArrayList<>();
        for (Claim c : claims) {
            if (c.stored().claim().frequency() == ClaimFrequency.ORIGINAL) {
                c.stored().claim().lines().forEach(l -> lines.add(new LineRef(c, l)));
            }
        }
        return lines;
    }

    private Function<Object, String> claimGroups(String groupBy) {
        return o -> {
            if (o instanceof Claim c) {
                return groupBy.equals("payer") ? c.payer() : c.provider();
            }
            if (o instanceof LineRef l) {
                return groupBy.equals("payer") ? l.claim().payer() : l.provider();
            }
            return null;
        };
    }

    private Function<Object, String> payerGroups(String groupBy) {
        return o -> {
            if (o instanceof Map<?, ?> posting) {
                return payerOf(posting);
            }
            if (o instanceof LineRef l) {
                return l.claim().payer();
            }
            return null;
        };
    }

    private Function<Object, String> sessionGroups() {
        return o -> o instanceof Session s ? s.appointment().providerId() : null;
    }

    /** A row is shown when one of its values (other than the range's length) is a number other than zero. */
    private boolean allZero(Map<String, Object> values) {
        return values.entrySet().stream().noneMatch(e -> !e.getKey().equals("daysInPeriod")
                && e.getValue() instanceof BigDecimal d && d.signum() != 0);
    }

    // ------------------------------------------------------------------ claims

    private Map<String, Object> claimValues(Function<Object, Boolean> in, LocalDate from, LocalDate to) {
        long scrubbed = 0, clean = 0, decided = 0, accepted = 0, adjudicated = 0, resolved = 0, denied = 0;
        BigDecimal charges = BigDecimal.ZERO, deniedAmount = BigDecimal.ZERO;
        for (Claim c : claims) {
            if (!in.apply(c)) {
                continue;
            }
            ClaimMilestones m = c.m();
            if (m.firstScrubbedAt() != null && in(local(m.firstScrubbedAt()), from, to)) {
                scrubbed++;
                clean += m.firstScrub() == ClaimStatus.READY ? 1 : 0;
            }
            if (m.firstDecisionAt() != null && in(local(m.firstDecisionAt()), from, to)) {
                decided++;
                accepted += m.firstDecision() == ClaimStatus.ACCEPTED ? 1 : 0;
            }
            if (m.firstAdjudicatedAt() != null && in(local(m.firstAdjudicatedAt()), from, to)) {
                adjudicated++;
                charges = charges.add(c.stored().claim().totalCharge());
                resolved += m.firstDecision() == ClaimStatus.ACCEPTED && m.firstAdjudication() == ClaimStatus.PAID ? 1 : 0;
                if (!m.initialDenials().isEmpty()) {
                    denied++;
                    for (PayerResponse.Denial d : m.initialDenials()) {
                        deniedAmount = deniedAmount.add(d.amount());
                    }
                }
            }
        }
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("claimsScrubbed", n(scrubbed));
        v.put("cleanClaims", n(clean));
        v.put("cleanClaimRate", ratio(n(clean), n(scrubbed)));
        v.put("claimsDecided", n(decided));
        v.put("acceptedFirstPass", n(accepted));
        v.put("firstPassAcceptanceRate", ratio(n(accepted), n(decided)));
        v.put("claimsAdjudicated", n(adjudicated));
        v.put("resolvedFirstPass", n(resolved));
        v.put("firstPassResolutionRate", ratio(n(resolved), n(adjudicated)));
        v.put("claimsDenied", n(denied));
        v.put("denialRateByCount", ratio(n(denied), n(adjudicated)));
        v.put("chargesAdjudicated", money(charges));
        v.put("chargesDenied", money(deniedAmount));
        v.put("denialRateByAmount", ratio(deniedAmount, charges));
        return v;
    }

    private Table denials(String groupBy, LocalDate from, LocalDate to) {
        Map<String, Object> all = claimValues(c -> true, from, to);
        BigDecimal allDenied = (BigDecimal) all.get("chargesDenied");
        BigDecimal adjudicated = (BigDecimal) all.get("claimsAdjudicated");
        BigDecimal adjudicatedCharge = (BigDecimal) all.get("chargesAdjudicated");
        Map<String, Map<String, Object>> rows = new TreeMap<>();
        if (groupBy.equals("carc")) {
            Map<String, BigDecimal> amounts = new TreeMap<>();
            Map<String, Long> counts = new TreeMap<>();
            for (Claim c : claims) {
                ClaimMilestones m = c.m();
                if (m.firstAdjudicatedAt() == null || !in(local(m.firstAdjudicatedAt()), from, to)) {
                    continue;
                }
                Set<String> reasons = new LinkedHashSet<>();
                for (PayerResponse.Denial d : m.initialDenials()) {
                    String carc = d.primaryReason() == null || d.primaryReason().isBlank() ? "unknown" : d.primaryReason();
                    amounts.merge(carc, d.amount(), BigDecimal::add);
                    reasons.add(carc);
                }
                reasons.forEach(r -> counts.merge(r, 1L, Long::sum));
            }
            amounts.forEach((carc, amount) -> rows.put(carc, denialValues(n(counts.get(carc)), amount, adjudicated,
                    adjudicatedCharge, allDenied)));
        } else if (groupBy.equals("payer")) {
            for (String payer : keys(claimGroups("payer"))) {
                Map<String, Object> p = claimValues(o -> o instanceof Claim c && c.payer().equals(payer), from, to);
                Map<String, Object> row = denialValues((BigDecimal) p.get("claimsDenied"), (BigDecimal) p.get("chargesDenied"),
                        (BigDecimal) p.get("claimsAdjudicated"), (BigDecimal) p.get("chargesAdjudicated"), allDenied);
                if (!allZero(row)) {
                    rows.put(payer, row);
                }
            }
        }
        return new Table(rows, denialValues((BigDecimal) all.get("claimsDenied"), allDenied, adjudicated, adjudicatedCharge, allDenied));
    }

    private static Map<String, Object> denialValues(BigDecimal claims, BigDecimal amount, BigDecimal adjudicated,
                                                    BigDecimal adjudicatedCharge, BigDecimal allDenied) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("deniedClaims", claims);
        v.put("deniedAmount", money(amount));
        v.put("denialRateByCount", ratio(claims, adjudicated));
        v.put("denialRateByAmount", ratio(amount, adjudicatedCharge));
        v.put("shareOfDeniedAmount", ratio(amount, allDenied));
        return v;
    }

    // ------------------------------------------------------------------ A/R and collections

    /** A sent claim's open balance, as the patient balance counts it: [insurance, patient] (recounted here, not by ClaimBalance). */
    static BigDecimal[] balance(StoredClaim c) {
        if (!c.status().sent()) {
            return new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO};
        }
        PayerResponse.RemittanceTotals r = c.response().remittance();
        BigDecimal charge = c.claim().totalCharge();
        if (r == null) {
            return new BigDecimal[] {c.response().successorId() != null ? BigDecimal.ZERO : charge, BigDecimal.ZERO};
        }
        // denied lines not yet worked, or appealed, are still owed by the payer; billed to the patient, by the patient
        BigDecimal payer = BigDecimal.ZERO;
        for (PayerResponse.Denial d : c.response().denials()) {
            payer = payer.add(d.amount());
        }
        BigDecimal patient = BigDecimal.ZERO;
        PayerResponse.DenialWork work = c.response().denialWork();
        if (work != null && work.action().equals("APPEALED")) {
            payer = payer.add(work.amount());
        } else if (work != null && work.action().equals("BILLED_TO_PATIENT")) {
            patient = work.amount();
        }
        BigDecimal adjusted = r.adjusted().max(BigDecimal.ZERO);
        payer = payer.min(adjusted);
        patient = patient.min(adjusted.subtract(payer));
        return new BigDecimal[] {charge.subtract(r.paid()).subtract(r.patientResponsibility()).subtract(r.adjusted()).add(payer),
                r.patientResponsibility().add(patient)};
    }

    private int bucket(LocalDate dos) {
        long age = Math.max(0, ChronoUnit.DAYS.between(dos, today));
        for (int i = 0; i < BOUNDS.length; i++) {
            if (age <= BOUNDS[i]) {
                return i;
            }
        }
        return BOUNDS.length;
    }

    private BigDecimal charges(Function<LineRef, Boolean> in, LocalDate from, LocalDate to) {
        BigDecimal sum = BigDecimal.ZERO;
        for (LineRef l : lineRefs()) {
            if (in.apply(l) && in(l.claim().stored().claim().dateOfService(), from, to)) {
                sum = sum.add(l.line().amount());
            }
        }
        return sum;
    }

    private Table ar(String groupBy, LocalDate from, LocalDate to) {
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        Map<String, Map<String, Object>> rows = new TreeMap<>();
        if (groupBy.equals("payer")) {
            Set<String> payers = new LinkedHashSet<>();
            claims.forEach(c -> payers.add(c.payer()));
            for (String payer : payers) {
                Map<String, Object> row = arValues(c -> c.payer().equals(payer), charges(l -> l.claim().payer().equals(payer), from, to), days);
                if (!allZero(row)) {
                    rows.put(payer, row);
                }
            }
        }
        return new Table(rows, arValues(c -> true, charges(l -> true, from, to), days));
    }

    private Map<String, Object> arValues(Function<Claim, Boolean> in, BigDecimal charges, long days) {
        BigDecimal[] insurance = zeros(BOUNDS.length + 1);
        BigDecimal[] patient = zeros(BOUNDS.length + 1);
        for (Claim c : claims) {
            if (!in.apply(c)) {
                continue;
            }
            BigDecimal[] b = balance(c.stored());
            int i = bucket(c.stored().claim().dateOfService());
            insurance[i] = insurance[i].add(b[0]);
            patient[i] = patient[i].add(b[1]);
        }
        String[] names = {"0To30", "31To60", "61To90", "91To120", "Over120"};
        Map<String, Object> v = new LinkedHashMap<>();
        BigDecimal insuranceTotal = BigDecimal.ZERO;
        BigDecimal patientTotal = BigDecimal.ZERO;
        for (int i = 0; i < names.length; i++) {
            v.put("insurance" + names[i], money(insurance[i]));
            insuranceTotal = insuranceTotal.add(insurance[i]);
        }
        v.put("insuranceTotal", money(insuranceTotal));
        for (int i = 0; i < names.length; i++) {
            v.put("patient" + names[i], money(patient[i]));
            patientTotal = patientTotal.add(patient[i]);
        }
        v.put("patientTotal", money(patientTotal));
        BigDecimal total = insuranceTotal.add(patientTotal);
        v.put("arTotal", money(total));
        v.put("arOver90Share", ratio(insurance[3].add(insurance[4]).add(patient[3]).add(patient[4]), total));
        v.put("charges", money(charges));
        v.put("daysInPeriod", n(days));
        v.put("daysInAr", charges.signum() == 0 ? null : total.multiply(BigDecimal.valueOf(days)).divide(charges, 1, RoundingMode.HALF_UP));
        return v;
    }

    private String payerOf(Map<?, ?> posting) {
        String claimId = ((AttributeValue) posting.get("claimId")).s();
        return claims.stream().filter(c -> c.stored().claim().id().equals(claimId)).findFirst().map(Claim::payer).orElse("unknown");
    }

    private Map<String, Object> collectionValues(Function<Object, Boolean> in, LocalDate from, LocalDate to) {
        BigDecimal payments = BigDecimal.ZERO, credits = BigDecimal.ZERO, contractual = BigDecimal.ZERO;
        for (Map<String, AttributeValue> p : postings) {
            if (!in.apply(p)) {
                continue;
            }
            LocalDate day = p.containsKey("paymentDate") ? LocalDate.parse(p.get("paymentDate").s())
                    : local(Instant.parse(p.get("postedAt").s()));
            if (!in(day, from, to)) {
                continue;
            }
            BigDecimal paid = new BigDecimal(p.get("paid").n());
            if ("22".equals(p.get("statusCode").s())) {
                credits = credits.add(paid.negate());
            } else {
                payments = payments.add(paid);
            }
            for (AttributeValue e : p.get("entries").l()) {
                Map<String, AttributeValue> entry = e.m();
                if ("ADJUSTMENT".equals(entry.get("kind").s()) && entry.containsKey("group") && "CO".equals(entry.get("group").s())
                        && entry.containsKey("reason") && CONTRACTUAL.contains(entry.get("reason").s())) {
                    contractual = contractual.add(new BigDecimal(entry.get("amount").n()));
                }
            }
        }
        BigDecimal charges = charges(l -> in.apply(l), from, to);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("payments", money(payments));
        v.put("credits", money(credits));
        v.put("charges", money(charges));
        v.put("contractualAdjustments", money(contractual));
        v.put("netCollectionRate", ratio(payments.subtract(credits), charges.subtract(contractual)));
        return v;
    }

    // ------------------------------------------------------------------ lags

    private Map<String, Object> lagValues(Function<Object, Boolean> in, LocalDate from, LocalDate to) {
        List<Long> charge = new ArrayList<>();
        List<Long> submission = new ArrayList<>();
        List<Long> payment = new ArrayList<>();
        for (Claim c : claims) {
            if (!in.apply(c)) {
                continue;
            }
            ClaimMilestones m = c.m();
            LocalDate created = local(c.stored().createdAt());
            if (c.stored().claim().frequency() == ClaimFrequency.ORIGINAL && in(created, from, to)) {
                charge.add(clamp(ChronoUnit.DAYS.between(c.stored().claim().dateOfService(), created)));
            }
            if (m.firstSubmittedAt() != null && in(local(m.firstSubmittedAt()), from, to)) {
                submission.add(clamp(ChronoUnit.DAYS.between(created, local(m.firstSubmittedAt()))));
            }
            if (m.firstAdjudicatedAt() != null && in(local(m.firstAdjudicatedAt()), from, to) && m.firstSubmittedAt() != null
                    && (m.firstAdjudication() == ClaimStatus.PAID || m.firstAdjudication() == ClaimStatus.PARTIALLY_PAID)) {
                payment.add(clamp(ChronoUnit.DAYS.between(local(m.firstSubmittedAt()), local(m.firstAdjudicatedAt()))));
            }
        }
        Map<String, Object> v = new LinkedHashMap<>();
        lag(v, "chargeLag", charge);
        lag(v, "submissionLag", submission);
        lag(v, "paymentLag", payment);
        return v;
    }

    private static long clamp(long days) {
        return Math.max(0, Math.min(MAX_LAG, days));
    }

    private static void lag(Map<String, Object> v, String name, List<Long> values) {
        v.put(name + "Median", rank(values, 50));
        v.put(name + "P90", rank(values, 90));
        v.put(name + "Claims", n(values.size()));
    }

    /** Nearest rank: the ceil(p % of n)-th smallest. */
    static BigDecimal rank(List<Long> values, int p) {
        if (values.isEmpty()) {
            return null;
        }
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.naturalOrder());
        int rank = (int) Math.max(1, Math.ceil(p / 100.0 * sorted.size()));
        return BigDecimal.valueOf(sorted.get(rank - 1));
    }

    // ------------------------------------------------------------------ sessions

    private long noticeHours(Session s) {
        if (s.cancelledAt() == null) {
            return MAX_NOTICE;
        }
        long minutes = Duration.between(s.cancelledAt(), s.appointment().start().atZone(zone).toInstant()).toMinutes();
        return Math.max(0, Math.min(MAX_NOTICE, Math.floorDiv(minutes, 60)));
    }

    private Map<String, Object> attendanceValues(Function<Object, Boolean> in, LocalDate from, LocalDate to) {
        long completed = 0, noShows = 0, cancellations = 0, late = 0;
        for (Session s : sessions) {
            if (!in.apply(s) || !in(s.appointment().dateOfService(), from, to)) {
                continue;
            }
            switch (s.appointment().status()) {
                case COMPLETED -> completed++;
                case NO_SHOW -> noShows++;
                case CANCELLED -> {
                    cancellations++;
                    late += noticeHours(s) < t.lateCancelHours() ? 1 : 0;
                }
                default -> { }
            }
        }
        long due = completed + noShows + late;
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("completed", n(completed));
        v.put("noShows", n(noShows));
        v.put("cancellations", n(cancellations));
        v.put("lateCancellations", n(late));
        v.put("due", n(due));
        v.put("noShowRate", ratio(n(noShows), n(due)));
        v.put("lateCancelRate", ratio(n(late), n(due)));
        return v;
    }

    private Table productivity(String groupBy, LocalDate from, LocalDate to) {
        Function<String, String> group = groupBy.equals("discipline") ? p -> disciplines.getOrDefault(p, "unknown") : p -> p;
        Function<Object, Boolean> all = o -> true;
        Map<String, Object> total = productivityValues(all, from, to);
        if (groupBy.equals("none")) {
            return new Table(Map.of(), total);
        }
        Function<Object, String> key = o -> o instanceof Session s ? group.apply(s.appointment().providerId())
                : o instanceof LineRef l ? group.apply(l.provider()) : null;
        Map<String, Map<String, Object>> rows = new TreeMap<>();
        for (String k : keys(key)) {
            Map<String, Object> row = productivityValues(o -> k.equals(key.apply(o)), from, to);
            if (!allZero(row)) {
                rows.put(k, row);
            }
        }
        return new Table(rows, total);
    }

    private Map<String, Object> productivityValues(Function<Object, Boolean> in, LocalDate from, LocalDate to) {
        long sessionsDone = sessions.stream().filter(s -> in.apply(s) && s.appointment().status() == AppointmentStatus.COMPLETED
                && in(s.appointment().dateOfService(), from, to)).count();
        long units = 0;
        BigDecimal charges = BigDecimal.ZERO;
        for (LineRef l : lineRefs()) {
            if (in.apply(l) && in(l.claim().stored().claim().dateOfService(), from, to)) {
                units += l.line().units();
                charges = charges.add(l.line().amount());
            }
        }
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("sessions", n(sessionsDone));
        v.put("units", n(units));
        v.put("charges", money(charges));
        return v;
    }

    // ------------------------------------------------------------------ leakage

    /** An open item of a leakage list, due or not. */
    record Work(String kind, LocalDate since, String id, BigDecimal amount, BigDecimal units) {
    }

    List<Work> work() {
        List<Work> work = new ArrayList<>();
        for (Session s : sessions) {
            Appointment a = s.appointment();
            boolean signed = notes.stream().anyMatch(n -> n.appointmentId().equals(a.id()) && n.status() == NoteStatus.SIGNED);
            if (a.status() == AppointmentStatus.COMPLETED && !signed) {
                work.add(new Work("NOTE_MISSING", a.dateOfService(), a.id(), null, null));
            }
        }
        for (Note n : notes) {
            List<String> claimIds = captures.get(n.id());
            if (n.status() == NoteStatus.SIGNED && (claimIds == null || claimIds.isEmpty())) {
                work.add(new Work("CLAIM_MISSING", local(n.signedAt()), n.id(), null, null));
            }
        }
        for (Claim c : claims) {
            StoredClaim s = c.stored();
            Instant scrubbed = c.scrubbedAt() != null ? c.scrubbedAt() : s.createdAt();
            BigDecimal charge = s.claim().totalCharge();
            PayerResponse r = s.response();
            switch (s.status()) {
                case READY -> work.add(new Work("UNSUBMITTED", local(scrubbed), s.claim().id(), charge, null));
                case NEEDS_REVIEW -> work.add(new Work("REVIEW", local(scrubbed), s.claim().id(), charge, null));
                case REJECTED -> work.add(new Work("REJECTED", local(r.acknowledgement() != null && r.acknowledgement().at() != null
                        ? r.acknowledgement().at() : r.submittedAt() != null ? r.submittedAt() : s.createdAt()), s.claim().id(), charge, null));
                case DENIED, PARTIALLY_PAID -> {
                    if (!r.denials().isEmpty()) {
                        BigDecimal open = r.denials().stream().map(PayerResponse.Denial::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
                        work.add(new Work("DENIED", local(r.remittance().lastPostedAt()), s.claim().id(), open, null));
                    }
                }
                default -> { }
            }
        }
        for (Map<String, AttributeValue> a : authorizations) {
            long remaining = Math.max(0, Long.parseLong(a.get("authorized").n()) - Long.parseLong(a.get("rendered").n())
                    - Long.parseLong(a.get("scheduled").n()));
            if (remaining > 0) {
                org.therapyops.domain.UnitType type = org.therapyops.domain.UnitType.valueOf(a.get("unitType").s());
                work.add(new Work("EXPIRING", LocalDate.parse(a.get("endDate").s()), a.get("id").s(), null, type.fromLedger(remaining)));
            }
        }
        return work;
    }

    boolean due(Work w) {
        int days = switch (w.kind()) {
            case "NOTE_MISSING" -> t.noteMissingDays();
            case "CLAIM_MISSING" -> t.claimMissingDays();
            case "UNSUBMITTED" -> t.unsubmittedDays();
            case "REVIEW" -> t.reviewDays();
            case "REJECTED" -> t.rejectedDays();
            case "DENIED" -> t.deniedDays();
            default -> t.expiringWithinDays();
        };
        if (w.kind().equals("EXPIRING")) {
            return !w.since().isBefore(today) && !w.since().isAfter(today.plusDays(days));
        }
        return !w.since().isAfter(today.minusDays(days));
    }

    private int threshold(String kind) {
        return switch (kind) {
            case "NOTE_MISSING" -> t.noteMissingDays();
            case "CLAIM_MISSING" -> t.claimMissingDays();
            case "UNSUBMITTED" -> t.unsubmittedDays();
            case "REVIEW" -> t.reviewDays();
            case "REJECTED" -> t.rejectedDays();
            case "DENIED" -> t.deniedDays();
            default -> t.expiringWithinDays();
        };
    }

    static final List<String> KINDS = List.of("NOTE_MISSING", "CLAIM_MISSING", "UNSUBMITTED", "REVIEW", "REJECTED", "DENIED", "EXPIRING");

    private Table leakage() {
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        List<Work> due = work().stream().filter(this::due).toList();
        for (String kind : KINDS) {
            List<Work> items = due.stream().filter(w -> w.kind().equals(kind)).toList();
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("count", n(items.size()));
            BigDecimal amount = items.stream().map(Work::amount).filter(java.util.Objects::nonNull).reduce(BigDecimal::add).orElse(null);
            v.put("amount", amount == null ? null : money(amount));
            v.put("units", items.stream().map(Work::units).filter(java.util.Objects::nonNull).reduce(BigDecimal::add).orElse(null));
            v.put("oldestSince", items.stream().map(Work::since).min(Comparator.naturalOrder()).map(LocalDate::toString).orElse(null));
            v.put("thresholdDays", n(threshold(kind)));
            rows.put(kind, v);
        }
        return new Table(rows, null);
    }

    private Table leakageItems() {
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        for (Work w : work()) {
            if (due(w)) {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("since", w.since().toString());
                v.put("ageDays", n(ChronoUnit.DAYS.between(w.since(), today)));
                v.put("amount", w.amount() == null ? null : money(w.amount()));
                v.put("units", w.units());
                rows.put(w.kind() + "/" + w.id(), v);
            }
        }
        return new Table(rows, null);
    }

    // ------------------------------------------------------------------ summary

    private Map<String, Object> summary(LocalDate from, LocalDate to) {
        Map<String, Object> c = claimValues(o -> true, from, to);
        Map<String, Object> money = collectionValues(o -> true, from, to);
        Map<String, Object> lags = lagValues(o -> true, from, to);
        Map<String, Object> attendance = attendanceValues(o -> true, from, to);
        Map<String, Object> ar = arValues(x -> true, charges(l -> true, from, to), ChronoUnit.DAYS.between(from, to) + 1);
        Map<String, Object> v = new LinkedHashMap<>();
        for (String k : List.of("cleanClaimRate", "firstPassAcceptanceRate", "firstPassResolutionRate", "denialRateByCount",
                "denialRateByAmount")) {
            v.put(k, c.get(k));
        }
        v.put("charges", money.get("charges"));
        v.put("payments", money.get("payments"));
        v.put("credits", money.get("credits"));
        v.put("netCollectionRate", money.get("netCollectionRate"));
        v.put("arInsurance", ar.get("insuranceTotal"));
        v.put("arPatient", ar.get("patientTotal"));
        v.put("arTotal", ar.get("arTotal"));
        v.put("arOver90Share", ar.get("arOver90Share"));
        v.put("daysInAr", ar.get("daysInAr"));
        v.put("chargeLagMedian", lags.get("chargeLagMedian"));
        v.put("submissionLagMedian", lags.get("submissionLagMedian"));
        v.put("paymentLagMedian", lags.get("paymentLagMedian"));
        v.put("sessions", attendance.get("completed"));
        v.put("noShowRate", attendance.get("noShowRate"));
        v.put("lateCancelRate", attendance.get("lateCancelRate"));
        List<Work> due = work().stream().filter(this::due).toList();
        Map<String, String> names = Map.of("NOTE_MISSING", "noteMissing", "CLAIM_MISSING", "claimMissing", "UNSUBMITTED", "unsubmitted",
                "REVIEW", "review", "REJECTED", "rejected", "DENIED", "denied", "EXPIRING", "expiring");
        for (String kind : KINDS) {
            v.put(names.get(kind), n(due.stream().filter(w -> w.kind().equals(kind)).count()));
        }
        v.put("leakageAmount", money(due.stream().filter(w -> List.of("UNSUBMITTED", "REVIEW", "REJECTED", "DENIED").contains(w.kind()))
                .map(Work::amount).reduce(BigDecimal.ZERO, BigDecimal::add)));
        return v;
    }

    // ------------------------------------------------------------------ values

    static BigDecimal n(long value) {
        return BigDecimal.valueOf(value);
    }

    static BigDecimal money(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }

    static BigDecimal ratio(BigDecimal numerator, BigDecimal denominator) {
        return denominator.signum() == 0 ? null : numerator.divide(denominator, 4, RoundingMode.HALF_UP);
    }

    private static BigDecimal[] zeros(int n) {
        BigDecimal[] values = new BigDecimal[n];
        java.util.Arrays.fill(values, BigDecimal.ZERO);
        return values;
    }
}
