package org.therapyops.billing.charges;

import java.io.Reader;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Medicare's yearly therapy threshold above which lines carry KX (PT and speech combined; OT separate),
 * per calendar year, as data: the shipped defaults ({@code billing/charges/kx-thresholds.csv}) and the years a
 * practice's admin set over them ({@link #overriddenBy}), e.g. a new year's once CMS publishes it.
 */
public final class KxThresholds {

    /** The thresholds shipped on the classpath. */
    public static final String RESOURCE = "/billing/charges/kx-thresholds.csv";

    /** Where a year's threshold comes from. */
    public enum Origin {
        /** The shipped defaults (kx-thresholds.csv). */
        SHIPPED,
        /** Set by the practice's admin. */
        PRACTICE
    }

    /**
     * One year's threshold, whether a primary source confirmed it (an admin's own is taken as confirmed: they set it
     * from the year's rule), where it comes from and the reference given for it (the CSV's source, or the admin's).
     */
    public record Threshold(int year, BigDecimal amount, boolean confirmed, Origin origin, String reference) {

        public Threshold {
            origin = origin == null ? Origin.SHIPPED : origin;
            reference = reference == null ? "" : reference;
        }

        public Threshold(int year, BigDecimal amount, boolean confirmed) {
            this(year, amount, confirmed, Origin.SHIPPED, "");
        }

        /** A threshold a practice's admin set. */
        public static Threshold practice(int year, BigDecimal amount, String reference) {
            return new Threshold(year, amount, true, Origin.PRACTICE, reference);
        }
    }

    private final Map<Integer, Threshold> byYear;

    private KxThresholds(Map<Integer, Threshold> byYear) {
        this.byYear = Map.copyOf(byYear);
    }

    public static KxThresholds of(List<Threshold> thresholds) {
        Map<Integer, Threshold> byYear = new LinkedHashMap<>();
        for (Threshold t : thresholds) {
            if (byYear.put(t.year(), t) != null) {
                throw new IllegalArgumentException("year " + t.year() + " listed twice");
            }
        }
        return new KxThresholds(byYear);
    }

    public static KxThresholds load() {
        return parse(Csv.resource(RESOURCE));
    }

    /** Thresholds in the CSV format: year,amount,confirmed,source. */
    public static KxThresholds parse(Reader csv) {
        return of(Csv.read(csv, List.of("year", "amount", "confirmed")).stream()
                .map(row -> {
                    try {
                        return new Threshold(Integer.parseInt(row.get("year")), new BigDecimal(row.get("amount")),
                                CodeCatalog.parseBoolean(row.get("confirmed")), Origin.SHIPPED, row.get("source"));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("KX thresholds line " + row.line() + ": " + e.getMessage(), e);
                    }
                })
                .toList());
    }

    public Optional<Threshold> forYear(int year) {
        return Optional.ofNullable(byYear.get(year));
    }

    /** Every year's threshold, the earliest first. */
    public List<Threshold> thresholds() {
        return byYear.values().stream().sorted(java.util.Comparator.comparingInt(Threshold::year)).toList();
    }

    /** These thresholds with {@code practice}'s years over them (a year the practice set replaces the default). */
    public KxThresholds overriddenBy(KxThresholds practice) {
        Map<Integer, Threshold> merged = new LinkedHashMap<>(byYear);
        merged.putAll(practice.byYear);
        return new KxThresholds(merged);
    }
}
