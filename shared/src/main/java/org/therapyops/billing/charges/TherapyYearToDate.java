package org.therapyops.billing.charges;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A patient's Medicare therapy amounts so far in a calendar year, before the note being captured: PT and
 * speech-language pathology combined, occupational therapy separately (the two KX thresholds).
 */
public record TherapyYearToDate(int year, BigDecimal physicalAndSpeech, BigDecimal occupational) {

    public TherapyYearToDate {
        Objects.requireNonNull(physicalAndSpeech, "physicalAndSpeech");
        Objects.requireNonNull(occupational, "occupational");
        if (physicalAndSpeech.signum() < 0 || occupational.signum() < 0) {
            throw new IllegalArgumentException("year-to-date amounts cannot be negative");
        }
    }

    /** Nothing billed yet this year. */
    public static TherapyYearToDate none(int year) {
        return new TherapyYearToDate(year, BigDecimal.ZERO, BigDecimal.ZERO);
    }
}
