package org.therapyops.billing.scrub.rules;

import org.therapyops.billing.Claim;
import org.therapyops.billing.Party;
import org.therapyops.billing.scrub.ScrubContext;
import org.therapyops.billing.scrub.ScrubRule;
import org.therapyops.billing.scrub.Severity;
import org.therapyops.billing.scrub.Violation;
import org.therapyops.domain.Taxonomy;

import java.util.List;

/** The billing provider needs a taxonomy code (PRV*BI); the rendering provider's, when given, must be well formed. */
public final class TaxonomyRule extends ScrubRule {

    public TaxonomyRule() {
        super("PROVIDER_TAXONOMY", Severity.ERROR, "Enter the NUCC taxonomy code the provider is enrolled under, e.g. 225100000X for a physical therapist");
    }

    @Override
    protected void check(Claim claim, ScrubContext context, List<Violation> out) {
        Party billing = claim.billingProvider();
        if (billing == null || RuleSupport.blank(billing.taxonomy())) {
            out.add(new Violation("billingProvider.taxonomy", "The billing provider has no taxonomy code"));
        } else if (!Taxonomy.isValid(billing.taxonomy())) {
            out.add(new Violation("billingProvider.taxonomy", "The billing provider's taxonomy " + billing.taxonomy() + " is not 9 characters and X"));
        }
        Party rendering = claim.renderingProvider();
        if (rendering != null && !RuleSupport.blank(rendering.taxonomy()) && !Taxonomy.isValid(rendering.taxonomy())) {
            out.add(new Violation("renderingProvider.taxonomy", "The rendering provider's taxonomy " + rendering.taxonomy() + " is not 9 characters and X"));
        }
    }
}
