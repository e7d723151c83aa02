package org.therapyops.billing.scrub.rules;

import org.therapyops.billing.Claim;
import org.therapyops.billing.scrub.ScrubContext;
import org.therapyops.billing.scrub.ScrubRule;
import org.therapyops.billing.scrub.Severity;
import org.therapyops.billing.scrub.Violation;

import java.util.List;

/** The patient (subscriber) has a last and a first name. */
public final class PatientNameRule extends ScrubRule {

    public PatientNameRule() {
        super("PATIENT_NAME", Severity.ERROR, "Enter the patient's name as it appears on the insurance card");
    }

    @Override
    protected void check(Claim claim, ScrubContext context, List<Violation> out) {
        if (claim.subscriber() == null || RuleSupport.blank(claim.subscriber().lastName())) {
            out.add(new Violation("subscriber.lastName", "The patient has no last name"));
        }
        if (claim.subscriber() == null || RuleSupport.blank(claim.subscriber().firstName())) {
            out.add(new Violation("subscriber.firstName", "The patient has no first name"));
        }
    }
}
