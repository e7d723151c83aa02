package org.therapyops.billing.scrub.rules;

import org.therapyops.billing.Claim;
import org.therapyops.billing.scrub.ScrubContext;
import org.therapyops.billing.scrub.ScrubRule;
import org.therapyops.billing.scrub.Severity;
import org.therapyops.billing.scrub.Violation;
import org.therapyops.billing.scrub.IcdCodeSet;

import java.util.List;

/**
 * Every diagnosis is billable in the release of the date of service: a leaf of the classification, not a category
 * header such as E11 or M54.5.
 */
public final class Icd10BillableRule extends ScrubRule {

    public Icd10BillableRule() {
        super("ICD10_BILLABLE", Severity.ERROR, "Code to the highest specificity: pick the full code under this header (e.g. M54.50, not M54.5)");
    }

    @Override
    protected void check(Claim claim, ScrubContext context, List<Violation> out) {
        IcdCodeSet codes = context.codeSets().icd10cmFor(claim.dateOfService());
        for (int i = 0; i < claim.diagnoses().size(); i++) {
            String dx = claim.diagnoses().get(i);
            if (codes.status(dx) == IcdCodeSet.Status.HEADER) {
                out.add(new Violation("diagnoses[" + i + "]", dx + " is a header, not a billable code"));
            }
        }
    }
}
