package org.therapyops.api.model;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import org.therapyops.reporting.ReportTable;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A report: which, the practice-local range (both ends included) and grouping, the practice's date it was computed on
 * (A/R, aging and leakage are as of that day), its columns (with the formula each figure is computed by, named in
 * docs/reports.md), a row per group and the total. {@code text/csv} carries the same rows and values.
 */
@Serdeable
public record ReportView(String report, LocalDate from, LocalDate to, String groupBy, LocalDate asOf, List<ColumnView> columns,
                         List<RowView> rows, @OrNull RowView total) {

    /** A column: its name (the key of each row's values), what it holds, and the formula of a figure. */
    @Serdeable
    public record ColumnView(String name,
                             @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                                     allowableValues = {"COUNT", "AMOUNT", "RATIO", "DAYS", "UNITS", "DATE", "TEXT"}) String type,
                             @OrNull String formula) {
    }

    /**
     * A row: the group's key (a payer or provider id, a CARC, a discipline, a leakage kind; null for the total), its label,
     * and a value per column: a number, a date or text, or null (a rate with nothing to divide by).
     */
    @Serdeable
    public record RowView(@OrNull String group, @OrNull String label,
                          @Schema(requiredMode = Schema.RequiredMode.REQUIRED, additionalProperties = Schema.AdditionalPropertiesValue.TRUE,
                                  description = "column name → a number, an ISO date or text, or null") Map<String, Object> values) {
    }

    public static ReportView of(ReportTable t) {
        return new ReportView(t.query().name().slug(), t.query().from(), t.query().to(), t.query().groupBy().slug(), t.asOf(),
                t.columns().stream().map(c -> new ColumnView(c.name(), c.type().name(), c.formula())).toList(),
                t.rows().stream().map(ReportView::row).toList(), t.total() == null ? null : row(t.total()));
    }

    private static RowView row(ReportTable.Row r) {
        Map<String, Object> values = new java.util.LinkedHashMap<>();
        r.values().forEach((k, v) -> values.put(k, v instanceof LocalDate d ? d.toString() : v));
        return new RowView(r.group(), r.label(), values);
    }
}
