package org.therapyops.api.model;

import io.micronaut.serde.annotation.Serdeable;

import java.time.LocalDateTime;
import java.util.List;

/**
 * A series, previewed or booked: each session with what the authorization check is expected to decide
 * (or, once booked, the appointment id), and the first session that would go over the authorization.
 */
@Serdeable
public record SeriesView(@OrNull String seriesId, int sessions, int withinAuthorization, @OrNull @SessionTime LocalDateTime firstOverLimit,
                         List<SessionView> items) {

    /** One session of the series. */
    @Serdeable
    public record SessionView(@SessionTime LocalDateTime start, @OrNull String appointmentId, boolean withinAuthorization,
                              @OrNull String authorizationId, @OrNull Long remainingAfter, List<AppointmentView.ReasonView> flags,
                              List<ConflictView> conflicts) {
    }

    /** An existing appointment of the provider or the patient at the same time. */
    @Serdeable
    public record ConflictView(String who, String appointmentId) {
    }
}
