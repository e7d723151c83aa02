package org.therapyops.billing.scrub.rules;

import org.therapyops.billing.Claim;
import org.therapyops.billing.Party;
import org.therapyops.billing.scrub.ScrubContext;
import org.therapyops.billing.scrub.ScrubRule;
import org.therapyops.billing.scrub.Severity;
import org.therapyops.billing.scrub.Violation;
import org.therapyops.domain.Npi;

import java.util.List;
import java.util.function.Function;

/** An NPI on the claim must be 10 digits with a valid Luhn check digit (DOMAIN.md, Claim scrubbing: NPI). */
public final class NpiRule extends ScrubRule {

    private final String role;
    private final Function<Claim, Party> party;
    private final boolean required;

    private NpiRule(String id, String role, Function<Claim, Party> party, boolean required) {
        super(id, Severity.ERROR, "Correct the " + role + " provider's NPI from NPPES; it is 10 digits ending in a check digit");
        this.role = role;
        this.party = party;
        this.required = required;
    }

    public static NpiRule billing() {
        return new NpiRule("BILLING_NPI", "billing", Claim::billingProvider, true);
    }

    public static NpiRule rendering() {
        return new NpiRule("RENDERING_NPI", "rendering", Claim::renderingProvider, true);
    }

    /** The referring provider is optional; when present its NPI must be valid. */
    public static NpiRule referring() {
        return new NpiRule("REFERRING_NPI", "referring", Claim::referringProvider, false);
    }

    @Override
    protected void check(Claim claim, ScrubContext context, List<Violation> out) {
        Party p = party.apply(claim);
        String field = role + "Provider.npi";
        if (p == null || RuleSupport.blank(p.npi())) {
            if (required) {
                out.add(new Violation(field, "The " + role + " provider has no NPI"));
            }
        } else if (!Npi.isValid(p.npi())) {
            out.add(new Violation(field, "The " + role + " provider's NPI " + p.npi() + " is not a valid NPI (10 digits, Luhn check digit)"));
        }
    }
}
