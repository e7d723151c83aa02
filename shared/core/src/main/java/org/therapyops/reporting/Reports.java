package org.therapyops.reporting;

import org.therapyops.domain.PracticeSettings;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import static org.therapyops.reporting.ReportTable.Type.AMOUNT;
import static org.therapyops.reporting.ReportTable.Type.COUNT;
import static org.therapyops.reporting.ReportTable.Type.DATE;
import static org.therapyops.reporting.ReportTable.Type.DAYS;
import static org.therapyops.reporting.ReportTable.Type.RATIO;
import static org.therapyops.reporting.ReportTable.Type.TEXT;
import static org.therapyops.reporting.ReportTable.Type.UNITS;

/**
 * Computes each report from the aggregates, exactly as docs/reports.md defines its figures: sums of the day counters
 * over the range, ratios of those sums (null when the denominator is zero), nearest-rank medians and 90th percentiles
 * of the lag histograms, the open A/R aged by date of service as of today, and the worklists as of today.
 */
public final class Reports {

    /** Scale of ratios (0.9512), amounts (cents), days in A/R. */
    static final int RATIO_SCALE = 4;
    static final int AMOUNT_SCALE = 2;
    static final int DAYS_SCALE = 1;

    private final ReportingRules rules;

    public Reports(ReportingRules rules) {
        this.rules = rules;
    }

    public ReportTable build(ReportQuery q, ReportData data) {
        Sums sums = new Sums(data, q.from(), q.to());
        return switch (q.name()) {
            case SUMMARY -> summary(q, data, sums);
            case CLAIMS -> grouped(q, data, sums, CLAIM_COLUMNS, Reports::claimValues);
            case DENIALS -> denials(q, data, sums);
            case AR -> ar(q, data, sums);
            case COLLECTIONS -> grouped(q, data, sums, COLLECTION_COLUMNS, Reports::collectionValues);
            case LAGS -> lags(q, data, sums);
            case LEAKAGE -> leakage(q, data);
            case LEAKAGE_ITEMS -> leakageItems(q, data);
            case ATTENDANCE -> grouped(q, data, sums, ATTENDANCE_COLUMNS, m -> attendanceValues(m, data.thresholds()));
            case PRODUCTIVITY -> grouped(q, data, sums, PRODUCTIVITY_COLUMNS, Reports::productivityValues);
        };
    }

    // ------------------------------------------------------------------ claims: clean, first pass, denials

    static final List<ReportTable.Column> CLAIM_COLUMNS = List.of(
            col("claimsScrubbed", COUNT), col("cleanClaims", COUNT), col("cleanClaimRate", RATIO, "clean-claim-rate"),
            col("claimsDecided", COUNT), col("acceptedFirstPass", COUNT),
            col("firstPassAcceptanceRate", RATIO, "first-pass-acceptance"),
            col("claimsAdjudicated", COUNT), col("resolvedFirstPass", COUNT),
            col("firstPassResolutionRate", RATIO, "first-pass-resolution"),
            col("claimsDenied", COUNT), col("denialRateByCount", RATIO, "denial-rate-count"),
            col("chargesAdjudicated", AMOUNT), col("chargesDenied", AMOUNT), col("denialRateByAmount", RATIO, "denial-rate-amount"));

