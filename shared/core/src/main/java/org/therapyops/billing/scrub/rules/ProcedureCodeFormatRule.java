package org.therapyops.billing.scrub.rules;

import org.therapyops.billing.Charge;
import org.therapyops.billing.Claim;
import org.therapyops.billing.scrub.ScrubContext;
import org.therapyops.billing.scrub.ScrubRule;
import org.therapyops.billing.scrub.Severity;
import org.therapyops.billing.scrub.Violation;

import java.util.List;

/**
 * Each line has a well-formed procedure code (CPT: five digits, or four digits and F/T; HCPCS Level II: a
 * letter and four digits) and at most four two-character modifiers.
 */
public final class ProcedureCodeFormatRule extends ScrubRule {

    public ProcedureCodeFormatRule() {
        super("PROCEDURE_CODE_FORMAT", Severity.ERROR, "Enter a 5-character CPT/HCPCS code and up to four 2-character modifiers");
    }

    @Override
    protected void check(Claim claim, ScrubContext context, List<Violation> out) {
        for (int i = 0; i < claim.lines().size(); i++) {
            Charge line = claim.lines().get(i);
            if (line.code() == null || !line.code().matches("\\d{5}|\\d{4}[FT]|[A-V]\\d{4}")) {
                out.add(new Violation(RuleSupport.line(i, "code"), "'" + line.code() + "' is not a CPT or HCPCS code"));
            }
            if (line.modifiers().size() > 4) {
                out.add(new Violation(RuleSupport.line(i, "modifiers"), "The line has " + line.modifiers().size() + " modifiers; at most 4"));
            }
            for (String m : line.modifiers()) {
                if (m == null || !m.matches("[0-9A-Z]{2}")) {
                    out.add(new Violation(RuleSupport.line(i, "modifiers"), "'" + m + "' is not a two-character modifier"));
                }
            }
        }
    }
}
