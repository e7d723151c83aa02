package org.therapyops.billing.scrub.rules;

import org.therapyops.billing.Charge;
import org.therapyops.billing.Claim;
import org.therapyops.billing.scrub.ScrubContext;
import org.therapyops.billing.scrub.ScrubRule;
import org.therapyops.billing.scrub.Severity;
import org.therapyops.billing.scrub.Violation;
import org.therapyops.billing.TelehealthMode;

import java.util.List;

/**
 * Telehealth coding as the payer wants it: a telehealth session billed with a telehealth place of service (02/10)
 * and, where the payer requires a modifier, 95 (audio-video) or 93 (audio-only) on each line; an in-person
 * session with neither; 95/93 only on telehealth.
 */
public final class TelehealthRule extends ScrubRule {

    public TelehealthRule() {
        super("TELEHEALTH", Severity.ERROR, "Bill telehealth with place of service 02 or 10 and, where the payer requires it, 95 for audio-video or 93 for audio-only");
    }

    @Override
    protected void check(Claim claim, ScrubContext context, List<Violation> out) {
        var rules = context.rules();
        java.util.Set<String> telehealthPlaces = rules.telehealthPlacesOfService();
        boolean modifierRequired = rules.telehealthModifierRequired().value();
        TelehealthMode mode = context.telehealth();
        for (int i = 0; i < claim.lines().size(); i++) {
            Charge line = claim.lines().get(i);
            String pos = RuleSupport.placeOf(claim, line);
            boolean telehealthPos = telehealthPlaces.contains(pos);
            boolean remote = mode == null ? telehealthPos : mode != TelehealthMode.IN_PERSON;
            boolean has95 = RuleSupport.has(line, "95");
            boolean has93 = RuleSupport.has(line, "93");
            String field = RuleSupport.line(i, "modifiers");
            if (mode == TelehealthMode.IN_PERSON && telehealthPos) {
                out.add(new Violation(RuleSupport.line(i, "placeOfService"), "An in-person session billed with telehealth place of service " + pos));
            } else if (mode != null && remote && !telehealthPos) {
                out.add(new Violation(RuleSupport.line(i, "placeOfService"), "A telehealth session billed with place of service " + pos
                        + "; the payer wants " + String.join(" or ", telehealthPlaces)));
            }
            if (!remote && (has95 || has93)) {
                out.add(new Violation(field, "95/93 on a session that was not telehealth"));
            } else if (remote && modifierRequired) {
                String expected = mode == TelehealthMode.AUDIO_ONLY ? "93" : mode == TelehealthMode.AUDIO_VIDEO ? "95" : null;
                if (!has95 && !has93) {
                    out.add(new Violation(field, "The payer requires 95 or 93 on telehealth lines"));
                } else if (expected != null && !RuleSupport.has(line, expected)) {
                    out.add(new Violation(field, "A " + mode.name().toLowerCase().replace('_', '-') + " session needs " + expected));
                }
            }
        }
    }
}
