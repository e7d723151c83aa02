package org.therapyops.reporting;

import java.time.LocalDate;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A report asked for: which, the practice-local dates from and to (both included), and the grouping. A range is at
 * most {@value #MAX_MONTHS} months; without dates it is the {@value #DEFAULT_DAYS} days ending today.
 */
public record ReportQuery(ReportName name, LocalDate from, LocalDate to, Dimension groupBy) {

    public static final int MAX_MONTHS = 24;
    public static final int DEFAULT_DAYS = 30;

    public ReportQuery {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(groupBy, "groupBy");
    }

    /**
     * Validates what a caller asked for.
     *
     * @throws InvalidReportQueryException for an unknown name or grouping, {@code to} before {@code from}, or a range
     *                                     over {@value #MAX_MONTHS} months
     */
    public static ReportQuery of(String name, LocalDate from, LocalDate to, String groupBy, LocalDate today) {
        ReportName report = ReportName.of(name).orElseThrow(() -> new InvalidReportQueryException("name",
                "names no report; the reports are " + String.join(", ", ReportName.slugs())));
        LocalDate end = to != null ? to : from != null ? from.plusDays(DEFAULT_DAYS - 1) : today;
        LocalDate start = from != null ? from : end.minusDays(DEFAULT_DAYS - 1);
        if (end.isBefore(start)) {
            throw new InvalidReportQueryException("to", "is before from");
        }
        if (start.plusMonths(MAX_MONTHS).isBefore(end)) {
            throw new InvalidReportQueryException("to", "is more than " + MAX_MONTHS + " months after from");
        }
        Dimension grouping;
        if (groupBy == null || groupBy.isBlank()) {
            grouping = report.defaultGrouping();
        } else {
            grouping = Dimension.of(groupBy.strip()).filter(report.groupings()::contains).orElseThrow(() ->
                    new InvalidReportQueryException("groupBy", "must be one of " + report.groupings().stream()
                            .map(Dimension::slug).collect(Collectors.joining(", ")) + " for the " + report.slug() + " report"));
        }
        return new ReportQuery(report, start, end, grouping);
    }

    /** The open A/R it reads as of today, or null: the last aging bound's days and the total, by payer when grouped so. */
    public ArRead arRead(LocalDate today, ReportingRules rules) {
        return name.readsAr() ? new ArRead(today.minusDays(rules.lastBound()), groupBy == Dimension.PAYER) : null;
    }

    /** Days in the range, both ends included. */
    public long days() {
        return java.time.temporal.ChronoUnit.DAYS.between(from, to) + 1;
    }
}
