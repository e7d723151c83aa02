package org.therapyops.billing.scrub.rules;

import org.therapyops.billing.Charge;
import org.therapyops.billing.Claim;
import org.therapyops.billing.charges.KxThresholds;
import org.therapyops.billing.charges.TherapyPool;
import org.therapyops.billing.charges.TherapyYearToDate;
import org.therapyops.billing.scrub.ScrubContext;
import org.therapyops.billing.scrub.ScrubRule;
import org.therapyops.billing.scrub.Severity;
import org.therapyops.billing.scrub.Violation;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where the payer wants KX (Medicare), KX is on every line of a pool (PT and speech, GP/GN; OT, GO) when the year's
 * amount with the claim's lines exceeds the year's threshold, and on no line of a pool below it — charge capture's rule,
 * {@link TherapyYearToDate#kxPools}. Checked only when the context knows the amounts of the date of service's year and
 * the year has a threshold ({@link KxThresholdRule} reports a year without one).
 */
public final class KxModifierRule extends ScrubRule {

    public KxModifierRule() {
        super("KX_MODIFIER", Severity.ERROR, "Add KX (with documented medical necessity) to therapy lines above the yearly threshold; remove it below");
    }

    @Override
    protected void check(Claim claim, ScrubContext context, List<Violation> out) {
        TherapyYearToDate ytd = context.yearToDate();
        int year = claim.dateOfService().getYear();
        Optional<KxThresholds.Threshold> threshold = context.kxThresholds().forYear(year);
        if (!context.rules().kxModifier() || ytd == null || ytd.year() != year || threshold.isEmpty()) {
            return;
        }
        Set<TherapyPool> required = ytd.kxPools(claim.lines(), threshold.get().amount());
        TherapyYearToDate with = ytd.plus(claim.lines());
        for (int i = 0; i < claim.lines().size(); i++) {
            Charge line = claim.lines().get(i);
            TherapyPool pool = TherapyPool.of(line).orElse(null);
            if (pool == null) {
                continue;
            }
            String name = pool == TherapyPool.OCCUPATIONAL ? "OT" : "PT and speech";
            if (required.contains(pool) && !RuleSupport.has(line, "KX")) {
                out.add(new Violation(RuleSupport.line(i, "modifiers"), "The year's " + name + " therapy reaches "
                        + with.amount(pool) + ", above the " + threshold.get().amount() + " threshold: KX is required"));
            } else if (!required.contains(pool) && RuleSupport.has(line, "KX")) {
                out.add(new Violation(RuleSupport.line(i, "modifiers"), "The year's " + name + " therapy is "
                        + with.amount(pool) + ", not above the " + threshold.get().amount() + " threshold: KX does not apply"));
            }
        }
    }
}
