package org.therapyops.api.model;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import org.therapyops.billing.claims.ClaimCorrection;

import java.util.List;

/**
 * A biller's correction of a scrubbed claim: what is given replaces the claim's value, what is left out stays.
 * Lines correct the claim's lines in order (one entry per line); minutes, provider and date stay as charged.
 * {@code refreshFromPracticeData} takes the billing provider, rendering provider and subscriber (patient and member
 * id) again from the practice's data as it is now, after a fix there (billing profile, patient, provider, coverage).
 */
@Serdeable
public record ClaimCorrectionInput(@Nullable List<String> diagnoses, @Nullable String placeOfService,
                                   @Nullable String priorAuthorizationNumber, @Nullable List<Line> lines,
                                   @Nullable Boolean refreshFromPracticeData) {

    public boolean refresh() {
        return Boolean.TRUE.equals(refreshFromPracticeData);
    }

    /** The correction as the use case takes it; a line left null stays null (the use case refuses it). */
    public ClaimCorrection correction() {
        return new ClaimCorrection(diagnoses, placeOfService, priorAuthorizationNumber, lines == null ? null
                : lines.stream().map(l -> l == null ? null : new ClaimCorrection.Line(l.code(), l.modifiers(), l.units(),
                l.diagnosisPointers())).toList(), refresh());
    }

    /** The correctable parts of one line; a part left out stays. */
    @Serdeable
    public record Line(@Nullable String code, @Nullable List<String> modifiers, @Nullable Integer units,
                       @Nullable List<Integer> diagnosisPointers) {
    }
}
