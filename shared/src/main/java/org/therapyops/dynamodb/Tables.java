package org.therapyops.dynamodb;

import java.util.Map;
import java.util.Objects;

/** Physical names of the tables, as template.yaml passes them to functions through the environment. */
public record Tables(String practice, String appointments) {

    public Tables {
        Objects.requireNonNull(practice, "practice table name");
        Objects.requireNonNull(appointments, "appointments table name");
    }

    /** Reads PRACTICE_TABLE and APPOINTMENTS_TABLE. */
    public static Tables fromEnvironment(Map<String, String> env) {
        return new Tables(require(env, "PRACTICE_TABLE"), require(env, "APPOINTMENTS_TABLE"));
    }

    private static String require(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return value;
    }
}
