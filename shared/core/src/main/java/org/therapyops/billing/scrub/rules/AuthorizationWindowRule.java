package org.therapyops.billing.scrub.rules;

import org.therapyops.billing.Charge;
import org.therapyops.billing.Claim;
import org.therapyops.billing.scrub.ScrubContext;
import org.therapyops.billing.scrub.ScrubRule;
import org.therapyops.billing.scrub.Severity;
import org.therapyops.billing.scrub.Violation;
import org.therapyops.domain.Authorization;

import java.util.List;

/** The named authorization covers each line's code that needs one, and the date of service is in its window. */
public final class AuthorizationWindowRule extends ScrubRule {

    public AuthorizationWindowRule() {
        super("AUTH_WINDOW", Severity.ERROR, "Use an authorization whose dates and codes cover this service, or request an extension from the payer");
    }

    @Override
    protected void check(Claim claim, ScrubContext context, List<Violation> out) {
        Authorization auth = AuthorizationSupport.named(claim, context).orElse(null);
        if (auth == null) {
            return;
        }
        if (!auth.inWindow(claim.dateOfService())) {
            out.add(new Violation("dateOfService", "The date of service " + claim.dateOfService() + " is outside authorization "
                    + auth.number() + " (" + auth.startDate() + " to " + auth.endDate() + ")"));
        }
        AuthorizationSupport.linesNeedingAuthorization(claim, context).forEach(i -> {
            Charge line = claim.lines().get(i);
            if (!auth.covers(line.code())) {
                out.add(new Violation(RuleSupport.line(i, "code"), "Authorization " + auth.number() + " does not cover " + line.code()));
            }
        });
    }
}
