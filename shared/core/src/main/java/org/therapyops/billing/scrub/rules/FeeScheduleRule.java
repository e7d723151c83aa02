package org.therapyops.billing.scrub.rules;

import org.therapyops.billing.Charge;
import org.therapyops.billing.Claim;
import org.therapyops.billing.scrub.ScrubContext;
import org.therapyops.billing.scrub.ScrubRule;
import org.therapyops.billing.scrub.Severity;
import org.therapyops.billing.scrub.Violation;

import java.util.List;

/** Each line's code has a rate in the practice's fee schedule (completeness: a fee for the code). */
public final class FeeScheduleRule extends ScrubRule {

    public FeeScheduleRule() {
        super("FEE_SCHEDULED", Severity.ERROR, "Add the code to the practice's fee schedule, then recapture the charge");
    }

    @Override
    protected void check(Claim claim, ScrubContext context, List<Violation> out) {
        for (int i = 0; i < claim.lines().size(); i++) {
            Charge line = claim.lines().get(i);
            if (!context.feeScheduleCodes().contains(line.code())) {
                out.add(new Violation(RuleSupport.line(i, "code"), line.code() + " has no rate in the fee schedule"));
            }
        }
    }
}
