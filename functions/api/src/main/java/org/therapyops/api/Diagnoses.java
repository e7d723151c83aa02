package org.therapyops.api;

import org.therapyops.api.problem.ApiProblemException;
import org.therapyops.billing.scrub.IcdCodeSet;

/**
 * A diagnosis a note or a claim correction gives must be a billable ICD-10-CM code of the shipped release (read once,
 * on first use): an unknown code or a category heading is refused up front instead of reaching the scrubber.
 */
final class Diagnoses {

    private Diagnoses() {
    }

    /** 422 naming {@code field} when {@code code} (already in ICD-10-CM format) is not billable. */
    static void requireBillable(String field, String code) {
        IcdCodeSet codes = IcdCodeSet.shipped();
        switch (codes.status(code)) {
            case UNKNOWN -> throw ApiProblemException.invalid(field, "is not a code of ICD-10-CM (release " + codes.version() + ")");
            case HEADER -> throw ApiProblemException.invalid(field, "is a category heading, not a billable code: code it to the "
                    + "most specific level (e.g. M54.50, not M54.5)");
            case BILLABLE -> {
            }
        }
    }
}