    static Map<String, Object> claimValues(Metrics m) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("claimsScrubbed", count(m.get(Metric.SCRUBBED)));
        v.put("cleanClaims", count(m.get(Metric.CLEAN)));
        v.put("cleanClaimRate", ratio(m.get(Metric.CLEAN), m.get(Metric.SCRUBBED)));
        v.put("claimsDecided", count(m.get(Metric.DECIDED)));
        v.put("acceptedFirstPass", count(m.get(Metric.ACCEPTED_FIRST)));
        v.put("firstPassAcceptanceRate", ratio(m.get(Metric.ACCEPTED_FIRST), m.get(Metric.DECIDED)));
        v.put("claimsAdjudicated", count(m.get(Metric.ADJUDICATED)));
        v.put("resolvedFirstPass", count(m.get(Metric.RESOLVED_FIRST)));
        v.put("firstPassResolutionRate", ratio(m.get(Metric.RESOLVED_FIRST), m.get(Metric.ADJUDICATED)));
        v.put("claimsDenied", count(m.get(Metric.DENIED)));
        v.put("denialRateByCount", ratio(m.get(Metric.DENIED), m.get(Metric.ADJUDICATED)));
        v.put("chargesAdjudicated", amount(m.get(Metric.ADJUDICATED_CHARGE)));
        v.put("chargesDenied", amount(m.get(Metric.DENIED_AMOUNT)));
        v.put("denialRateByAmount", ratio(m.get(Metric.DENIED_AMOUNT), m.get(Metric.ADJUDICATED_CHARGE)));
        return v;
    }

    static final List<ReportTable.Column> DENIAL_COLUMNS = List.of(
            col("deniedClaims", COUNT), col("deniedAmount", AMOUNT),
            col("denialRateByCount", RATIO, "denial-rate-count"), col("denialRateByAmount", RATIO, "denial-rate-amount"),
            col("shareOfDeniedAmount", RATIO, "denial-share"));

    private ReportTable denials(ReportQuery q, ReportData data, Sums sums) {
        Metrics total = sums.totals();
        BigDecimal allDenied = total.get(Metric.DENIED_AMOUNT);
        List<ReportTable.Row> rows = new ArrayList<>();
        if (q.groupBy() == Dimension.CARC) {
            Map<String, Metrics> byCarc = sums.by(Aggregate.Kind.DAY_CARC, Function.identity());
            for (Map.Entry<String, Metrics> e : byCarc.entrySet()) {
                Metrics m = e.getValue();
                rows.add(new ReportTable.Row(e.getKey(), e.getKey(), denialValues(m.get(Metric.DENIED_CLAIMS),
                        m.get(Metric.DENIED_AMOUNT), total.get(Metric.ADJUDICATED), total.get(Metric.ADJUDICATED_CHARGE), allDenied)));
            }
        } else if (q.groupBy() == Dimension.PAYER) {
            for (Map.Entry<String, Metrics> e : sums.by(Aggregate.Kind.DAY_PAYER, Function.identity()).entrySet()) {
                Metrics m = e.getValue();
                rows.add(new ReportTable.Row(e.getKey(), label(data.payerNames(), e.getKey()), denialValues(m.get(Metric.DENIED),
                        m.get(Metric.DENIED_AMOUNT), m.get(Metric.ADJUDICATED), m.get(Metric.ADJUDICATED_CHARGE), allDenied)));
            }
        }
        rows.removeIf(r -> !meaningful(r));
        rows.sort(ROW_ORDER);
        ReportTable.Row all = new ReportTable.Row(null, "All", denialValues(total.get(Metric.DENIED), allDenied,
                total.get(Metric.ADJUDICATED), total.get(Metric.ADJUDICATED_CHARGE), allDenied));
        return new ReportTable(q, data.today(), DENIAL_COLUMNS, rows, all);
    }

    private static Map<String, Object> denialValues(BigDecimal claims, BigDecimal amount, BigDecimal adjudicated,
                                                    BigDecimal adjudicatedCharge, BigDecimal allDenied) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("deniedClaims", count(claims));
        v.put("deniedAmount", amount(amount));
        v.put("denialRateByCount", ratio(claims, adjudicated));
        v.put("denialRateByAmount", ratio(amount, adjudicatedCharge));
        v.put("shareOfDeniedAmount", ratio(amount, allDenied));
        return v;
    }

    // ------------------------------------------------------------------ A/R

    private ReportTable ar(ReportQuery q, ReportData data, Sums sums) {
        boolean byPayerRows = q.groupBy() == Dimension.PAYER;
        Map<String, OpenAr> byPayer = openAr(data, byPayerRows);
        List<ReportTable.Column> columns = arColumns();
        Map<String, Metrics> chargesByPayer = byPayerRows ? sums.by(Aggregate.Kind.DAY_PAYER, Function.identity()) : Map.of();
        List<ReportTable.Row> rows = new ArrayList<>();
        if (byPayerRows) {
            TreeSet<String> payers = new TreeSet<>(byPayer.keySet());
            payers.addAll(chargesByPayer.keySet());
            for (String payer : payers) {
                OpenAr ar = byPayer.getOrDefault(payer, new OpenAr(buckets()));
                BigDecimal charges = chargesByPayer.getOrDefault(payer, Metrics.EMPTY).get(Metric.CHARGES);
                rows.add(new ReportTable.Row(payer, label(data.payerNames(), payer), arValues(ar, charges, q.days())));
            }
            rows.removeIf(r -> !meaningful(r));
            rows.sort(ROW_ORDER);
        }
        OpenAr all = new OpenAr(buckets());
        byPayer.values().forEach(all::add);
        ReportTable.Row total = new ReportTable.Row(null, "All", arValues(all, sums.totals().get(Metric.CHARGES), q.days()));
        return new ReportTable(q, data.today(), columns, rows, total);
    }

    /** The key of {@link #openAr}'s one entry when not by payer. */
    private static final String ALL_PAYERS = "";

    /**
     * The open A/R in aging buckets by days since the date of service (as of today; future dates count as 0): by payer
     * from the {@code ins|payer} counters, or else from the counters of all payers together under {@value #ALL_PAYERS}.
     */
    Map<String, OpenAr> openAr(ReportData data, boolean byPayer) {
        Map<String, OpenAr> result = new TreeMap<>();
        Map<String, BigDecimal[]> recent = new HashMap<>(); // payer → [insurance, patient] within the last bound
        for (Map.Entry<Aggregate, Map<String, BigDecimal>> e : data.aggregates().entrySet()) {
            Aggregate a = e.getKey();
            if (a.kind() != Aggregate.Kind.AR_DAY) {
                continue;
            }
            long age = Math.max(0, ChronoUnit.DAYS.between(a.day(), data.today()));
            if (age > rules.lastBound()) {
                continue; // counted in the oldest bucket, from the total
            }
            int bucket = bucketOf(age);
            e.getValue().forEach((counter, amount) -> {
                Metric.Parsed p = Metric.parse(counter);
                String key = arKey(p, byPayer);
                if (key == null) {
                    return;
                }
                OpenAr ar = result.computeIfAbsent(key, k -> new OpenAr(buckets()));
                BigDecimal[] r = recent.computeIfAbsent(key, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                if (Metric.AR_INSURANCE.equals(p.metric())) {
                    ar.insurance[bucket] = ar.insurance[bucket].add(amount);
                    r[0] = r[0].add(amount);
                } else if (Metric.AR_PATIENT.equals(p.metric())) {
                    ar.patient[bucket] = ar.patient[bucket].add(amount);
                    r[1] = r[1].add(amount);
                }
            });
        }
        Map<String, BigDecimal> totals = data.aggregates().getOrDefault(Aggregate.total(), Map.of());
        Map<String, BigDecimal[]> all = new HashMap<>();
        totals.forEach((counter, amount) -> {
            Metric.Parsed p = Metric.parse(counter);
            String key = arKey(p, byPayer);
            if (key == null) {
                return;
            }
            BigDecimal[] t = all.computeIfAbsent(key, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            if (Metric.AR_INSURANCE.equals(p.metric())) {
                t[0] = t[0].add(amount);
            } else if (Metric.AR_PATIENT.equals(p.metric())) {
                t[1] = t[1].add(amount);
            }
        });
        int oldest = rules.agingBounds().size();
        all.forEach((payer, t) -> {
            BigDecimal[] r = recent.getOrDefault(payer, new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            OpenAr ar = result.computeIfAbsent(payer, k -> new OpenAr(buckets()));
            ar.insurance[oldest] = ar.insurance[oldest].add(t[0].subtract(r[0]));
            ar.patient[oldest] = ar.patient[oldest].add(t[1].subtract(r[1]));
        });
        result.values().removeIf(OpenAr::isZero);
        return result;
    }

    /** What an open A/R counter counts under: its payer (by payer), {@value #ALL_PAYERS} (all payers' counters), else null. */
    private static String arKey(Metric.Parsed counter, boolean byPayer) {
        return byPayer ? counter.value() : counter.value() == null ? ALL_PAYERS : null;
    }

    int bucketOf(long age) {
        List<Integer> bounds = rules.agingBounds();
        for (int i = 0; i < bounds.size(); i++) {
            if (age <= bounds.get(i)) {
                return i;
            }
        }
        return bounds.size();
    }

    private int buckets() {
        return rules.agingBounds().size() + 1;
    }

    /** Open balances by aging bucket: insurance (the payer's part) and patient responsibility. */
    static final class OpenAr {
        final BigDecimal[] insurance;
        final BigDecimal[] patient;

        OpenAr(int buckets) {
            insurance = new BigDecimal[buckets];
            patient = new BigDecimal[buckets];
            java.util.Arrays.fill(insurance, BigDecimal.ZERO);
            java.util.Arrays.fill(patient, BigDecimal.ZERO);
        }

        void add(OpenAr other) {
            for (int i = 0; i < insurance.length; i++) {
                insurance[i] = insurance[i].add(other.insurance[i]);
                patient[i] = patient[i].add(other.patient[i]);
            }
        }

        BigDecimal insuranceTotal() {
            return sum(insurance);
        }

        BigDecimal patientTotal() {
            return sum(patient);
        }

        boolean isZero() {
            return insuranceTotal().signum() == 0 && patientTotal().signum() == 0
                    && java.util.Arrays.stream(insurance).allMatch(v -> v.signum() == 0)
                    && java.util.Arrays.stream(patient).allMatch(v -> v.signum() == 0);
        }

        private static BigDecimal sum(BigDecimal[] values) {
            BigDecimal s = BigDecimal.ZERO;
            for (BigDecimal v : values) {
                s = s.add(v);
            }
            return s;
        }
    }

    /** Bucket names from the bounds: {@code 0To30}, {@code 31To60}, …, {@code Over120}. */
    List<String> bucketNames() {
        List<String> names = new ArrayList<>();
        int low = 0;
        for (int bound : rules.agingBounds()) {
            names.add(low + "To" + bound);
            low = bound + 1;
        }
        names.add("Over" + rules.lastBound());
        return names;
    }

    private List<ReportTable.Column> arColumns() {
        List<ReportTable.Column> columns = new ArrayList<>();
        for (String b : bucketNames()) {
            columns.add(col("insurance" + b, AMOUNT, "ar-aging"));
        }
        columns.add(col("insuranceTotal", AMOUNT, "ar-aging"));
        for (String b : bucketNames()) {
            columns.add(col("patient" + b, AMOUNT, "ar-aging"));
        }
        columns.add(col("patientTotal", AMOUNT, "ar-aging"));
        columns.add(col("arTotal", AMOUNT, "ar-aging"));
        columns.add(col("arOver90Share", RATIO, "ar-over-90"));
        columns.add(col("charges", AMOUNT, "charges"));
        columns.add(col("daysInPeriod", COUNT));
        columns.add(col("daysInAr", DAYS, "days-in-ar"));
        return columns;
    }

    private Map<String, Object> arValues(OpenAr ar, BigDecimal charges, long days) {
        Map<String, Object> v = new LinkedHashMap<>();
        List<String> names = bucketNames();
        for (int i = 0; i < names.size(); i++) {
            v.put("insurance" + names.get(i), amount(ar.insurance[i]));
        }
        v.put("insuranceTotal", amount(ar.insuranceTotal()));
        for (int i = 0; i < names.size(); i++) {
            v.put("patient" + names.get(i), amount(ar.patient[i]));
        }
        v.put("patientTotal", amount(ar.patientTotal()));
        BigDecimal total = ar.insuranceTotal().add(ar.patientTotal());
        v.put("arTotal", amount(total));
        v.put("arOver90Share", ratio(over90(ar), total));
        v.put("charges", amount(charges));
        v.put("daysInPeriod", BigDecimal.valueOf(days));
        v.put("daysInAr", daysInAr(total, charges, days));
        return v;
    }

    /** Balances in the buckets that start after 90 days (null when 90 is not one of the bounds). */
    private BigDecimal over90(OpenAr ar) {
        int i = rules.agingBounds().indexOf(90);
        if (i < 0) {
            return null;
        }
        BigDecimal over = BigDecimal.ZERO;
        for (int b = i + 1; b < ar.insurance.length; b++) {
            over = over.add(ar.insurance[b]).add(ar.patient[b]);
        }
        return over;
    }

    /** MGMA: total A/R ÷ (charges of the period × 1 / days in the period); null without charges. */
    static BigDecimal daysInAr(BigDecimal ar, BigDecimal charges, long days) {
        if (charges == null || charges.signum() == 0) {
            return null;
        }
        return ar.multiply(BigDecimal.valueOf(days)).divide(charges, DAYS_SCALE, RoundingMode.HALF_UP);
    }

    // ------------------------------------------------------------------ collections

    static final List<ReportTable.Column> COLLECTION_COLUMNS = List.of(col("payments", AMOUNT), col("credits", AMOUNT),
            col("charges", AMOUNT, "charges"), col("contractualAdjustments", AMOUNT),
            col("netCollectionRate", RATIO, "net-collection-rate"));

    static Map<String, Object> collectionValues(Metrics m) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("payments", amount(m.get(Metric.PAYMENTS)));
        v.put("credits", amount(m.get(Metric.CREDITS)));
        v.put("charges", amount(m.get(Metric.CHARGES)));
        v.put("contractualAdjustments", amount(m.get(Metric.CONTRACTUAL)));
        v.put("netCollectionRate", ratio(m.get(Metric.PAYMENTS).subtract(m.get(Metric.CREDITS)),
                m.get(Metric.CHARGES).subtract(m.get(Metric.CONTRACTUAL))));
        return v;
    }

    // ------------------------------------------------------------------ lags

    static final List<ReportTable.Column> LAG_COLUMNS = List.of(
            col("chargeLagMedian", DAYS, "charge-lag"), col("chargeLagP90", DAYS, "charge-lag"), col("chargeLagClaims", COUNT),
            col("submissionLagMedian", DAYS, "submission-lag"), col("submissionLagP90", DAYS, "submission-lag"),
            col("submissionLagClaims", COUNT),
            col("paymentLagMedian", DAYS, "payment-lag"), col("paymentLagP90", DAYS, "payment-lag"), col("paymentLagClaims", COUNT));

    private ReportTable lags(ReportQuery q, ReportData data, Sums sums) {
        return grouped(q, data, sums, LAG_COLUMNS, Reports::lagValues);
    }

    static Map<String, Object> lagValues(Metrics m) {
        Map<String, Object> v = new LinkedHashMap<>();
        lag(v, "chargeLag", m.histogram(Metric.LAG_CHARGE));
        lag(v, "submissionLag", m.histogram(Metric.LAG_SUBMIT));
        lag(v, "paymentLag", m.histogram(Metric.LAG_PAY));
        return v;
    }

    private static void lag(Map<String, Object> v, String name, Map<Long, BigDecimal> histogram) {
        v.put(name + "Median", percentile(histogram, 50));
        v.put(name + "P90", percentile(histogram, 90));
        v.put(name + "Claims", count(histogram.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add)));
    }

    /** Nearest rank: the smallest value at or below which at least p % of the counted values lie; null when none. */
    static BigDecimal percentile(Map<Long, BigDecimal> histogram, int p) {
        long n = histogram.values().stream().mapToLong(BigDecimal::longValueExact).sum();
        if (n == 0) {
            return null;
        }
        long rank = Math.max(1, (long) Math.ceil(p / 100.0 * n));
        long seen = 0;
        for (Map.Entry<Long, BigDecimal> e : new TreeMap<>(histogram).entrySet()) {
            seen += e.getValue().longValueExact();
            if (seen >= rank) {
                return BigDecimal.valueOf(e.getKey());
            }
        }
        throw new IllegalStateException("unreachable");
    }

    // ------------------------------------------------------------------ attendance and productivity

    static final List<ReportTable.Column> ATTENDANCE_COLUMNS = List.of(col("completed", COUNT), col("noShows", COUNT),
            col("cancellations", COUNT), col("lateCancellations", COUNT), col("due", COUNT),
            col("noShowRate", RATIO, "no-show-rate"), col("lateCancelRate", RATIO, "late-cancel-rate"));

    static Map<String, Object> attendanceValues(Metrics m, PracticeSettings.ReportingThresholds t) {
        Map<Long, BigDecimal> cancels = m.histogram(Metric.CANCELLED);
        BigDecimal all = cancels.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal late = cancels.entrySet().stream().filter(e -> e.getKey() < t.lateCancelHours()).map(Map.Entry::getValue)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal completed = m.get(Metric.COMPLETED);
        BigDecimal noShows = m.get(Metric.NO_SHOW);
        BigDecimal due = completed.add(noShows).add(late);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("completed", count(completed));
        v.put("noShows", count(noShows));
        v.put("cancellations", count(all));
        v.put("lateCancellations", count(late));
        v.put("due", count(due));
        v.put("noShowRate", ratio(noShows, due));
        v.put("lateCancelRate", ratio(late, due));
        return v;
    }

    static final List<ReportTable.Column> PRODUCTIVITY_COLUMNS = List.of(col("sessions", COUNT, "productivity"),
            col("units", UNITS, "productivity"), col("charges", AMOUNT, "productivity"));

    static Map<String, Object> productivityValues(Metrics m) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("sessions", count(m.get(Metric.COMPLETED)));
        v.put("units", count(m.get(Metric.UNITS)));
        v.put("charges", amount(m.get(Metric.CHARGES)));
        return v;
    }

    // ------------------------------------------------------------------ leakage

    static final List<ReportTable.Column> LEAKAGE_COLUMNS = List.of(col("count", COUNT, "leakage"), col("amount", AMOUNT, "leakage"),
            col("units", UNITS, "leakage"), col("oldestSince", DATE), col("thresholdDays", COUNT));

    /** Whether a work item is due as of today: older than its kind's threshold, or (EXPIRING) ending within the look-ahead. */
    public static boolean due(WorkItem item, LocalDate today, PracticeSettings.ReportingThresholds t) {
        return due(item.kind(), item.since(), today, t);
    }

    /** Whether work items of this kind, open since that day, are due as of today. */
    public static boolean due(WorkItem.Kind kind, LocalDate since, LocalDate today, PracticeSettings.ReportingThresholds t) {
        if (kind == WorkItem.Kind.EXPIRING) {
            return !since.isBefore(today) && !since.isAfter(today.plusDays(t.expiringWithinDays()));
        }
        return !since.isAfter(today.minusDays(threshold(kind, t)));
    }

    public static int threshold(WorkItem.Kind kind, PracticeSettings.ReportingThresholds t) {
        return switch (kind) {
            case NOTE_MISSING -> t.noteMissingDays();
            case CLAIM_MISSING -> t.claimMissingDays();
            case UNSUBMITTED -> t.unsubmittedDays();
            case REVIEW -> t.reviewDays();
            case REJECTED -> t.rejectedDays();
            case DENIED -> t.deniedDays();
            case EXPIRING -> t.expiringWithinDays();
        };
    }

    private ReportTable leakage(ReportQuery q, ReportData data) {
        Map<WorkItem.Kind, List<WorkItem>> due = dueWork(data);
        List<ReportTable.Row> rows = new ArrayList<>();
        for (WorkItem.Kind kind : WorkItem.Kind.values()) {
            List<WorkItem> items = due.get(kind);
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("count", BigDecimal.valueOf(items.size()));
            v.put("amount", sumOrNull(items, WorkItem::amount, AMOUNT_SCALE));
            v.put("units", sumOrNull(items, WorkItem::units, -1));
            v.put("oldestSince", items.stream().map(WorkItem::since).min(Comparator.naturalOrder()).orElse(null));
            v.put("thresholdDays", BigDecimal.valueOf(threshold(kind, data.thresholds())));
            rows.add(new ReportTable.Row(kind.name(), kind.name(), v));
        }
        return new ReportTable(q, data.today(), LEAKAGE_COLUMNS, rows, null);
    }

    static final List<ReportTable.Column> LEAKAGE_ITEM_COLUMNS = List.of(col("since", DATE), col("ageDays", COUNT),
            col("amount", AMOUNT), col("units", UNITS), col("detail", TEXT), col("payerId", TEXT), col("providerId", TEXT),
            col("patientId", TEXT));

    private ReportTable leakageItems(ReportQuery q, ReportData data) {
        List<ReportTable.Row> rows = new ArrayList<>();
        for (Map.Entry<WorkItem.Kind, List<WorkItem>> e : dueWork(data).entrySet()) {
            for (WorkItem item : e.getValue()) {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("since", item.since());
                v.put("ageDays", BigDecimal.valueOf(ChronoUnit.DAYS.between(item.since(), data.today())));
                v.put("amount", item.amount() == null ? null : amount(item.amount()));
                v.put("units", item.units());
                v.put("detail", item.detail());
                v.put("payerId", item.payerId());
                v.put("providerId", item.providerId());
                v.put("patientId", item.patientId());
                rows.add(new ReportTable.Row(item.kind().name(), item.id(), v));
            }
        }
        return new ReportTable(q, data.today(), LEAKAGE_ITEM_COLUMNS, rows, null);
    }

    /** The due items of each kind, oldest first (then by id). */
    static Map<WorkItem.Kind, List<WorkItem>> dueWork(ReportData data) {
        Map<WorkItem.Kind, List<WorkItem>> due = new EnumMap<>(WorkItem.Kind.class);
        for (WorkItem.Kind kind : WorkItem.Kind.values()) {
            due.put(kind, new ArrayList<>());
        }
        for (WorkItem item : data.work()) {
            if (due(item, data.today(), data.thresholds())) {
                due.get(item.kind()).add(item);
            }
        }
        due.values().forEach(list -> list.sort(Comparator.comparing(WorkItem::since).thenComparing(WorkItem::id)));
        return due;
    }

    private static BigDecimal sumOrNull(List<WorkItem> items, Function<WorkItem, BigDecimal> value, int scale) {
        BigDecimal sum = null;
        for (WorkItem i : items) {
            BigDecimal v = value.apply(i);
            if (v != null) {
                sum = sum == null ? v : sum.add(v);
            }
        }
        return sum == null || scale < 0 ? sum : sum.setScale(scale, RoundingMode.HALF_UP);
    }

    // ------------------------------------------------------------------ summary

    static final List<ReportTable.Column> SUMMARY_COLUMNS = List.of(
            col("cleanClaimRate", RATIO, "clean-claim-rate"), col("firstPassAcceptanceRate", RATIO, "first-pass-acceptance"),
            col("firstPassResolutionRate", RATIO, "first-pass-resolution"), col("denialRateByCount", RATIO, "denial-rate-count"),
            col("denialRateByAmount", RATIO, "denial-rate-amount"), col("charges", AMOUNT, "charges"), col("payments", AMOUNT),
            col("credits", AMOUNT), col("netCollectionRate", RATIO, "net-collection-rate"),
            col("arInsurance", AMOUNT, "ar-aging"), col("arPatient", AMOUNT, "ar-aging"), col("arTotal", AMOUNT, "ar-aging"),
            col("arOver90Share", RATIO, "ar-over-90"), col("daysInAr", DAYS, "days-in-ar"),
            col("chargeLagMedian", DAYS, "charge-lag"), col("submissionLagMedian", DAYS, "submission-lag"),
            col("paymentLagMedian", DAYS, "payment-lag"), col("sessions", COUNT, "productivity"),
            col("noShowRate", RATIO, "no-show-rate"), col("lateCancelRate", RATIO, "late-cancel-rate"),
            col("noteMissing", COUNT, "leakage"), col("claimMissing", COUNT, "leakage"), col("unsubmitted", COUNT, "leakage"),
            col("review", COUNT, "leakage"), col("rejected", COUNT, "leakage"), col("denied", COUNT, "leakage"),
            col("expiring", COUNT, "leakage"), col("leakageAmount", AMOUNT, "leakage"));

    private ReportTable summary(ReportQuery q, ReportData data, Sums sums) {
        Metrics m = sums.totals();
        Map<String, Object> claims = claimValues(m);
        Map<String, Object> money = collectionValues(m);
        Map<String, Object> lags = lagValues(m);
        Map<String, Object> attendance = attendanceValues(m, data.thresholds());
        OpenAr ar = openAr(data, false).getOrDefault(ALL_PAYERS, new OpenAr(buckets()));
        BigDecimal arTotal = ar.insuranceTotal().add(ar.patientTotal());
        Map<WorkItem.Kind, DueTotal> due = dueTotals(data);

        Map<String, Object> v = new LinkedHashMap<>();
        for (String name : List.of("cleanClaimRate", "firstPassAcceptanceRate", "firstPassResolutionRate", "denialRateByCount",
                "denialRateByAmount")) {
            v.put(name, claims.get(name));
        }
        v.put("charges", money.get("charges"));
        v.put("payments", money.get("payments"));
        v.put("credits", money.get("credits"));
        v.put("netCollectionRate", money.get("netCollectionRate"));
        v.put("arInsurance", amount(ar.insuranceTotal()));
        v.put("arPatient", amount(ar.patientTotal()));
        v.put("arTotal", amount(arTotal));
        v.put("arOver90Share", ratio(over90(ar), arTotal));
        v.put("daysInAr", daysInAr(arTotal, m.get(Metric.CHARGES), q.days()));
        v.put("chargeLagMedian", lags.get("chargeLagMedian"));
        v.put("submissionLagMedian", lags.get("submissionLagMedian"));
        v.put("paymentLagMedian", lags.get("paymentLagMedian"));
        v.put("sessions", attendance.get("completed"));
        v.put("noShowRate", attendance.get("noShowRate"));
        v.put("lateCancelRate", attendance.get("lateCancelRate"));
        v.put("noteMissing", due.get(WorkItem.Kind.NOTE_MISSING).count());
        v.put("claimMissing", due.get(WorkItem.Kind.CLAIM_MISSING).count());
        v.put("unsubmitted", due.get(WorkItem.Kind.UNSUBMITTED).count());
        v.put("review", due.get(WorkItem.Kind.REVIEW).count());
        v.put("rejected", due.get(WorkItem.Kind.REJECTED).count());
        v.put("denied", due.get(WorkItem.Kind.DENIED).count());
        v.put("expiring", due.get(WorkItem.Kind.EXPIRING).count());
        BigDecimal leakage = BigDecimal.ZERO;
        for (WorkItem.Kind k : List.of(WorkItem.Kind.UNSUBMITTED, WorkItem.Kind.REVIEW, WorkItem.Kind.REJECTED, WorkItem.Kind.DENIED)) {
            leakage = leakage.add(due.get(k).amount());
        }
        v.put("leakageAmount", amount(leakage));
        return new ReportTable(q, data.today(), SUMMARY_COLUMNS, List.of(), new ReportTable.Row(null, "All", v));
    }

    /** The due work items of one kind, counted and summed from the work totals (not read one by one). */
    record DueTotal(BigDecimal count, BigDecimal amount) {
    }

    /** Per kind, the open work items due as of today, from the {@link Aggregate.Kind#WORK} aggregates: the same items {@link #dueWork} lists. */
    static Map<WorkItem.Kind, DueTotal> dueTotals(ReportData data) {
        Map<WorkItem.Kind, BigDecimal[]> sums = new EnumMap<>(WorkItem.Kind.class);
        for (WorkItem.Kind kind : WorkItem.Kind.values()) {
            sums.put(kind, new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
        }
        data.aggregates().forEach((aggregate, counters) -> {
            if (aggregate.kind() == Aggregate.Kind.WORK) {
                counters.forEach((counter, value) -> addIfDue(sums, counter, value, data));
            }
        });
        Map<WorkItem.Kind, DueTotal> due = new EnumMap<>(WorkItem.Kind.class);
        sums.forEach((kind, s) -> due.put(kind, new DueTotal(count(s[0]), s[1])));
        return due;
    }

    /** One counter of a month of open work ({@code workCount|KIND@since} or {@code workAmount|…}) added to its kind if due. */
    private static void addIfDue(Map<WorkItem.Kind, BigDecimal[]> sums, String counter, BigDecimal value, ReportData data) {
        Metric.Parsed p = Metric.parse(counter);
        int at = p.value() == null ? -1 : p.value().indexOf('@');
        if (at < 0) {
            return;
        }
        WorkItem.Kind kind = WorkItem.Kind.valueOf(p.value().substring(0, at));
        if (!due(kind, LocalDate.parse(p.value().substring(at + 1)), data.today(), data.thresholds())) {
            return;
        }
        BigDecimal[] s = sums.get(kind);
        if (Metric.WORK_COUNT.equals(p.metric())) {
            s[0] = s[0].add(value);
        } else if (Metric.WORK_AMOUNT.equals(p.metric())) {
            s[1] = s[1].add(value);
        }
    }

    // ------------------------------------------------------------------ grouping

    private ReportTable grouped(ReportQuery q, ReportData data, Sums sums, List<ReportTable.Column> columns,
                                Function<Metrics, Map<String, Object>> values) {
        List<ReportTable.Row> rows = new ArrayList<>();
        switch (q.groupBy()) {
            case PAYER -> sums.by(Aggregate.Kind.DAY_PAYER, Function.identity()).forEach((payer, m) ->
                    rows.add(new ReportTable.Row(payer, label(data.payerNames(), payer), values.apply(m))));
            case PROVIDER -> sums.by(Aggregate.Kind.DAY_PROVIDER, Function.identity()).forEach((provider, m) ->
                    rows.add(new ReportTable.Row(provider, label(data.providerNames(), provider), values.apply(m))));
            case DISCIPLINE -> sums.by(Aggregate.Kind.DAY_PROVIDER,
                    provider -> data.disciplines().getOrDefault(provider, Metric.UNKNOWN)).forEach((discipline, m) ->
                    rows.add(new ReportTable.Row(discipline, discipline, values.apply(m))));
            default -> { }
        }
        rows.removeIf(r -> !meaningful(r));
        rows.sort(ROW_ORDER);
        return new ReportTable(q, data.today(), columns, rows, new ReportTable.Row(null, "All", values.apply(sums.totals())));
    }

    /** Columns that hold the same value in every row (the range's length, a threshold), ignored when judging a row. */
    static final Set<String> CONSTANT_COLUMNS = Set.of("daysInPeriod", "thresholdDays");

    /** A group's row is shown when one of its values is a number other than zero (a group with nothing to say is not). */
    static boolean meaningful(ReportTable.Row row) {
        return row.values().entrySet().stream().anyMatch(e -> !CONSTANT_COLUMNS.contains(e.getKey())
                && e.getValue() instanceof BigDecimal d && d.signum() != 0);
    }

    static final Comparator<ReportTable.Row> ROW_ORDER = Comparator.comparing((ReportTable.Row r) -> r.label() == null ? "" : r.label())
            .thenComparing(r -> r.group() == null ? "" : r.group());

    private static String label(Map<String, String> names, String key) {
        return names.getOrDefault(key, key);
    }

    // ------------------------------------------------------------------ sums of the day counters over the range

    /** One group's counters summed over the range: plain metrics, and histograms by bucket. */
    static final class Metrics {
        static final Metrics EMPTY = new Metrics();
        private final Map<String, BigDecimal> plain = new HashMap<>();
        private final Map<String, Map<Long, BigDecimal>> histograms = new HashMap<>();

        void add(Metric.Parsed p, BigDecimal amount) {
            if (p.bucket() == null) {
                plain.merge(p.metric(), amount, BigDecimal::add);
            } else {
                histograms.computeIfAbsent(p.metric(), k -> new HashMap<>()).merge(p.bucket(), amount, BigDecimal::add);
            }
        }

        BigDecimal get(String metric) {
            return plain.getOrDefault(metric, BigDecimal.ZERO);
        }

        Map<Long, BigDecimal> histogram(String metric) {
            return histograms.getOrDefault(metric, Map.of());
        }
    }

    /** The range's day aggregates summed: totals, and by dimension value. */
    static final class Sums {
        private final Metrics totals = new Metrics();
        private final Map<Aggregate.Kind, Map<String, Map<Metric.Parsed, BigDecimal>>> byValue = new EnumMap<>(Aggregate.Kind.class);

        Sums(ReportData data, LocalDate from, LocalDate to) {
            for (Map.Entry<Aggregate, Map<String, BigDecimal>> e : data.aggregates().entrySet()) {
                Aggregate a = e.getKey();
                if (a.day() == null || a.kind() == Aggregate.Kind.AR_DAY || a.day().isBefore(from) || a.day().isAfter(to)) {
                    continue;
                }
                for (Map.Entry<String, BigDecimal> c : e.getValue().entrySet()) {
                    Metric.Parsed p = Metric.parse(c.getKey());
                    if (a.kind() == Aggregate.Kind.DAY_TOTAL) {
                        totals.add(p, c.getValue());
                    } else {
                        byValue.computeIfAbsent(a.kind(), k -> new HashMap<>()).computeIfAbsent(p.value(), k -> new HashMap<>())
                                .merge(new Metric.Parsed(p.metric(), p.bucket(), null), c.getValue(), BigDecimal::add);
                    }
                }
            }
        }

        Metrics totals() {
            return totals;
        }

        /** The counters of one dimension, grouped by {@code group} of each value (identity, or provider → discipline). */
        Map<String, Metrics> by(Aggregate.Kind kind, Function<String, String> group) {
            Map<String, Metrics> result = new TreeMap<>();
            byValue.getOrDefault(kind, Map.of()).forEach((value, counters) -> {
                Metrics m = result.computeIfAbsent(group.apply(value), k -> new Metrics());
                counters.forEach(m::add);
            });
            return result;
        }
    }

    // ------------------------------------------------------------------ values

    static ReportTable.Column col(String name, ReportTable.Type type) {
        return new ReportTable.Column(name, type, null);
    }

    static ReportTable.Column col(String name, ReportTable.Type type, String formula) {
        return new ReportTable.Column(name, type, formula);
    }

    static BigDecimal count(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value.stripTrailingZeros().scale() <= 0
                ? value.setScale(0, RoundingMode.UNNECESSARY) : value;
    }

    static BigDecimal amount(BigDecimal value) {
        return (value == null ? BigDecimal.ZERO : value).setScale(AMOUNT_SCALE, RoundingMode.HALF_UP);
    }

    /** numerator ÷ denominator to 4 places, half up; null when the denominator is zero (or either is unknown). */
    public static BigDecimal ratio(BigDecimal numerator, BigDecimal denominator) {
        if (numerator == null || denominator == null || denominator.signum() == 0) {
            return null;
        }
        return numerator.divide(denominator, RATIO_SCALE, RoundingMode.HALF_UP);
    }
}
