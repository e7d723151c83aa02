package org.therapyops.billing.scrub.rules;

import org.therapyops.billing.Charge;
import org.therapyops.billing.Claim;
import org.therapyops.billing.scrub.ScrubContext;
import org.therapyops.billing.scrub.ScrubRule;
import org.therapyops.billing.scrub.Severity;
import org.therapyops.billing.scrub.Violation;
import org.therapyops.billing.scrub.TherapyCodes;
import org.therapyops.domain.Discipline;

import java.util.List;
import java.util.Map;

/** Every line of an "always therapy" code carries exactly one of GP, GO, GN, matching the code's discipline when it has one. */
public final class DisciplineModifierRule extends ScrubRule {

    static final List<String> MODIFIERS = List.of("GP", "GO", "GN");
    private static final Map<Discipline, String> BY_DISCIPLINE = Map.of(Discipline.PT, "GP", Discipline.OT, "GO", Discipline.SLP, "GN");

    public DisciplineModifierRule() {
        super("DISCIPLINE_MODIFIER", Severity.ERROR, "Add the therapy plan's modifier: GP physical therapy, GO occupational therapy, GN speech-language pathology");
    }

    @Override
    protected void check(Claim claim, ScrubContext context, List<Violation> out) {
        for (int i = 0; i < claim.lines().size(); i++) {
            Charge line = claim.lines().get(i);
            TherapyCodes.Code code = context.codeSets().therapyCodes().code(line.code()).orElse(null);
            if (code == null || !code.alwaysTherapy()) {
                continue;
            }
            List<String> present = line.modifiers().stream().filter(MODIFIERS::contains).toList();
            String field = RuleSupport.line(i, "modifiers");
            if (present.isEmpty()) {
                out.add(new Violation(field, line.code() + " is an always-therapy code and has no GP, GO or GN"));
            } else if (present.size() > 1) {
                out.add(new Violation(field, line.code() + " carries " + String.join(" and ", present) + "; one discipline modifier per line"));
            } else if (code.discipline() != null && BY_DISCIPLINE.containsKey(code.discipline())
                    && !present.get(0).equals(BY_DISCIPLINE.get(code.discipline()))) {
                out.add(new Violation(field, line.code() + " is a " + code.discipline() + " code and needs "
                        + BY_DISCIPLINE.get(code.discipline()) + ", not " + present.get(0)));
            }
        }
    }
}
