package org.therapyops.billing.scrub.rules;

import org.therapyops.billing.Charge;
import org.therapyops.billing.Claim;
import org.therapyops.billing.scrub.ScrubContext;
import org.therapyops.billing.scrub.ScrubRule;
import org.therapyops.billing.scrub.Severity;
import org.therapyops.billing.scrub.Violation;

import java.util.List;

/** A claim with a service the payer wants authorized carries the authorization number (REF*G1), one the patient holds. */
public final class AuthorizationNumberRule extends ScrubRule {

    public AuthorizationNumberRule() {
        super("AUTH_NUMBER", Severity.ERROR, "Enter the payer's authorization number for these services, or obtain an authorization first (CARC 197 / 15)");
    }

    @Override
    protected void check(Claim claim, ScrubContext context, List<Violation> out) {
        int[] lines = AuthorizationSupport.linesNeedingAuthorization(claim, context).toArray();
        if (lines.length == 0) {
            return;
        }
        if (RuleSupport.blank(claim.priorAuthorizationNumber())) {
            out.add(new Violation("priorAuthorizationNumber", "The payer requires authorization for "
                    + claim.lines().get(lines[0]).code() + " and the claim has no authorization number"));
        } else if (AuthorizationSupport.named(claim, context).isEmpty()) {
            out.add(new Violation("priorAuthorizationNumber", "Authorization number " + claim.priorAuthorizationNumber()
                    + " is none of the patient's authorizations"));
        }
    }
}
