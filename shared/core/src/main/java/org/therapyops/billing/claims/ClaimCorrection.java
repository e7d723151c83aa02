package org.therapyops.billing.claims;

import java.util.List;

/**
 * A biller's correction of a scrubbed claim: what is given (not null) replaces the claim's value, what is left out
 * stays. Lines correct the claim's lines in order (one entry per line); minutes, provider and date stay as charged.
 * {@code refresh} takes the billing provider, rendering provider and subscriber again from the practice's data.
 */
public record ClaimCorrection(List<String> diagnoses, String placeOfService, String priorAuthorizationNumber,
                              List<Line> lines, boolean refresh) {

    /** The correctable parts of one line; a part left out (null) stays. */
    public record Line(String code, List<String> modifiers, Integer units, List<Integer> diagnosisPointers) {

        static final Line KEEP = new Line(null, null, null, null);
    }
}
