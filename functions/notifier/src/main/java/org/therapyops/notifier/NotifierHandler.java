package org.therapyops.notifier;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.micronaut.core.type.Argument;
import io.micronaut.function.aws.MicronautRequestHandler;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.therapyops.alerting.AlertNotifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fed by the notify queue: emails each alert once. A message that fails (garbage, an unknown alert, a
 * lease held by another delivery, SES refusing) is reported as a batch item failure; after the queue's
 * maxReceiveCount it moves to the notify dead-letter queue.
 */
public class NotifierHandler extends MicronautRequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(NotifierHandler.class);

    @Inject
    AlertNotifier notifier;

    @Inject
    JsonMapper json;

    @Override
    public SQSBatchResponse execute(SQSEvent event) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> messages = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        for (SQSEvent.SQSMessage message : messages) {
            try {
                Map<String, Object> body = json.readValue(message.getBody(), Argument.mapOf(String.class, Object.class));
                Object practiceId = body == null ? null : body.get("practiceId");
                Object alertId = body == null ? null : body.get("alertId");
                if (!(practiceId instanceof String) || !(alertId instanceof String)) {
                    throw new IllegalArgumentException("message names no practiceId and alertId");
                }
                notifier.notify((String) practiceId, (String) alertId);
            } catch (Exception e) {
                LOG.error("message {} failed: {}", message.getMessageId(), e.getClass().getSimpleName());
                failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(message.getMessageId()).build());
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }
}
