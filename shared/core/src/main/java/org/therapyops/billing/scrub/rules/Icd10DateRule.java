package org.therapyops.billing.scrub.rules;

import org.therapyops.billing.Claim;
import org.therapyops.billing.scrub.ScrubContext;
import org.therapyops.billing.scrub.ScrubRule;
import org.therapyops.billing.scrub.Severity;
import org.therapyops.billing.scrub.Violation;
import org.therapyops.billing.scrub.IcdCodeSet;

import java.util.List;

/** ICD-10-CM codes are valid only for dates of service on or after 2015-10-01. */
public final class Icd10DateRule extends ScrubRule {

    public Icd10DateRule() {
        super("ICD10_DATE", Severity.ERROR, "Services before 2015-10-01 are coded in ICD-9-CM: check the date of service");
    }

    @Override
    protected void check(Claim claim, ScrubContext context, List<Violation> out) {
        if (!claim.diagnoses().isEmpty() && claim.dateOfService().isBefore(IcdCodeSet.ICD10_START)) {
            out.add(new Violation("dateOfService", "ICD-10-CM diagnoses on a date of service before 2015-10-01"));
        }
    }
}
