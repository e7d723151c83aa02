package org.therapyops.billing.scrub.rules;

import org.therapyops.billing.Charge;
import org.therapyops.billing.Claim;
import org.therapyops.billing.scrub.ScrubContext;
import org.therapyops.billing.scrub.ScrubRule;
import org.therapyops.billing.scrub.Severity;
import org.therapyops.billing.scrub.Violation;

import java.util.List;

/** CQ (PT assistant) goes with GP only, CO (OT assistant) with GO only, never both on a line. */
public final class AssistantModifierRule extends ScrubRule {

    public AssistantModifierRule() {
        super("ASSISTANT_MODIFIER", Severity.ERROR, "Use CQ on PT (GP) lines and CO on OT (GO) lines furnished more than 10% by an assistant");
    }

    @Override
    protected void check(Claim claim, ScrubContext context, List<Violation> out) {
        for (int i = 0; i < claim.lines().size(); i++) {
            Charge line = claim.lines().get(i);
            String field = RuleSupport.line(i, "modifiers");
            boolean cq = RuleSupport.has(line, "CQ");
            boolean co = RuleSupport.has(line, "CO");
            if (cq && co) {
                out.add(new Violation(field, "CQ and CO on one line"));
            } else if (cq && !RuleSupport.has(line, "GP")) {
                out.add(new Violation(field, "CQ (PT assistant) on a line without GP"));
            } else if (co && !RuleSupport.has(line, "GO")) {
                out.add(new Violation(field, "CO (OT assistant) on a line without GO"));
            }
        }
    }
}
