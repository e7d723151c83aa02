package org.therapyops.api.model;

import io.micronaut.serde.annotation.Serdeable;
import org.therapyops.domain.UnitType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * An authorization's forecast, in its own unit type: authorized, scheduled, rendered, remaining, and the
 * date on which the booked schedule exhausts it (null when booked sessions leave some over), the sessions holding
 * its units, and those booked beyond it under the WARN policy.
 */
@Serdeable
public record ForecastView(String authorizationId, String number, UnitType unitType, BigDecimal authorized,
                           BigDecimal scheduled, BigDecimal rendered, BigDecimal remaining, LocalDate startDate,
                           LocalDate endDate, @OrNull LocalDate exhaustedOn, List<Upcoming> upcoming, List<String> overbookedAppointmentIds) {

    /** A booked session holding units of the authorization. */
    @Serdeable
    public record Upcoming(String appointmentId, @SessionTime LocalDateTime start, BigDecimal units) {
    }
}
