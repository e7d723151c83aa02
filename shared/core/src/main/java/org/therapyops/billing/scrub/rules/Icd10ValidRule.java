package org.therapyops.billing.scrub.rules;

import org.therapyops.billing.Claim;
import org.therapyops.billing.scrub.ScrubContext;
import org.therapyops.billing.scrub.ScrubRule;
import org.therapyops.billing.scrub.Severity;
import org.therapyops.billing.scrub.Violation;
import org.therapyops.billing.scrub.IcdCodeSet;

import java.util.List;

/** Every diagnosis exists in the ICD-10-CM release of the date of service (in force, else the nearest loaded). */
public final class Icd10ValidRule extends ScrubRule {

    public Icd10ValidRule() {
        super("ICD10_VALID", Severity.ERROR, "Look the diagnosis up in the ICD-10-CM tabular list and enter an existing code");
    }

    @Override
    protected void check(Claim claim, ScrubContext context, List<Violation> out) {
        IcdCodeSet codes = context.codeSets().icd10cmFor(claim.dateOfService());
        for (int i = 0; i < claim.diagnoses().size(); i++) {
            String dx = claim.diagnoses().get(i);
            if (codes.status(dx) == IcdCodeSet.Status.UNKNOWN) {
                out.add(new Violation("diagnoses[" + i + "]", dx + " is not an ICD-10-CM code (release " + codes.version() + ")"));
            }
        }
    }
}
