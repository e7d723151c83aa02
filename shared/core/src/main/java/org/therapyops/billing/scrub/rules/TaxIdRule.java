package org.therapyops.billing.scrub.rules;

import org.therapyops.billing.Claim;
import org.therapyops.billing.scrub.ScrubContext;
import org.therapyops.billing.scrub.ScrubRule;
import org.therapyops.billing.scrub.Severity;
import org.therapyops.billing.scrub.Violation;
import org.therapyops.domain.TaxId;

import java.util.List;

/** The billing provider's tax id (EIN or SSN) has the {@link TaxId} format. */
public final class TaxIdRule extends ScrubRule {

    public TaxIdRule() {
        super("BILLING_TIN", Severity.ERROR, "Enter the practice's 9-digit EIN (e.g. 12-3456789), as registered with the payer, in the billing profile "
                + "(PUT /billing-profile), then correct the claim with refreshFromPracticeData");
    }

    @Override
    protected void check(Claim claim, ScrubContext context, List<Violation> out) {
        String tin = claim.billingProvider() == null ? null : claim.billingProvider().taxId();
        if (RuleSupport.blank(tin)) {
            out.add(new Violation("billingProvider.taxId", "The billing provider has no tax id"));
        } else if (!TaxId.isValid(tin)) {
            out.add(new Violation("billingProvider.taxId", "The billing provider's tax id is not nine digits"));
        }
    }
}
