package org.therapyops.ports;

import org.therapyops.domain.AppointmentAction;
import org.therapyops.domain.AppointmentStatus;

/** The action is not allowed from the appointment's current state (HTTP 409). */
public class IllegalTransitionException extends RuntimeException {

    public IllegalTransitionException(AppointmentAction action, AppointmentStatus current) {
        super("cannot " + action.name().toLowerCase().replace('_', '-') + " an appointment that is " + current
                + " (allowed from " + action.from() + ")");
    }
}
