package org.therapyops.reporting;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A report's answer: its columns (each with what it holds and, for a figure, the name of its formula in
 * docs/reports.md), a row per group and the total row. JSON and CSV are written from the same table, so they carry the
 * same numbers. Values are numbers (BigDecimal), dates, strings or null (a rate with nothing to divide by).
 */
public record ReportTable(ReportQuery query, LocalDate asOf, List<Column> columns, List<Row> rows, Row total) {

    /** What a column holds. */
    public enum Type { COUNT, AMOUNT, RATIO, DAYS, UNITS, DATE, TEXT }

    /** A column: its name in JSON and CSV, its type, and the formula (docs/reports.md) when it is a figure. */
    public record Column(String name, Type type, String formula) {
    }

    /** A row: the group's key (a payer id, a CARC…; null for the total) and label, and a value per column. */
    public record Row(String group, String label, Map<String, Object> values) {
        public Row {
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }
    }

    public ReportTable {
        Objects.requireNonNull(query, "query");
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /** The same table with only the rows that pass (the total, if any, is kept). */
    public ReportTable filterRows(java.util.function.Predicate<Row> keep) {
        return new ReportTable(query, asOf, columns, rows.stream().filter(keep).toList(), total);
    }

    /**
     * The table as CSV (RFC 4180): a header {@code group,label,<columns>}, a line per row, then the total row (group
     * {@code TOTAL}) when there is one. Numbers are written as in JSON (plain), nulls as empty fields.
     */
    public String toCsv() {
        StringBuilder out = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("group", "label"));
        columns.forEach(c -> header.add(c.name()));
        line(out, header);
        for (Row row : rows) {
            line(out, fields(row, row.group()));
        }
        if (total != null) {
            line(out, fields(total, "TOTAL"));
        }
        return out.toString();
    }

    private List<String> fields(Row row, String group) {
        List<String> fields = new ArrayList<>();
        fields.add(group == null ? "" : group);
        fields.add(row.label() == null ? "" : row.label());
        for (Column c : columns) {
            fields.add(text(row.values().get(c.name())));
        }
        return fields;
    }

    static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return value.toString();
    }

    private static void line(StringBuilder out, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String f = fields.get(i);
            if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                out.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                out.append(f);
            }
        }
        out.append("\r\n");
    }
}
