package org.therapyops.dynamodb;

import java.util.Objects;

/**
 * Physical names of the tables, as template.yaml passes them to functions through the environment: the Practice table,
 * the Appointments table, and the appointments' history (their audit trail, one entry per change, written in the same
 * transaction as the change; its stream feeds reporting, so that the Appointments stream keeps its two consumers).
 */
public record Tables(String practice, String appointments, String appointmentHistory) {

    public Tables {
        Objects.requireNonNull(practice, "practice table name");
        Objects.requireNonNull(appointments, "appointments table name");
        Objects.requireNonNull(appointmentHistory, "appointment history table name");
    }
}
