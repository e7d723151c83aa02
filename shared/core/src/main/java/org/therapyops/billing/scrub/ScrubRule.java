package org.therapyops.billing.scrub;

import org.therapyops.billing.Claim;

import java.util.ArrayList;
import java.util.List;

/**
 * One scrubber edit: a stable id, a default severity (a payer profile may change it or turn the rule off),
 * a fix hint, and a pure check of a claim in its context. The fix hint is fixed text, never claim data: billers'
 * review digests email it (violation messages, which may quote the claim, they do not).
 */
public abstract class ScrubRule {

    private final String id;
    private final Severity severity;
    private final String fixHint;

    protected ScrubRule(String id, Severity severity, String fixHint) {
        this.id = id;
        this.severity = severity;
        this.fixHint = fixHint;
    }

    public final String id() {
        return id;
    }

    public final Severity severity() {
        return severity;
    }

    public final String fixHint() {
        return fixHint;
    }

    /** What is wrong with the claim by this rule; empty when it passes. */
    public final List<Violation> check(Claim claim, ScrubContext context) {
        List<Violation> out = new ArrayList<>();
        check(claim, context, out);
        return out;
    }

    protected abstract void check(Claim claim, ScrubContext context, List<Violation> out);

    @Override
    public String toString() {
        return id;
    }
}
