package org.therapyops.ports;

import org.therapyops.domain.Appointment;
import org.therapyops.domain.AppointmentAction;
import org.therapyops.domain.AppointmentStatus;
import org.therapyops.domain.AuditEntry;
import org.therapyops.domain.authorization.AuthorizationDecision;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/** Appointments of a practice: booking, the authorization decision, lifecycle transitions, listing, audit. */
public interface AppointmentRepository {

    /**
     * Stores a new REQUESTED appointment, atomically with its place in the provider's and the patient's day.
     *
     * @throws DoubleBookingException when the provider or the patient already has an overlapping appointment
     */
    void book(String practiceId, Appointment appointment, AuditEntry audit);

    /** The appointments the provider or the patient already has at the appointment's time (read only). */
    List<DoubleBookingException.Conflict> conflicts(String practiceId, Appointment appointment);

    Optional<Appointment> appointment(String practiceId, String appointmentId);

    /**
     * Records a decision on a REQUESTED appointment, atomically with the reservation of units when the
     * decision reserves. The write is conditional on the appointment still being REQUESTED at the
     * version read and, for a reservation, on the authorization still having the units left.
     */
    RecordOutcome record(String practiceId, Appointment requested, AuthorizationDecision decision);

    /**
     * Applies a staff action: a conditional write on the current state (and version), atomically with
     * the release or rendering of reserved units, the provider's and patient's day, and an audit entry.
     *
     * @return the appointment after the action
     * @throws IllegalTransitionException when the action is not allowed from the current state
     * @throws StaleVersionException when {@code expectedVersion} is given and differs
     * @throws DoubleBookingException when a reschedule lands on an occupied time
     */
    Appointment apply(String practiceId, Appointment current, Transition transition);

    /** Appointments starting in [from, to), oldest first, optionally of one provider, patient or status. */
    PracticeRepository.Page<Appointment> list(String practiceId, LocalDateTime from, LocalDateTime to, String providerId,
                                              String patientId, AppointmentStatus status, int limit, String cursor);

    /** The appointments holding (or having rendered) units of an authorization, by start. Eventually consistent. */
    List<Appointment> byAuthorization(String practiceId, String authorizationId);

    /** The appointment's audit trail, oldest first. */
    List<AuditEntry> audit(String practiceId, String appointmentId);

    /** A staff action, as the API received it. */
    record Transition(AppointmentAction action, Long expectedVersion, AuditEntry audit, Reschedule reschedule) {
    }

    /** The new time (and provider) of a reschedule. */
    record Reschedule(LocalDateTime start, int durationMinutes, String providerId) {
    }

    /** What happened to a recorded decision. */
    enum RecordOutcome {
        /** The decision (and any reservation) was written. */
        RECORDED,
        /** The appointment was no longer REQUESTED at that version: someone decided it already. */
        ALREADY_DECIDED,
        /**
         * The authorization changed concurrently (its units were taken, or another transaction held it):
         * decide again on fresh counters.
         */
        CONTENDED
    }
}
