package org.therapyops.billing.scrub.rules;

import org.therapyops.billing.Charge;
import org.therapyops.billing.Claim;
import org.therapyops.billing.charges.TherapyYearToDate;
import org.therapyops.billing.scrub.ScrubContext;
import org.therapyops.billing.scrub.ScrubRule;
import org.therapyops.billing.scrub.Severity;
import org.therapyops.billing.scrub.Violation;

import java.math.BigDecimal;
import java.util.List;

/**
 * Where the payer has a therapy threshold (Medicare), KX is on the lines of a pool (PT and speech, GP/GN;
 * OT, GO) once the year's amount with this claim exceeds it, and on no line of a pool below it. Checked only
 * when the context knows the amounts of the date of service's year; applied per claim, not per line. The
 * threshold is the profile version's (a test keeps it equal to charge capture's kx-thresholds.csv).
 */
public final class KxModifierRule extends ScrubRule {

    public KxModifierRule() {
        super("KX_MODIFIER", Severity.ERROR, "Add KX (with documented medical necessity) to therapy lines above the yearly threshold; remove it below");
    }

    @Override
    protected void check(Claim claim, ScrubContext context, List<Violation> out) {
        TherapyYearToDate ytd = context.yearToDate();
        BigDecimal threshold = context.profile().kxThreshold().orElse(null);
        if (ytd == null || threshold == null || ytd.year() != claim.dateOfService().getYear()) {
            return;
        }
        checkPool(claim, List.of("GP", "GN"), ytd.physicalAndSpeech(), threshold, "PT and speech", out);
        checkPool(claim, List.of("GO"), ytd.occupational(), threshold, "OT", out);
    }

    private static void checkPool(Claim claim, List<String> pool, BigDecimal before, BigDecimal threshold, String name,
                                  List<Violation> out) {
        BigDecimal total = before == null ? BigDecimal.ZERO : before;
        for (Charge line : claim.lines()) {
            if (RuleSupport.hasAny(line, pool) && line.amount() != null) {
                total = total.add(line.amount());
            }
        }
        boolean required = total.compareTo(threshold) > 0;
        for (int i = 0; i < claim.lines().size(); i++) {
            Charge line = claim.lines().get(i);
            if (!RuleSupport.hasAny(line, pool)) {
                continue;
            }
            if (required && !RuleSupport.has(line, "KX")) {
                out.add(new Violation(RuleSupport.line(i, "modifiers"), "The year's " + name + " therapy reaches " + total
                        + ", above the " + threshold + " threshold: KX is required"));
            } else if (!required && RuleSupport.has(line, "KX")) {
                out.add(new Violation(RuleSupport.line(i, "modifiers"), "The year's " + name + " therapy is " + total
                        + ", not above the " + threshold + " threshold: KX does not apply"));
            }
        }
    }
}
