package org.therapyops.ports;

import org.therapyops.domain.Appointment;
import org.therapyops.domain.authorization.AuthorizationDecision;

import java.util.Optional;

/** Appointments of a practice and the recording of authorization decisions on them. */
public interface AppointmentRepository {

    void create(String practiceId, Appointment appointment);

    Optional<Appointment> appointment(String practiceId, String appointmentId);

    /**
     * Records a decision on a REQUESTED appointment, atomically with the reservation of units when the
     * decision reserves. The write is conditional on the appointment still being REQUESTED at the
     * version read and, for a reservation, on the authorization still having the units left.
     */
    RecordOutcome record(String practiceId, Appointment requested, AuthorizationDecision decision);

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
