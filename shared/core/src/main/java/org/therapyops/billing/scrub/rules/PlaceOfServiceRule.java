package org.therapyops.billing.scrub.rules;

import org.therapyops.billing.Charge;
import org.therapyops.billing.Claim;
import org.therapyops.billing.scrub.ScrubContext;
import org.therapyops.billing.scrub.ScrubRule;
import org.therapyops.billing.scrub.Severity;
import org.therapyops.billing.scrub.Violation;

import java.util.List;

/** The claim's and each line's place of service is a code of the CMS place of service code set. */
public final class PlaceOfServiceRule extends ScrubRule {

    public PlaceOfServiceRule() {
        super("PLACE_OF_SERVICE", Severity.ERROR, "Enter the two-digit CMS place of service code, e.g. 11 office, 12 home, 02/10 telehealth");
    }

    @Override
    protected void check(Claim claim, ScrubContext context, List<Violation> out) {
        if (!context.codeSets().placesOfService().contains(claim.placeOfService())) {
            out.add(new Violation("placeOfService", "'" + claim.placeOfService() + "' is not a place of service code"));
        }
        for (int i = 0; i < claim.lines().size(); i++) {
            String pos = claim.lines().get(i).placeOfService();
            if (!RuleSupport.blank(pos) && !context.codeSets().placesOfService().contains(pos)) {
                out.add(new Violation(RuleSupport.line(i, "placeOfService"), "'" + pos + "' is not a place of service code"));
            }
        }
    }
}
