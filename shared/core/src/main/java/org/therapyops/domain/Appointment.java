package org.therapyops.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * A booked session: who, with whom, which service code, when (practice-local time) and for how long;
 * the authorization decision once made; the series it belongs to, if any.
 */
public record Appointment(String id, String patientId, String providerId, String serviceCode,
                          LocalDateTime start, int durationMinutes, AppointmentStatus status,
                          Decision decision, String seriesId, Instant createdAt, String createdBy, long version) {

    public LocalDate dateOfService() {
        return start.toLocalDate();
    }

    public LocalDateTime end() {
        return start.plusMinutes(durationMinutes);
    }

    /**
     * The outcome of the authorization check: the authorization and units reserved, or the refusal
     * reasons, or (under the WARN policy) the warnings it was scheduled with; and an override, if any.
     */
    public record Decision(String authorizationId, long reservedUnits, List<Reason> reasons, List<Reason> warnings,
                           String explanation, Instant decidedAt, Override override) {

        public Decision {
            reasons = reasons == null ? List.of() : List.copyOf(reasons);
            warnings = warnings == null ? List.of() : List.copyOf(warnings);
        }
    }

    /** A blocked appointment scheduled anyway by a permitted role: who, why, when. */
    public record Override(String by, String reason, Instant at) {
    }
}
