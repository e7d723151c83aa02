package org.therapyops.billing.scrub.rules;

import org.therapyops.billing.Claim;
import org.therapyops.billing.scrub.ScrubContext;
import org.therapyops.billing.scrub.ScrubRule;
import org.therapyops.billing.scrub.Severity;
import org.therapyops.billing.scrub.Violation;
import org.therapyops.billing.scrub.IcdCodeSet;

import java.util.List;

/**
 * The diagnoses were checked against the release in force on the date of service; when the loaded release is
 * another one, the checks above may be wrong (codes are added and retired every October, sometimes in April).
 */
public final class Icd10CodeSetInForceRule extends ScrubRule {

    public Icd10CodeSetInForceRule() {
        super("ICD10_CODE_SET_IN_FORCE", Severity.WARNING, "Load the ICD-10-CM release in force on the date of service and scrub again");
    }

    @Override
    protected void check(Claim claim, ScrubContext context, List<Violation> out) {
        IcdCodeSet codes = context.codeSets().icd10cm();
        if (!claim.diagnoses().isEmpty() && !claim.dateOfService().isBefore(IcdCodeSet.ICD10_START)
                && !codes.inForceOn(claim.dateOfService())) {
            out.add(new Violation("diagnoses", "Diagnoses checked against ICD-10-CM " + codes.version() + " (in force "
                    + codes.effectiveFrom() + " to " + (codes.effectiveTo() == null ? "now" : codes.effectiveTo())
                    + "), not the release in force on " + claim.dateOfService()));
        }
    }
}
