package org.therapyops.billing.charges;

import java.io.Reader;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Medicare's yearly therapy threshold above which lines carry KX (PT and speech combined; OT separate),
 * per calendar year, as data ({@code billing/charges/kx-thresholds.csv}).
 */
public final class KxThresholds {

    /** The thresholds shipped on the classpath. */
    public static final String RESOURCE = "/billing/charges/kx-thresholds.csv";

    /** One year's threshold and whether a primary source confirmed it. */
    public record Threshold(int year, BigDecimal amount, boolean confirmed) {
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
                                CodeCatalog.parseBoolean(row.get("confirmed")));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("KX thresholds line " + row.line() + ": " + e.getMessage(), e);
                    }
                })
                .toList());
    }

    public Optional<Threshold> forYear(int year) {
        return Optional.ofNullable(byYear.get(year));
    }
}
