package org.therapyops.scheduling;

import org.therapyops.domain.Appointment;
import org.therapyops.domain.AppointmentStatus;
import org.therapyops.domain.Authorization;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/**
 * An authorization's standing: authorized, scheduled, rendered, remaining, and the date on which the
 * booked schedule uses it up (null when the booked sessions leave units over); and the sessions booked
 * beyond it under the WARN policy (over-scheduling).
 */
public record AuthorizationForecast(Authorization authorization, LocalDate exhaustedOn, List<Appointment> upcoming,
                                    List<Appointment> overbooked) {

    /** From the authorization's counters and the appointments holding its units. */
    public static AuthorizationForecast of(Authorization authorization, List<Appointment> holding) {
        List<Appointment> active = holding.stream()
                .filter(a -> a.status() == AppointmentStatus.SCHEDULED || a.status() == AppointmentStatus.CHECKED_IN)
                .filter(a -> a.decision() != null)
                .sorted(Comparator.comparing(Appointment::start))
                .toList();
        List<Appointment> upcoming = active.stream()
                .filter(a -> authorization.id().equals(a.decision().authorizationId()) && a.decision().reservedUnits() > 0)
                .toList();
        // Scheduled under the WARN policy although this authorization could not cover them.
        List<Appointment> overbooked = active.stream()
                .filter(a -> a.decision().authorizationId() == null && !a.decision().warnings().isEmpty())
                .toList();
        LocalDate exhaustedOn = null;
        if (authorization.remaining() == 0) {
            long used = authorization.rendered();
            for (Appointment a : upcoming) {
                used += a.decision().reservedUnits();
                if (used >= authorization.authorized()) {
                    exhaustedOn = a.dateOfService();
                    break;
                }
            }
        }
        return new AuthorizationForecast(authorization, exhaustedOn, upcoming, overbooked);
    }
}
