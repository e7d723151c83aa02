package org.therapyops.claimscrubber;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.core.type.Argument;
import io.micronaut.function.aws.MicronautRequestHandler;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.therapyops.billing.claims.ClaimScrubService;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fed by the scrub queue ({"practiceId", "claimId"}): scrubs each SCRUB_PENDING claim once, however often its
 * message is delivered. A message that fails (not JSON, no ids, an unknown claim, payer or profile) is reported as
 * a batch item failure; after the queue's maxReceiveCount it moves to the scrub dead-letter queue, where
 * GET /claims/dead-letters shows it.
 */
public class ClaimScrubberHandler extends MicronautRequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(ClaimScrubberHandler.class);

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

    @Override
    public SQSBatchResponse execute(SQSEvent event) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> messages = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        for (SQSEvent.SQSMessage message : messages) {
            try {
                scrub(message);
            } catch (Exception e) {
                // The exception's class and the message id only: bodies and messages stay out of the log.
                LOG.error("message {} failed: {}", message.getMessageId(), e.getClass().getSimpleName());
                failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(message.getMessageId()).build());
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    private void scrub(SQSEvent.SQSMessage message) throws Exception {
        Map<String, Object> body = json.readValue(message.getBody(), Argument.mapOf(String.class, Object.class));
        Object practiceId = body == null ? null : body.get("practiceId");
        Object claimId = body == null ? null : body.get("claimId");
        if (!(practiceId instanceof String) || !(claimId instanceof String)
                || ((String) practiceId).isBlank() || ((String) claimId).isBlank()) {
            throw new IllegalArgumentException("message names no practiceId and claimId");
        }
        service.scrub((String) practiceId, (String) claimId);
    }
}
