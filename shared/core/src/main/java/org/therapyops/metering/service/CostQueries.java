package org.therapyops.metering.service;

import org.therapyops.metering.CostReport;
import org.therapyops.metering.PriceTable;
import org.therapyops.metering.Usage;
import org.therapyops.ports.ReportingStore;
import org.therapyops.ports.UsageStore;
import org.therapyops.reporting.Aggregate;
import org.therapyops.reporting.InvalidReportQueryException;
import org.therapyops.reporting.Metric;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A practice's cost report of one month (UTC, as AWS bills): its metered usage by step (the usage table), priced with the
 * price table, and its sessions completed in the month's days (practice-local dates, the reporting's day totals) for the
 * cost per session. Only the caller's practice.
 */
public final class CostQueries {

    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");
    public static final YearMonth FIRST = YearMonth.of(2020, 1);

    private final UsageStore usage;
    private final ReportingStore reporting;
    private final PriceTable prices;
    private final Clock clock;

    public CostQueries(UsageStore usage, ReportingStore reporting, PriceTable prices, Clock clock) {
        this.usage = usage;
        this.reporting = reporting;
        this.prices = prices;
        this.clock = clock;
    }

    /**
     * @param month {@code YYYY-MM} (UTC, as AWS bills), from 2020-01 to the current month; null or blank: the current month
     * @throws InvalidReportQueryException (field {@code month}) for anything else
     */
    public CostReport cost(String practiceId, String month) {
        YearMonth m = parse(month, YearMonth.now(clock.withZone(ZoneOffset.UTC)));
        Map<String, Usage> byStep = usage.read(practiceId, m);
        ReportingStore.Snapshot days = reporting.read(practiceId, EnumSet.of(Aggregate.Kind.DAY_TOTAL), m.atDay(1), m.atEndOfMonth(),
                null, false);
        BigDecimal sessions = days.aggregates().values().stream().map(c -> c.getOrDefault(Metric.COMPLETED, BigDecimal.ZERO))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        return CostReport.of(m, byStep, prices, sessions.stripTrailingZeros());
    }

    public static YearMonth parse(String month, YearMonth current) {
        if (month == null || month.isBlank()) {
            return current;
        }
        String m = month.strip();
        YearMonth parsed;
        try {
            parsed = MONTH.matcher(m).matches() ? YearMonth.parse(m) : null;
        } catch (DateTimeParseException e) {
            parsed = null;
        }
        if (parsed == null) {
            throw new InvalidReportQueryException("month", "must be a month as YYYY-MM");
        }
        if (parsed.isBefore(FIRST) || parsed.isAfter(current)) {
            throw new InvalidReportQueryException("month", "must be from " + FIRST + " to the current month, " + current);
        }
        return parsed;
    }
}
