package org.therapyops.billing.scrub.rules;

import org.therapyops.billing.Charge;
import org.therapyops.billing.Claim;
import org.therapyops.billing.scrub.ScrubContext;
import org.therapyops.billing.scrub.ScrubRule;
import org.therapyops.billing.scrub.Severity;
import org.therapyops.billing.scrub.Violation;
import org.therapyops.billing.ClaimFrequency;

import java.util.List;

/** A replacement (7) or void (8) names the original claim and the payer's control number of it; an original (1) names none. */
public final class ClaimFrequencyRule extends ScrubRule {

    public ClaimFrequencyRule() {
        super("CLAIM_FREQUENCY", Severity.ERROR, "For a replacement or void, enter the payer's claim number of the original; for a new claim, clear it");
    }

    @Override
    protected void check(Claim claim, ScrubContext context, List<Violation> out) {
        ClaimFrequency f = claim.frequency();
        if (f == null) {
            out.add(new Violation("frequency", "The claim has no frequency code"));
        } else if (f != ClaimFrequency.ORIGINAL && RuleSupport.blank(claim.originalClaimId())) {
            out.add(new Violation("originalClaimId", "A claim with frequency " + f.code() + " needs the original claim's id"));
        } else if (f != ClaimFrequency.ORIGINAL && RuleSupport.blank(claim.originalReference())) {
            out.add(new Violation("originalReference", "A claim with frequency " + f.code()
                    + " needs the payer's claim control number of the original (REF*F8)"));
        } else if (f == ClaimFrequency.ORIGINAL && !RuleSupport.blank(claim.originalClaimId())) {
            out.add(new Violation("originalClaimId", "An original claim (frequency 1) names an original claim"));
        }
    }
}
