package org.therapyops.billing.scrub.rules;

import org.therapyops.billing.Claim;
import org.therapyops.billing.scrub.ScrubContext;
import org.therapyops.billing.scrub.ScrubRule;
import org.therapyops.billing.scrub.Severity;
import org.therapyops.billing.scrub.Violation;

import java.util.List;

/** A claim carries at least one and at most 12 diagnoses (837P HI segment). */
public final class DiagnosisCountRule extends ScrubRule {

    public DiagnosisCountRule() {
        super("DIAGNOSIS_COUNT", Severity.ERROR, "Give the claim its principal diagnosis; split a claim with more than 12 diagnoses");
    }

    @Override
    protected void check(Claim claim, ScrubContext context, List<Violation> out) {
        if (claim.diagnoses().isEmpty()) {
            out.add(new Violation("diagnoses", "The claim has no diagnosis"));
        } else if (claim.diagnoses().size() > Claim.MAX_DIAGNOSES) {
            out.add(new Violation("diagnoses", "The claim has " + claim.diagnoses().size() + " diagnoses; at most 12 fit on a claim"));
        }
    }
}
