package org.therapyops.billing.scrub.rules;

import org.therapyops.billing.Claim;
import org.therapyops.billing.scrub.ScrubContext;
import org.therapyops.billing.scrub.ScrubRule;
import org.therapyops.billing.scrub.Severity;
import org.therapyops.billing.scrub.Violation;

import java.util.List;

/**
 * Where the payer wants KX (Medicare), the KX threshold of the date of service's year is known; otherwise KX was not
 * checked (nor decided at capture), which a biller should know rather than find out from a denial.
 */
public final class KxThresholdRule extends ScrubRule {

    public KxThresholdRule() {
        super("KX_THRESHOLD", Severity.WARNING, "Have an admin set the year's Medicare therapy threshold (PUT /kx-thresholds)"
                + " once CMS publishes it, then correct the claim so it is scrubbed again; until then check KX by hand");
    }

    @Override
    protected void check(Claim claim, ScrubContext context, List<Violation> out) {
        int year = claim.dateOfService().getYear();
        if (context.rules().kxModifier() && context.kxThresholds().forYear(year).isEmpty()) {
            out.add(new Violation("dateOfService", "No KX threshold is known for " + year + ": KX was not checked"));
        }
    }
}
