package org.therapyops.billing.scrub.rules;

import org.therapyops.billing.Claim;
import org.therapyops.billing.scrub.ScrubContext;
import org.therapyops.billing.scrub.ScrubRule;
import org.therapyops.billing.scrub.Severity;
import org.therapyops.billing.scrub.Violation;

import java.util.List;

/** The subscriber's member id is present, and matches the coverage's when the coverage is known. */
public final class MemberIdRule extends ScrubRule {

    public MemberIdRule() {
        super("MEMBER_ID", Severity.ERROR, "Copy the member id exactly as printed on the patient's insurance card into the coverage");
    }

    @Override
    protected void check(Claim claim, ScrubContext context, List<Violation> out) {
        String id = claim.subscriber() == null ? null : claim.subscriber().memberId();
        if (RuleSupport.blank(id)) {
            out.add(new Violation("subscriber.memberId", "The subscriber has no member id"));
        } else if (context.coverage() != null && !RuleSupport.blank(context.coverage().memberId())
                && !context.coverage().memberId().strip().equalsIgnoreCase(id.strip())) {
            out.add(new Violation("subscriber.memberId", "The member id differs from the coverage's"));
        }
    }
}
