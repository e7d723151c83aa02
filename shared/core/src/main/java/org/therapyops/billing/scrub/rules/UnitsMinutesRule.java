package org.therapyops.billing.scrub.rules;

import org.therapyops.billing.Charge;
import org.therapyops.billing.Claim;
import org.therapyops.billing.scrub.ScrubContext;
import org.therapyops.billing.scrub.ScrubRule;
import org.therapyops.billing.scrub.Severity;
import org.therapyops.billing.scrub.Violation;
import org.therapyops.billing.scrub.TherapyCodes;
import org.therapyops.domain.UnitRounding;

import java.util.List;

/**
 * Timed codes' units agree with their minutes by the payer's rounding: CMS 8-minute rule over the day's timed
 * minutes (8–22 = 1, 23–37 = 2, …) with each code's share (its whole 15-minute units first, the rest to the codes with
 * the most minutes left; a tie may go either way), or per code; ABA codes always per code.
 */
public final class UnitsMinutesRule extends ScrubRule {

    public UnitsMinutesRule() {
        super("UNITS_MINUTES", Severity.ERROR, "Recount the units from the note's minutes: 8 minutes make the first unit, each further 15 one more");
    }

    /** Units for timed minutes: none under 8, then one per started 15 from the eighth minute. */
    static int units(int minutes) {
        return minutes < 8 ? 0 : (minutes + 7) / 15;
    }

    @Override
    protected void check(Claim claim, ScrubContext context, List<Violation> out) {
        boolean dayTotal = context.rules().unitRounding().value() == UnitRounding.CMS_8_MINUTE;
        int minutes = 0;
        int billed = 0;
        List<Integer> dayTimed = new java.util.ArrayList<>();
        for (int i = 0; i < claim.lines().size(); i++) {
            Charge line = claim.lines().get(i);
            TherapyCodes.Timing timing = context.codeSets().therapyCodes().code(line.code())
                    .map(TherapyCodes.Code::timing).orElse(TherapyCodes.Timing.UNTIMED);
            if (line.minutes() < 0) {
                out.add(new Violation(RuleSupport.line(i, "minutes"), "Negative minutes"));
                continue;
            }
            if (timing == TherapyCodes.Timing.TIMED && dayTotal) {
                minutes += line.minutes();
                billed += line.units();
                dayTimed.add(i);
            } else if (timing != TherapyCodes.Timing.UNTIMED && line.units() != units(line.minutes())) {
                out.add(new Violation(RuleSupport.line(i, "units"), line.code() + ": " + line.minutes() + " minutes make "
                        + units(line.minutes()) + " units, not " + line.units()));
            }
        }
        if (!dayTimed.isEmpty() && billed != units(minutes)) {
            out.add(new Violation("lines", "The day's timed codes total " + minutes + " minutes, which make " + units(minutes)
                    + " units by the 8-minute rule, not " + billed));
        } else if (!dayTimed.isEmpty()) {
            checkAllocation(claim, dayTimed, units(minutes), out);
        }
    }

    /** CMS 100-04 ch. 5 §20.2: whole units per code first, then one more each to the codes with the most minutes left. */
    private static void checkAllocation(Claim claim, List<Integer> timed, int total, List<Violation> out) {
        int whole = timed.stream().mapToInt(i -> claim.lines().get(i).minutes() / 15).sum();
        int extra = total - whole;
        List<Integer> remainders = timed.stream().map(i -> claim.lines().get(i).minutes() % 15)
                .sorted(java.util.Comparator.reverseOrder()).toList();
        int cutoff = extra <= 0 ? Integer.MAX_VALUE : remainders.get(Math.min(extra, remainders.size()) - 1);
        for (int i : timed) {
            Charge line = claim.lines().get(i);
            int base = line.minutes() / 15;
            int rem = line.minutes() % 15;
            boolean ok = rem > cutoff ? line.units() == base + 1
                    : rem < cutoff ? line.units() == base
                    : line.units() == base || line.units() == base + 1;
            if (!ok) {
                int expected = rem > cutoff ? base + 1 : base;
                out.add(new Violation(RuleSupport.line(i, "units"), line.code() + ": " + line.minutes() + " of the day's timed minutes get "
                        + expected + (rem == cutoff ? " or " + (base + 1) : "") + " of its " + total + " units by the 8-minute rule, not " + line.units()));
            }
        }
    }
}
