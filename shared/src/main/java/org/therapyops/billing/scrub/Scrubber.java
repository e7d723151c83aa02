package org.therapyops.billing.scrub;

import org.therapyops.billing.Claim;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Runs every rule the payer profile enables over a claim; pure: no I/O, the same claim and context give the same result. */
public final class Scrubber {

    private final List<ScrubRule> rules;

    public Scrubber(List<ScrubRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** A scrubber with every rule of {@link ScrubRules#all()}. */
    public static Scrubber withAllRules() {
        return new Scrubber(ScrubRules.all());
    }

    public List<ScrubRule> rules() {
        return rules;
    }

    public ScrubResult scrub(Claim claim, ScrubContext context) {
        List<Finding> findings = new ArrayList<>();
        for (ScrubRule rule : rules) {
            Optional<Severity> severity = context.profile().severityOf(rule.id(), rule.severity());
            if (severity.isEmpty()) {
                continue;
            }
            for (Violation v : rule.check(claim, context)) {
                findings.add(new Finding(rule.id(), severity.get(), v.field(), v.message(), rule.fixHint()));
            }
        }
        boolean blocked = findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
        return new ScrubResult(claim.id(), blocked ? ScrubStatus.NEEDS_REVIEW : ScrubStatus.READY,
                context.profile().id(), context.profile().version(), findings);
    }
}
