package org.therapyops.domain.alert;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/**
 * Something staff should act on about an authorization or an appointment, or the practice's claims needing review
 * (then without a patient, with a {@link ReviewDigest}), or the practice's week (then with a {@link WeeklyReport}). The id is derived from what crossed its threshold (see
 * {@link #idOf(String)}), so a redelivered event yields the same alert.
 * It carries ids, the payer's authorization number, dates and patient initials: never a name.
 */
public record Alert(String id, String practiceId, AlertType type, int threshold, String authorizationId,
                    String appointmentId, String patientId, String patientInitials, String authorizationNumber,
                    LocalDate endDate, LocalDate serviceDate, String message, Instant createdAt, AlertStatus status,
                    String acknowledgedBy, Instant acknowledgedAt, ReviewDigest reviewDigest, WeeklyReport weeklyReport) {

    public Alert {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(practiceId, "practiceId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(status, "status");
        if (type == AlertType.CLAIMS_NEED_REVIEW) {
            Objects.requireNonNull(reviewDigest, "reviewDigest");
        } else if (type == AlertType.WEEKLY_REPORT) {
            Objects.requireNonNull(weeklyReport, "weeklyReport");
        } else {
            Objects.requireNonNull(patientId, "patientId");
        }
        if (reviewDigest != null && type != AlertType.CLAIMS_NEED_REVIEW) {
            throw new IllegalArgumentException("only a " + AlertType.CLAIMS_NEED_REVIEW + " alert has a review digest");
        }
        if (weeklyReport != null && type != AlertType.WEEKLY_REPORT) {
            throw new IllegalArgumentException("only a " + AlertType.WEEKLY_REPORT + " alert has a weekly report");
        }
    }

    /** An alert with a review digest or none (no weekly report). */
    public Alert(String id, String practiceId, AlertType type, int threshold, String authorizationId, String appointmentId,
                 String patientId, String patientInitials, String authorizationNumber, LocalDate endDate,
                 LocalDate serviceDate, String message, Instant createdAt, AlertStatus status, String acknowledgedBy,
                 Instant acknowledgedAt, ReviewDigest reviewDigest) {
        this(id, practiceId, type, threshold, authorizationId, appointmentId, patientId, patientInitials, authorizationNumber,
                endDate, serviceDate, message, createdAt, status, acknowledgedBy, acknowledgedAt, reviewDigest, null);
    }

    /** An authorization or appointment alert (no review digest). */
    public Alert(String id, String practiceId, AlertType type, int threshold, String authorizationId, String appointmentId,
                 String patientId, String patientInitials, String authorizationNumber, LocalDate endDate,
                 LocalDate serviceDate, String message, Instant createdAt, AlertStatus status, String acknowledgedBy,
                 Instant acknowledgedAt) {
        this(id, practiceId, type, threshold, authorizationId, appointmentId, patientId, patientInitials,
                authorizationNumber, endDate, serviceDate, message, createdAt, status, acknowledgedBy, acknowledgedAt, null);
    }

    /** A name-based (version 3) UUID of the crossing's identity: same crossing, same id; URL-safe. */
    public static String idOf(String crossing) {
        return UUID.nameUUIDFromBytes(crossing.getBytes(StandardCharsets.UTF_8)).toString();
    }

    public Alert withPatientInitials(String initials) {
        return new Alert(id, practiceId, type, threshold, authorizationId, appointmentId, patientId, initials,
                authorizationNumber, endDate, serviceDate, message, createdAt, status, acknowledgedBy, acknowledgedAt,
                reviewDigest, weeklyReport);
    }

    /** Initials of a name ("Alex", "Demo" → "A.D."); the only part of a patient's name an alert carries. */
    public static String initials(String firstName, String lastName) {
        return initial(firstName) + initial(lastName);
    }

    private static String initial(String name) {
        if (name == null || name.isBlank()) {
            return "";
        }
        return name.strip().substring(0, name.strip().offsetByCodePoints(0, 1)).toUpperCase() + ".";
    }
}
