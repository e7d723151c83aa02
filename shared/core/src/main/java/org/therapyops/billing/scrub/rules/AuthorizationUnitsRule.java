package org.therapyops.billing.scrub.rules;

import org.therapyops.billing.Charge;
import org.therapyops.billing.Claim;
import org.therapyops.billing.scrub.ScrubContext;
import org.therapyops.billing.scrub.ScrubRule;
import org.therapyops.billing.scrub.Severity;
import org.therapyops.billing.scrub.Violation;
import org.therapyops.domain.Authorization;
import org.therapyops.domain.UnitType;

import java.util.List;

/**
 * The named authorization has the quantity this claim uses left: a visit, or the covered lines' 15-minute units
 * (quarter hours for an authorization in hours), against authorized minus rendered before this claim.
 */
public final class AuthorizationUnitsRule extends ScrubRule {

    public AuthorizationUnitsRule() {
        super("AUTH_UNITS", Severity.ERROR, "Request more units or visits from the payer before submitting, or bill only what the authorization allows");
    }

    @Override
    protected void check(Claim claim, ScrubContext context, List<Violation> out) {
        Authorization auth = AuthorizationSupport.named(claim, context).orElse(null);
        if (auth == null) {
            return;
        }
        int[] covered = AuthorizationSupport.linesNeedingAuthorization(claim, context)
                .filter(i -> auth.covers(claim.lines().get(i).code())).toArray();
        if (covered.length == 0) {
            return;
        }
        long needed = auth.unitType() == UnitType.VISITS ? 1
                : java.util.Arrays.stream(covered).mapToLong(i -> claim.lines().get(i).units()).sum();
        long available = Math.max(0, auth.authorized() - auth.rendered());
        if (needed > available) {
            out.add(new Violation(RuleSupport.line(covered[covered.length - 1], "units"), "The claim uses " + needed
                    + " of authorization " + auth.number() + "'s " + auth.unitType().name().toLowerCase() + " ledger units; "
                    + available + " are left"));
        }
    }
}
