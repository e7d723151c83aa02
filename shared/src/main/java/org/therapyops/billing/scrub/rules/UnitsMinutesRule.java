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
 * minutes (8–22 = 1, 23–37 = 2, …), or per code; ABA codes always per code.
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
        boolean dayTotal = context.profile().unitRounding() == UnitRounding.CMS_8_MINUTE;
        int minutes = 0;
        int billed = 0;
        boolean anyDayTimed = false;
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
                anyDayTimed = true;
            } else if (timing != TherapyCodes.Timing.UNTIMED && line.units() != units(line.minutes())) {
                out.add(new Violation(RuleSupport.line(i, "units"), line.code() + ": " + line.minutes() + " minutes make "
                        + units(line.minutes()) + " units, not " + line.units()));
            }
        }
        if (anyDayTimed && billed != units(minutes)) {
            out.add(new Violation("lines", "The day's timed codes total " + minutes + " minutes, which make " + units(minutes)
                    + " units by the 8-minute rule, not " + billed));
        }
    }
}
