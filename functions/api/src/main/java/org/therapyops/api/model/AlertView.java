package org.therapyops.api.model;

import io.micronaut.serde.annotation.Serdeable;
import org.therapyops.domain.alert.Alert;
import org.therapyops.domain.alert.AlertStatus;
import org.therapyops.domain.alert.AlertType;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An alert for staff: what crossed which threshold, about which authorization or appointment, with the
 * patient's initials only; acknowledged by whom and when.
 */
@Serdeable
public record AlertView(String id, AlertType type, int threshold, String authorizationId, String appointmentId,
                        String patientId, String patientInitials, String authorizationNumber, LocalDate endDate,
                        LocalDate serviceDate, String message, Instant createdAt, AlertStatus status,
                        String acknowledgedBy, Instant acknowledgedAt) {

    public static AlertView of(Alert a) {
        return new AlertView(a.id(), a.type(), a.threshold(), a.authorizationId(), a.appointmentId(), a.patientId(),
                a.patientInitials(), a.authorizationNumber(), a.endDate(), a.serviceDate(), a.message(), a.createdAt(),
                a.status(), a.acknowledgedBy(), a.acknowledgedAt());
    }
}
