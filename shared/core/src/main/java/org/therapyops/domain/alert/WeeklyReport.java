package org.therapyops.domain.alert;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link AlertType#WEEKLY_REPORT} alert tells a practice's admins: the headline figures of the week from
 * {@code from} to {@code to} (practice-local, Monday to Sunday) against the week before. Figures of a period (rates,
 * charges, payments, sessions) are compared with the same figure of the week before; figures of a moment (A/R, open
 * leakage) with what last week's report said. Numbers only: nothing about any patient.
 */
public record WeeklyReport(LocalDate from, LocalDate to, List<Figure> figures) {

    public WeeklyReport {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        figures = List.copyOf(figures);
    }

    /** How a figure is written: a ratio as a percentage, an amount in dollars, a count, days. */
    public enum Kind { RATIO, AMOUNT, COUNT, DAYS }

    /** One headline figure: its name (as the summary report names it), label, value and the week before's (null: none). */
    public record Figure(String name, String label, Kind kind, BigDecimal value, BigDecimal previous) {
        public Figure {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(kind, "kind");
        }
    }

    /** The figure of that name, if the report has it. */
    public java.util.Optional<Figure> figure(String name) {
        return figures.stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
