package org.therapyops.billing.scrub.rules;

import org.therapyops.billing.Claim;
import org.therapyops.billing.scrub.ScrubContext;
import org.therapyops.billing.scrub.ScrubRule;
import org.therapyops.billing.scrub.Severity;
import org.therapyops.billing.scrub.Violation;

import java.util.List;

/**
 * No line is billed with an assistant (PTA, COTA) as its rendering provider: an assistant's services are billed under
 * the supervising therapist (charge capture does so when the assistant's supervisor is on file).
 */
public final class AssistantRenderingRule extends ScrubRule {

    public AssistantRenderingRule() {
        super("ASSISTANT_RENDERING", Severity.ERROR, "Record the assistant's supervising therapist on the provider "
                + "(PUT /providers/{id}), then correct the claim with refreshFromPracticeData: it is billed under the supervisor");
    }

    @Override
    protected void check(Claim claim, ScrubContext context, List<Violation> out) {
        for (int i = 0; i < claim.lines().size(); i++) {
            if (context.assistantIds().contains(claim.lines().get(i).renderingProviderId())) {
                out.add(new Violation(RuleSupport.line(i, "renderingProviderId"), "The line's rendering provider is an assistant, "
                        + "who cannot be the rendering provider of a claim"));
            }
        }
    }
}
