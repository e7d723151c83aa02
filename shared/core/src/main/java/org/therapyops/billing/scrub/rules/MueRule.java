package org.therapyops.billing.scrub.rules;

import org.therapyops.billing.Charge;
import org.therapyops.billing.Claim;
import org.therapyops.billing.scrub.ScrubContext;
import org.therapyops.billing.scrub.ScrubRule;
import org.therapyops.billing.scrub.Severity;
import org.therapyops.billing.scrub.Violation;
import org.therapyops.billing.scrub.MueTable;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Medically unlikely edits of the date of service's table: units of a code per line (indicator 1) or per day over
 * all lines (2 and 3).
 */
public final class MueRule extends ScrubRule {

    public MueRule() {
        super("MUE_UNITS", Severity.ERROR, "Check the units against the documentation; bill no more than the MUE, or appeal with records where the MUE is appealable (indicator 3)");
    }

    @Override
    protected void check(Claim claim, ScrubContext context, List<Violation> out) {
        Map<String, Integer> perDay = new LinkedHashMap<>();
        Map<String, Integer> lastLine = new LinkedHashMap<>();
        Map<String, MueTable.Limit> limits = new LinkedHashMap<>();
        for (int i = 0; i < claim.lines().size(); i++) {
            Charge line = claim.lines().get(i);
            LocalDate day = RuleSupport.dateOf(claim, line);
            MueTable.Limit limit = context.codeSets().mueFor(day).limit(line.code()).orElse(null);
            if (limit == null) {
                continue;
            }
            if (limit.indicator() == 1) {
                if (line.units() > limit.units()) {
                    out.add(new Violation(RuleSupport.line(i, "units"), line.code() + " bills " + line.units()
                            + " units on one line; the MUE is " + limit.units() + " (per line)"));
                }
            } else {
                String key = line.code() + "|" + day;
                perDay.merge(key, line.units(), Integer::sum);
                lastLine.put(key, i);
                limits.put(key, limit);
            }
        }
        perDay.forEach((key, units) -> {
            String code = key.substring(0, key.indexOf('|'));
            MueTable.Limit limit = limits.get(key);
            if (units > limit.units()) {
                out.add(new Violation(RuleSupport.line(lastLine.get(key), "units"), code + " bills " + units
                        + " units on one day; the MUE is " + limit.units() + " per day (indicator " + limit.indicator() + ")"));
            }
        });
    }
}
