package org.therapyops.billing.scrub.rules;

import org.therapyops.billing.Claim;
import org.therapyops.billing.scrub.ScrubContext;
import org.therapyops.billing.scrub.ScrubRule;
import org.therapyops.billing.scrub.Severity;
import org.therapyops.billing.scrub.Violation;
import org.therapyops.domain.PostalAddress;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The addresses the 837P must carry: the billing provider's (loop 2010AA: a street address, not a post office or
 * lock box, with the nine-digit ZIP code) and the subscriber's (loop 2010BA: required when the patient is the
 * subscriber, which is always the case here). Messages name the field, never the address itself (a patient's is PHI).
 */
public final class AddressRule extends ScrubRule {

    private final String path;
    private final PostalAddress.Use use;
    private final Function<Claim, PostalAddress> address;

    private AddressRule(String id, String hint, String path, PostalAddress.Use use, Function<Claim, PostalAddress> address) {
        super(id, Severity.ERROR, hint);
        this.path = path;
        this.use = use;
        this.address = address;
    }

    public static AddressRule billing() {
        return new AddressRule("BILLING_ADDRESS", "Enter the practice's street address with its ZIP+4 in the billing "
                + "profile (PUT /billing-profile), then correct the claim with refreshFromPracticeData",
                "billingProvider.address", PostalAddress.Use.BILLING_PROVIDER,
                c -> c.billingProvider() == null ? null : c.billingProvider().address());
    }

    public static AddressRule subscriber() {
        return new AddressRule("SUBSCRIBER_ADDRESS", "Enter the patient's mailing address (PUT /patients/{id}), then "
                + "correct the claim with refreshFromPracticeData", "subscriber.address", PostalAddress.Use.MAILING,
                c -> c.subscriber() == null ? null : c.subscriber().address());
    }

    @Override
    protected void check(Claim claim, ScrubContext context, List<Violation> out) {
        PostalAddress a = address.apply(claim);
        if (a == null) {
            out.add(new Violation(path, "The " + (use == PostalAddress.Use.BILLING_PROVIDER ? "billing provider" : "patient")
                    + " has no address"));
            return;
        }
        for (Map.Entry<String, String> problem : PostalAddress.problems(a, use).entrySet()) {
            out.add(new Violation(path + "." + problem.getKey(), "The address's " + problem.getKey() + " " + problem.getValue()));
        }
    }
}
