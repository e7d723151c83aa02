package org.therapyops.payer;

import java.util.Objects;

/** One rule's value in force and where it came from. */
public record Resolved<T>(T value, RuleSource source) {

    public Resolved {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(source, "source");
    }

    /** The payer's value when it set one, the profile's otherwise. */
    static <T> Resolved<T> of(T payerValue, T profileValue) {
        return payerValue != null ? new Resolved<>(payerValue, RuleSource.PAYER) : new Resolved<>(profileValue, RuleSource.PROFILE);
    }
}
