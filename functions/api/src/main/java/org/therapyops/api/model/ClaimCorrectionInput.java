package org.therapyops.api.model;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * A biller's correction of a scrubbed claim: what is given replaces the claim's value, what is left out stays.
 * Lines correct the claim's lines in order (one entry per line); minutes, provider and date stay as charged.
 */
@Serdeable
public record ClaimCorrectionInput(@Nullable List<String> diagnoses, @Nullable String placeOfService,
                                   @Nullable String priorAuthorizationNumber, @Nullable List<Line> lines) {

    /** The correctable parts of one line; a part left out stays. */
    @Serdeable
    public record Line(@Nullable String code, @Nullable List<String> modifiers, @Nullable Integer units,
                       @Nullable List<Integer> diagnosisPointers) {
    }
}
