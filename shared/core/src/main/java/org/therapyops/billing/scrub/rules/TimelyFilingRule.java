package org.therapyops.billing.scrub.rules;

import org.therapyops.billing.Charge;
import org.therapyops.billing.Claim;
import org.therapyops.billing.scrub.ScrubContext;
import org.therapyops.billing.scrub.ScrubRule;
import org.therapyops.billing.scrub.Severity;
import org.therapyops.billing.scrub.Violation;

import java.time.temporal.ChronoUnit;
import java.util.List;

/** The claim is submitted within the payer's timely filing limit from the date of service (Medicare: 12 months, CARC 29). */
public final class TimelyFilingRule extends ScrubRule {

    public TimelyFilingRule() {
        super("TIMELY_FILING", Severity.ERROR, "Past the payer's filing limit the claim will be denied (CARC 29): submit proof of timely filing or write the charge off");
    }

    @Override
    protected void check(Claim claim, ScrubContext context, List<Violation> out) {
        long days = ChronoUnit.DAYS.between(claim.dateOfService(), context.today());
        var limit = context.rules().timelyFilingDays();
        if (days > limit.value()) {
            out.add(new Violation("dateOfService", "The date of service is " + days + " days ago; the payer takes claims for "
                    + limit.value() + " days (" + context.rules().describe(limit.source()) + ")"));
        }
    }
}
