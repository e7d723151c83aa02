package org.therapyops.billing.charges;

import org.therapyops.billing.Charge;

import java.util.List;
import java.util.Optional;

/**
 * Medicare's two yearly therapy thresholds, each with its own KX decision: physical therapy with speech-language
 * pathology (lines marked GP or GN), and occupational therapy (GO). A line counts by its discipline modifier.
 */
public enum TherapyPool {
    PHYSICAL_AND_SPEECH, OCCUPATIONAL;

    /** The pool of a line with these modifiers, or empty for a line without GP, GN or GO. */
    public static Optional<TherapyPool> of(List<String> modifiers) {
        if (modifiers.contains("GO")) {
            return Optional.of(OCCUPATIONAL);
        }
        if (modifiers.contains("GP") || modifiers.contains("GN")) {
            return Optional.of(PHYSICAL_AND_SPEECH);
        }
        return Optional.empty();
    }

    public static Optional<TherapyPool> of(Charge line) {
        return of(line.modifiers());
    }
}
