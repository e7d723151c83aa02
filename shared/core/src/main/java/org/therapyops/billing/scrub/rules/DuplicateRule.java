package org.therapyops.billing.scrub.rules;

import org.therapyops.billing.Charge;
import org.therapyops.billing.Claim;
import org.therapyops.billing.scrub.ScrubContext;
import org.therapyops.billing.scrub.ScrubRule;
import org.therapyops.billing.scrub.Severity;
import org.therapyops.billing.scrub.Violation;
import org.therapyops.billing.ClaimFrequency;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * No line repeats a line of another of the patient's claims: same rendering NPI, code, modifiers, place of
 * service, date of service and amount (CARC 18). The claim a replacement or void refers to is not a duplicate.
 */
public final class DuplicateRule extends ScrubRule {

    public DuplicateRule() {
        super("DUPLICATE", Severity.ERROR, "Remove the line already billed on the other claim, or send this claim as a replacement (frequency 7) of it");
    }

    @Override
    protected void check(Claim claim, ScrubContext context, List<Violation> out) {
        for (Claim other : context.otherClaims()) {
            if (Objects.equals(other.id(), claim.id()) || Objects.equals(other.id(), claim.originalClaimId())
                    || other.frequency() == ClaimFrequency.VOID || !Objects.equals(other.patientId(), claim.patientId())
                    || !Objects.equals(npi(other), npi(claim))) {
                continue;
            }
            for (int i = 0; i < claim.lines().size(); i++) {
                Charge line = claim.lines().get(i);
                for (Charge o : other.lines()) {
                    if (same(claim, line, other, o)) {
                        out.add(new Violation(RuleSupport.line(i, ""), line.code() + " on " + RuleSupport.dateOf(claim, line)
                                + " is already billed on claim " + other.id()));
                        break;
                    }
                }
            }
        }
    }

    private static String npi(Claim c) {
        return c.renderingProvider() == null ? null : c.renderingProvider().npi();
    }

    private static boolean same(Claim claim, Charge a, Claim other, Charge b) {
        return a.code().equals(b.code()) && new HashSet<>(a.modifiers()).equals(new HashSet<>(b.modifiers()))
                && Objects.equals(RuleSupport.placeOf(claim, a), RuleSupport.placeOf(other, b))
                && RuleSupport.dateOf(claim, a).equals(RuleSupport.dateOf(other, b))
                && a.amount() != null && b.amount() != null && a.amount().compareTo(b.amount()) == 0;
    }
}
