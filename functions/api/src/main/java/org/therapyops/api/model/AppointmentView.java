package org.therapyops.api.model;

import io.micronaut.serde.annotation.Serdeable;
import org.therapyops.domain.Appointment;
import org.therapyops.domain.AppointmentStatus;
import org.therapyops.domain.Reason;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/** An appointment and, once made, the authorization decision on it. */
@Serdeable
public record AppointmentView(String id, String patientId, String providerId, String serviceCode, @SessionTime LocalDateTime start,
                              int durationMinutes, AppointmentStatus status, @OrNull DecisionView decision, @OrNull String seriesId,
                              Instant createdAt, long version) {

    public static AppointmentView of(Appointment a) {
        Appointment.Decision d = a.decision();
        DecisionView decision = d == null ? null : new DecisionView(d.authorizationId(),
                d.authorizationId() == null ? null : d.reservedUnits(),
                d.reasons().stream().map(ReasonView::of).toList(), d.warnings().stream().map(ReasonView::of).toList(),
                d.explanation(), d.decidedAt(),
                d.override() == null ? null : new OverrideView(d.override().by(), d.override().reason(), d.override().at()));
        return new AppointmentView(a.id(), a.patientId(), a.providerId(), a.serviceCode(), a.start(), a.durationMinutes(),
                a.status(), decision, a.seriesId(), a.createdAt(), a.version());
    }

    /**
     * The authorization check's verdict. {@code reservedUnits} counts visits, 15-minute units, or quarter
     * hours for an authorization granted in hours; {@code reasons} say why it was blocked; {@code warnings}
     * why it was scheduled under the WARN policy without a reservation.
     */
    @Serdeable
    public record DecisionView(@OrNull String authorizationId, @OrNull Long reservedUnits, List<ReasonView> reasons, List<ReasonView> warnings,
                               @OrNull String explanation, @OrNull Instant decidedAt, @OrNull OverrideView override) {
    }

    /** A blocked appointment scheduled anyway: who, why, when. */
    @Serdeable
    public record OverrideView(String by, String reason, Instant at) {
    }

    /** A machine-readable reason with details. */
    @Serdeable
    public record ReasonView(String code, String message, Map<String, String> details) {
        static ReasonView of(Reason r) {
            return new ReasonView(r.code().name(), r.message(), r.details());
        }
    }
}
