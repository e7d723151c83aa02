package org.therapyops.domain.alert;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

import static org.therapyops.domain.alert.AlertEmail.escape;

/**
 * The email of a {@link AlertType#WEEKLY_REPORT} alert: a table of the week's headline figures, the week before's and
 * the change, and a link to the summary report of the week. Figures only; nothing about any patient.
 */
final class WeeklyReportEmail {

    private WeeklyReportEmail() {
    }

    static AlertEmail of(Alert alert, String base) {
        WeeklyReport report = alert.weeklyReport();
        String link = base + "/reports/summary?from=" + report.from() + "&to=" + report.to();
        String subject = "Therapy Ops: your week of " + report.from() + " to " + report.to();
        StringBuilder text = new StringBuilder(alert.message()).append("\n\n");
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body><p>").append(escape(alert.message())).append("</p>")
                .append("<table><tr><th align=\"left\">Figure</th><th align=\"right\">This week</th>"
                        + "<th align=\"right\">Week before</th><th align=\"right\">Change</th></tr>");
        for (WeeklyReport.Figure f : report.figures()) {
            String value = format(f.kind(), f.value());
            String previous = format(f.kind(), f.previous());
            String change = change(f);
            text.append(f.label()).append(": ").append(value).append(" (week before: ").append(previous).append(", change: ")
                    .append(change).append(")\n");
            html.append("<tr><td>").append(escape(f.label())).append("</td><td align=\"right\">").append(escape(value))
                    .append("</td><td align=\"right\">").append(escape(previous)).append("</td><td align=\"right\">")
                    .append(escape(change)).append("</td></tr>");
        }
        html.append("</table>");
        text.append("\nThe week's reports: ").append(link).append("\n\nAlert id: ").append(alert.id()).append('\n');
        html.append("<p>The week's reports: <a href=\"").append(escape(link)).append("\">").append(escape(link)).append("</a></p>")
                .append("<p>Alert id: ").append(escape(alert.id())).append("</p></body></html>");
        return new AlertEmail(subject, text.toString(), html.toString(), link);
    }

    static String format(WeeklyReport.Kind kind, BigDecimal value) {
        if (value == null) {
            return "-";
        }
        return switch (kind) {
            case RATIO -> value.multiply(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
            case AMOUNT -> "$" + money().format(value.setScale(2, RoundingMode.HALF_UP));
            case COUNT -> value.setScale(0, RoundingMode.HALF_UP).toPlainString();
            case DAYS -> value.setScale(1, RoundingMode.HALF_UP).toPlainString() + " days";
        };
    }

    static String change(WeeklyReport.Figure f) {
        if (f.value() == null || f.previous() == null) {
            return "-";
        }
        BigDecimal d = f.value().subtract(f.previous());
        String sign = d.signum() > 0 ? "+" : d.signum() < 0 ? "-" : "";
        BigDecimal abs = d.abs();
        return switch (f.kind()) {
            case RATIO -> sign + abs.multiply(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_UP).toPlainString() + " pts";
            case AMOUNT -> sign + "$" + money().format(abs.setScale(2, RoundingMode.HALF_UP));
            case COUNT -> sign + abs.setScale(0, RoundingMode.HALF_UP).toPlainString();
            case DAYS -> sign + abs.setScale(1, RoundingMode.HALF_UP).toPlainString() + " days";
        };
    }

    private static DecimalFormat money() {
        return new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.US));
    }
}
