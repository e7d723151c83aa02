package org.therapyops.claimscrubber;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import org.therapyops.billing.claims.ClaimScrubService;
import org.therapyops.lambda.Metering;
import org.therapyops.lambda.SqsBatch;
import org.therapyops.messaging.ScrubMessage;
import org.therapyops.ports.UsageStore;


/**
 * Fed by the scrub queue ({"practiceId", "claimId"}): scrubs each SCRUB_PENDING claim once, however often its
 * message is delivered. A message that fails (not JSON, no ids, an unknown claim, payer or profile) is reported as
 * a batch item failure; after the queue's maxReceiveCount it moves to the scrub dead-letter queue, where
 * GET /claims/dead-letters shows it.
 */
public class ClaimScrubberHandler extends MicronautRequestHandler<SQSEvent, SQSBatchResponse> {

    @Inject
    ClaimScrubService service;

    @Inject
    JsonMapper json;

    public ClaimScrubberHandler() {
    }

    /** For tests: a handler on a context built with the given builder. */
    public ClaimScrubberHandler(ApplicationContextBuilder builder) {
        super(builder);
    }

    /** The workflow step this function's usage is metered as. */
    static final String STEP = "claim-scrubber";

    @Inject
    UsageStore usage;

    @Override
    public SQSBatchResponse execute(SQSEvent event) {
        return Metering.invoke(STEP, null, usage, () -> handle(event));
    }

    private SQSBatchResponse handle(SQSEvent event) {
        return SqsBatch.process(event, json, ScrubMessage.class, this::scrub);
    }

    private void scrub(ScrubMessage message) {
        service.scrub(message.practiceId(), message.claimId());
    }
}
