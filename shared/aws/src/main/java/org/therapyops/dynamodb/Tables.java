package org.therapyops.dynamodb;

import java.util.Objects;

/** Physical names of the tables, as template.yaml passes them to functions through the environment. */
public record Tables(String practice, String appointments) {

    public Tables {
        Objects.requireNonNull(practice, "practice table name");
        Objects.requireNonNull(appointments, "appointments table name");
    }
}
