package org.therapyops.billing.scrub;

import org.therapyops.billing.Claim;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Runs every rule the payer's profile enables over a claim; pure: no I/O, the same claim and context give the same result. */
public final class Scrubber {

    private final List<ScrubRule> rules;

    public Scrubber(List<ScrubRule> rules) {
        this.rules = List.copyOf(rules);
    }

    public List<ScrubRule> rules() {
        return rules;
    }

    public ScrubResult scrub(Claim claim, ScrubContext context) {
        List<Finding> findings = new ArrayList<>();
        for (ScrubRule rule : rules) {
            Optional<Severity> severity = severityOf(rule, context);
            if (severity.isEmpty()) {
                continue;
            }
            for (Violation v : rule.check(claim, context)) {
                findings.add(new Finding(rule.id(), severity.get(), v.field(), v.message(), rule.fixHint()));
            }
        }
        boolean blocked = findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
        return new ScrubResult(claim.id(), blocked ? ScrubStatus.NEEDS_REVIEW : ScrubStatus.READY,
                context.rules().profile().id(), context.rules().profile().version(), context.rules().payerVersionNumber(),
                findings);
    }

    /** The severity a rule has with this payer (its profile may change it), or empty when the profile turns it off. */
    static Optional<Severity> severityOf(ScrubRule rule, ScrubContext context) {
        String s = context.rules().ruleSeverity(rule.id());
        if (s == null) {
            return Optional.of(rule.severity());
        }
        return "OFF".equals(s) ? Optional.empty() : Optional.of(Severity.valueOf(s));
    }
}
