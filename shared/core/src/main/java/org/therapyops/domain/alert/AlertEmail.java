package org.therapyops.domain.alert;

import java.util.ArrayList;
import java.util.List;

/**
 * The email an alert sends: a subject, a text and an HTML body with the least PHI that lets staff act —
 * patient initials, ids, the authorization number, the threshold, dates and a link into the app. The review
 * digest lists claims by id, date of service, payer, billed amount and the scrubber's rule ids and fields, each
 * with a link, and says nothing about the patient.
 */
public record AlertEmail(String subject, String text, String html, String link) {

    public static AlertEmail of(Alert alert, String appBaseUrl) {
        String base = appBaseUrl.endsWith("/") ? appBaseUrl.substring(0, appBaseUrl.length() - 1) : appBaseUrl;
        if (alert.type() == AlertType.CLAIMS_NEED_REVIEW) {
            return ReviewDigestEmail.of(alert, base);
        }
        if (alert.type() == AlertType.WEEKLY_REPORT) {
            return WeeklyReportEmail.of(alert, base);
        }
        String link = alert.authorizationId() != null
                ? base + "/patients/" + alert.patientId() + "/authorizations/" + alert.authorizationId()
                : base + "/appointments/" + alert.appointmentId();
        String subject = "Therapy Ops alert: " + title(alert);
        List<String[]> facts = new ArrayList<>();
        facts.add(new String[] {"Alert", alert.type() + " (" + thresholdText(alert) + ")"});
        if (alert.patientInitials() != null && !alert.patientInitials().isBlank()) {
            facts.add(new String[] {"Patient", alert.patientInitials() + " (id " + alert.patientId() + ")"});
        } else {
            facts.add(new String[] {"Patient id", alert.patientId()});
        }
        if (alert.authorizationNumber() != null) {
            facts.add(new String[] {"Authorization", alert.authorizationNumber() + " (id " + alert.authorizationId() + ")"});
        } else if (alert.authorizationId() != null) {
            facts.add(new String[] {"Authorization id", alert.authorizationId()});
        }
        if (alert.endDate() != null) {
            facts.add(new String[] {"Ends", alert.endDate().toString()});
        }
        if (alert.appointmentId() != null) {
            facts.add(new String[] {"Appointment id", alert.appointmentId()});
        }
        if (alert.serviceDate() != null) {
            facts.add(new String[] {"Date of service", alert.serviceDate().toString()});
        }
        facts.add(new String[] {"Alert id", alert.id()});

        StringBuilder text = new StringBuilder(alert.message()).append("\n\n");
        facts.forEach(f -> text.append(f[0]).append(": ").append(f[1]).append('\n'));
        text.append("\nOpen: ").append(link).append('\n');

        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body><p>").append(escape(alert.message()))
                .append("</p><table>");
        facts.forEach(f -> html.append("<tr><th align=\"left\">").append(escape(f[0])).append("</th><td>")
                .append(escape(f[1])).append("</td></tr>"));
        html.append("</table><p><a href=\"").append(escape(link)).append("\">").append(escape(link)).append("</a></p></body></html>");
        return new AlertEmail(subject, text.toString(), html.toString(), link);
    }

    private static String title(Alert alert) {
        String what = alert.authorizationNumber() != null ? "authorization " + alert.authorizationNumber()
                : "appointment on " + alert.serviceDate();
        return switch (alert.type()) {
            case EXPIRING -> what + " ends within " + alert.threshold() + " days";
            case LOW_REMAINING -> what + " is at or below " + alert.threshold() + "% remaining";
            case VISITS_LEFT -> what + " has " + alert.threshold() + " or fewer visits left";
            case EXHAUSTED -> what + " is exhausted";
            case OVER_SCHEDULED -> what + " was scheduled beyond its authorization";
            case APPOINTMENT_BLOCKED -> what + " was blocked for authorization";
            case AUTHORIZATION_UPDATED -> what + " was updated by the payer";
            case CLAIMS_NEED_REVIEW, WEEKLY_REPORT -> throw new IllegalArgumentException(alert.type() + " has its own email");
        };
    }

    private static String thresholdText(Alert alert) {
        return switch (alert.type()) {
            case EXPIRING -> alert.threshold() + " days before the end date";
            case LOW_REMAINING -> alert.threshold() + "% remaining";
            case VISITS_LEFT -> alert.threshold() + " visits left";
            case EXHAUSTED -> "nothing left";
            case OVER_SCHEDULED -> "booked beyond what remains";
            case APPOINTMENT_BLOCKED -> "needs authorization";
            case AUTHORIZATION_UPDATED -> alert.threshold() + " blocked session(s) now scheduled";
            case CLAIMS_NEED_REVIEW, WEEKLY_REPORT -> throw new IllegalArgumentException(alert.type() + " has its own email");
        };
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
