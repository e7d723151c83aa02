package org.therapyops.billing.scrub.rules;

import org.therapyops.billing.Claim;
import org.therapyops.billing.scrub.ScrubContext;
import org.therapyops.billing.scrub.ScrubRule;
import org.therapyops.billing.scrub.Severity;
import org.therapyops.billing.scrub.Violation;

import java.time.LocalDate;
import java.util.List;

/** The patient's birth date is present, not in the future and not after the date of service. */
public final class PatientBirthDateRule extends ScrubRule {

    public PatientBirthDateRule() {
        super("PATIENT_BIRTH_DATE", Severity.ERROR, "Correct the patient's birth date in the patient's record");
    }

    @Override
    protected void check(Claim claim, ScrubContext context, List<Violation> out) {
        LocalDate born = claim.subscriber() == null ? null : claim.subscriber().birthDate();
        if (born == null) {
            out.add(new Violation("subscriber.birthDate", "The patient has no birth date"));
        } else if (born.isAfter(context.today())) {
            out.add(new Violation("subscriber.birthDate", "The patient's birth date is in the future"));
        } else if (born.isAfter(claim.dateOfService())) {
            out.add(new Violation("subscriber.birthDate", "The patient's birth date is after the date of service"));
        }
    }
}
