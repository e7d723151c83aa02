package org.therapyops.reporting;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The reports' rules that are data, not code (resource {@value #RESOURCE}): which CARCs of group CO are contractual
 * adjustments (the net collection rate takes them off the charges), the upper bounds of the A/R aging buckets in days
 * (the last bucket is "over the last bound"), and the longest lag a histogram tells apart (longer lags count as it).
 */
public record ReportingRules(Set<String> contractualReasons, List<Integer> agingBounds, int maxLagDays) {

    static final String RESOURCE = "/reporting/rules.properties";

    public ReportingRules {
        contractualReasons = Set.copyOf(contractualReasons);
        agingBounds = List.copyOf(agingBounds);
        for (int i = 0; i < agingBounds.size(); i++) {
            if (agingBounds.get(i) < 0 || i > 0 && agingBounds.get(i) <= agingBounds.get(i - 1)) {
                throw new IllegalArgumentException("aging bounds must be ascending days: " + agingBounds);
            }
        }
        if (agingBounds.isEmpty() || maxLagDays < 1) {
            throw new IllegalArgumentException("aging bounds and a maximum lag are required");
        }
    }

    /** The shipped rules. */
    public static ReportingRules load() {
        Properties p = new Properties();
        try (InputStream in = ReportingRules.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ReportingRules(split(p.getProperty("contractualReasons")).collect(Collectors.toSet()),
                split(p.getProperty("agingBounds")).map(Integer::valueOf).toList(),
                Integer.parseInt(p.getProperty("maxLagDays").strip()));
    }

    private static java.util.stream.Stream<String> split(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty());
    }

    /** The oldest age in days the A/R aggregates by day must cover (older balances are the total less these). */
    public int lastBound() {
        return agingBounds.get(agingBounds.size() - 1);
    }

    /** A lag in days, clamped to 0 … {@link #maxLagDays}. */
    public long clampLag(long days) {
        return Math.max(0, Math.min(maxLagDays, days));
    }
}
