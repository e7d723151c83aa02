package org.therapyops.billing.scrub.rules;

import org.therapyops.billing.Charge;
import org.therapyops.billing.Claim;
import org.therapyops.billing.scrub.ScrubContext;
import org.therapyops.billing.scrub.ScrubRule;
import org.therapyops.billing.scrub.Severity;
import org.therapyops.billing.scrub.Violation;
import org.therapyops.domain.Coverage;

import java.util.List;

/** The claim bills a coverage of this payer that is in force on the date of service. */
public final class CoverageActiveRule extends ScrubRule {

    public CoverageActiveRule() {
        super("COVERAGE_ACTIVE", Severity.ERROR, "Verify eligibility and bill the coverage in force on the date of service (or the patient)");
    }

    @Override
    protected void check(Claim claim, ScrubContext context, List<Violation> out) {
        Coverage coverage = context.coverage();
        if (coverage == null) {
            out.add(new Violation("coverageId", "The claim's coverage was not found"));
        } else if (!coverage.activeOn(claim.dateOfService())) {
            out.add(new Violation("dateOfService", "The coverage is in force from " + coverage.effectiveFrom()
                    + (coverage.effectiveTo() == null ? "" : " to " + coverage.effectiveTo()) + ", not on " + claim.dateOfService()));
        } else if (claim.payerId() != null && !claim.payerId().equals(coverage.payerId())) {
            out.add(new Violation("payerId", "The claim's payer is not the coverage's payer"));
        }
    }
}
