package org.therapyops.billing.scrub.rules;

import org.therapyops.billing.Claim;
import org.therapyops.billing.scrub.IcdCodeSet;
import org.therapyops.billing.scrub.ScrubContext;
import org.therapyops.billing.scrub.ScrubRule;
import org.therapyops.billing.scrub.Severity;
import org.therapyops.billing.scrub.Violation;

import java.util.List;

/**
 * A release of ICD-10-CM in force on the date of service is loaded. Without one, the diagnoses were checked against
 * the nearest release, and the checks may be wrong (codes are added and retired every October, sometimes in April).
 */
public final class Icd10CodeSetInForceRule extends ScrubRule {

    public Icd10CodeSetInForceRule() {
        super("ICD10_CODE_SET_IN_FORCE", Severity.WARNING, "Load the ICD-10-CM release in force on the date of service"
                + " (bin/load-code-set icd10cm with CDC's files), deploy, and scrub again");
    }

    @Override
    protected void check(Claim claim, ScrubContext context, List<Violation> out) {
        if (claim.diagnoses().isEmpty() || claim.dateOfService().isBefore(IcdCodeSet.ICD10_START)
                || context.codeSets().icd10cmInForceOn(claim.dateOfService()).isPresent()) {
            return;
        }
        IcdCodeSet used = context.codeSets().icd10cmFor(claim.dateOfService());
        out.add(new Violation("diagnoses", "No loaded ICD-10-CM release is in force on " + claim.dateOfService()
                + ": diagnoses checked against " + used.version() + " (in force " + used.effectiveFrom() + " to "
                + (used.effectiveTo() == null ? "now" : used.effectiveTo()) + ")"));
    }
}
