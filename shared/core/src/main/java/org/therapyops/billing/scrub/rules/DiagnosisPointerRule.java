package org.therapyops.billing.scrub.rules;

import org.therapyops.billing.Charge;
import org.therapyops.billing.Claim;
import org.therapyops.billing.scrub.ScrubContext;
import org.therapyops.billing.scrub.ScrubRule;
import org.therapyops.billing.scrub.Severity;
import org.therapyops.billing.scrub.Violation;

import java.util.HashSet;
import java.util.List;

/** Every line points at 1 to 4 distinct diagnoses, each pointer 1–12 and naming a diagnosis on the claim. */
public final class DiagnosisPointerRule extends ScrubRule {

    public DiagnosisPointerRule() {
        super("DIAGNOSIS_POINTERS", Severity.ERROR, "Point each line at up to four of the claim's diagnoses, most relevant first");
    }

    @Override
    protected void check(Claim claim, ScrubContext context, List<Violation> out) {
        for (int i = 0; i < claim.lines().size(); i++) {
            Charge line = claim.lines().get(i);
            List<Integer> ptrs = line.diagnosisPointers();
            String field = RuleSupport.line(i, "diagnosisPointers");
            if (ptrs.isEmpty()) {
                out.add(new Violation(field, "The line points at no diagnosis"));
            } else if (ptrs.size() > 4) {
                out.add(new Violation(field, "The line has " + ptrs.size() + " diagnosis pointers; at most 4"));
            } else if (new HashSet<>(ptrs).size() != ptrs.size()) {
                out.add(new Violation(field, "The line points at the same diagnosis twice"));
            }
            for (Integer p : ptrs) {
                if (p == null || p < 1 || p > Claim.MAX_DIAGNOSES) {
                    out.add(new Violation(field, "Pointer " + p + " is outside 1–12"));
                } else if (p > claim.diagnoses().size()) {
                    out.add(new Violation(field, "Pointer " + p + " names no diagnosis: the claim has " + claim.diagnoses().size()));
                }
            }
        }
    }
}
