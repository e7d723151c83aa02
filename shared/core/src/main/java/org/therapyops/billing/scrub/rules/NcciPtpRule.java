package org.therapyops.billing.scrub.rules;

import org.therapyops.billing.Charge;
import org.therapyops.billing.Claim;
import org.therapyops.billing.scrub.ScrubContext;
import org.therapyops.billing.scrub.ScrubRule;
import org.therapyops.billing.scrub.Severity;
import org.therapyops.billing.scrub.Violation;
import org.therapyops.billing.scrub.PtpEdit;

import java.util.List;

/**
 * NCCI procedure-to-procedure edits between the claim's lines on one day: indicator 0, never together;
 * 1, the column-2 line needs 59, XE, XS, XP or XU; 9, no edit.
 */
public final class NcciPtpRule extends ScrubRule {

    static final List<String> DISTINCT = List.of("59", "XE", "XS", "XP", "XU");

    public NcciPtpRule() {
        super("NCCI_PTP", Severity.ERROR, "Bill the column-2 code only for a separate, documented service and mark it 59 or XE/XS/XP/XU; remove it where the pair is never allowed");
    }

    @Override
    protected void check(Claim claim, ScrubContext context, List<Violation> out) {
        List<Charge> lines = claim.lines();
        for (int i = 0; i < lines.size(); i++) {
            for (int j = 0; j < lines.size(); j++) {
                Charge col1 = lines.get(i);
                Charge col2 = lines.get(j);
                if (i == j || col1.code().equals(col2.code())
                        || !RuleSupport.dateOf(claim, col1).equals(RuleSupport.dateOf(claim, col2))) {
                    continue;
                }
                PtpEdit edit = context.codeSets().ptpEditsFor(RuleSupport.dateOf(claim, col1)).edit(col1.code(), col2.code(), RuleSupport.dateOf(claim, col1)).orElse(null);
                if (edit == null) {
                    continue;
                }
                String field = RuleSupport.line(j, "modifiers");
                if (edit.modifierIndicator() == 0) {
                    out.add(new Violation(RuleSupport.line(j, "code"), col2.code() + " is never billed with " + col1.code() + " on one day (NCCI, modifier indicator 0)"));
                } else if (edit.modifierIndicator() == 1 && !RuleSupport.hasAny(col2, DISTINCT)) {
                    out.add(new Violation(field, col2.code() + " billed with " + col1.code() + " needs 59, XE, XS, XP or XU (NCCI, modifier indicator 1)"));
                }
            }
        }
    }
}
