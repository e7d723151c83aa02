package org.therapyops.billing.scrub.rules;

import org.therapyops.billing.Charge;
import org.therapyops.billing.Claim;
import org.therapyops.billing.scrub.ScrubContext;
import org.therapyops.billing.scrub.ScrubRule;
import org.therapyops.billing.scrub.Severity;
import org.therapyops.billing.scrub.Violation;

import java.math.BigDecimal;
import java.util.List;

/** Each line bills an amount above zero and at least one unit. */
public final class AmountPositiveRule extends ScrubRule {

    public AmountPositiveRule() {
        super("AMOUNT_POSITIVE", Severity.ERROR, "Bill the fee schedule's rate times the units; a line with nothing to bill should be removed");
    }

    @Override
    protected void check(Claim claim, ScrubContext context, List<Violation> out) {
        for (int i = 0; i < claim.lines().size(); i++) {
            Charge line = claim.lines().get(i);
            if (line.amount() == null || line.amount().compareTo(BigDecimal.ZERO) <= 0) {
                out.add(new Violation(RuleSupport.line(i, "amount"), "The line bills " + line.amount() + ", not an amount above zero"));
            }
            if (line.units() < 1) {
                out.add(new Violation(RuleSupport.line(i, "units"), "The line bills " + line.units() + " units"));
            }
        }
    }
}
