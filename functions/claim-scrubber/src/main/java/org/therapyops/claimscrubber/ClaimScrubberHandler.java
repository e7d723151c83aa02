package org.therapyops.claimscrubber;

import io.micronaut.context.ApplicationContextBuilder;
import jakarta.inject.Inject;
import org.therapyops.billing.claims.ClaimScrubService;
import org.therapyops.wiring.handlers.SqsMessageHandler;
import org.therapyops.messaging.ScrubMessage;

/**
 * Fed by the scrub queue ({"practiceId", "claimId"}): scrubs each SCRUB_PENDING claim once, however often its
 * message is delivered. A message that fails (not JSON, no ids, an unknown claim, payer or profile) is reported as
 * a batch item failure; after the queue's maxReceiveCount it moves to the scrub dead-letter queue, where
 * GET /claims/dead-letters shows it.
 */
public class ClaimScrubberHandler extends SqsMessageHandler<ScrubMessage> {

    static final String STEP = "claim-scrubber";

    @Inject
    ClaimScrubService service;

    public ClaimScrubberHandler() {
        super(STEP, ScrubMessage.class);
    }

    /** For tests: a handler on a context built with the given builder. */
    public ClaimScrubberHandler(ApplicationContextBuilder builder) {
        super(STEP, ScrubMessage.class, builder);
    }

    @Override
    protected void apply(ScrubMessage message) {
        service.scrub(message.practiceId(), message.claimId());
    }
}
