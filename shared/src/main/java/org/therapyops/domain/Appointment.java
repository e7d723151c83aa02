package org.therapyops.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * A booked session: who, with whom, which service code, when (practice-local time) and for how long;
 * plus the authorization decision once made.
 */
public record Appointment(String id, String patientId, String providerId, String serviceCode,
                          LocalDateTime start, int durationMinutes, AppointmentStatus status,
                          Decision decision, Instant createdAt, String createdBy, long version) {

    public LocalDate dateOfService() {
        return start.toLocalDate();
    }

    /** The outcome of the authorization check as stored on the appointment. */
    public record Decision(String authorizationId, long reservedUnits, List<org.therapyops.domain.authorization.Reason> reasons,
                           String explanation, Instant decidedAt) {
    }
}
