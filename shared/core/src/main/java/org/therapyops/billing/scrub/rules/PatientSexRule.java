package org.therapyops.billing.scrub.rules;

import org.therapyops.billing.Claim;
import org.therapyops.billing.scrub.ScrubContext;
import org.therapyops.billing.scrub.ScrubRule;
import org.therapyops.billing.scrub.Severity;
import org.therapyops.billing.scrub.Violation;

import java.util.List;
import java.util.Set;

/** The patient's sex is one of the 837P's DMG03 codes: F, M or U. */
public final class PatientSexRule extends ScrubRule {

    private static final Set<String> CODES = Set.of("F", "M", "U");

    public PatientSexRule() {
        super("PATIENT_SEX", Severity.ERROR, "Record the patient's sex as F, M or U (unknown) in the patient's record");
    }

    @Override
    protected void check(Claim claim, ScrubContext context, List<Violation> out) {
        String sex = claim.subscriber() == null ? null : claim.subscriber().sex();
        if (sex == null || !CODES.contains(sex.strip())) {
            out.add(new Violation("subscriber.sex", "The patient's sex is " + (sex == null ? "missing" : "'" + sex + "', not F, M or U")));
        }
    }
}
