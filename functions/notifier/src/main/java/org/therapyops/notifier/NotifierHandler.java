package org.therapyops.notifier;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.micronaut.function.aws.MicronautRequestHandler;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import org.therapyops.alerting.AlertNotifier;
import org.therapyops.lambda.Metering;
import org.therapyops.lambda.SqsBatch;
import org.therapyops.messaging.AlertMessage;
import org.therapyops.ports.UsageStore;


/**
 * Fed by the notify queue: emails each alert once. A message that fails (garbage, an unknown alert, a
 * lease held by another delivery, SES refusing) is reported as a batch item failure; after the queue's
 * maxReceiveCount it moves to the notify dead-letter queue.
 */
public class NotifierHandler extends MicronautRequestHandler<SQSEvent, SQSBatchResponse> {

    @Inject
    AlertNotifier notifier;

    @Inject
    JsonMapper json;

    /** The workflow step this function's usage is metered as. */
    static final String STEP = "notifier";

    @Inject
    UsageStore usage;

    @Override
    public SQSBatchResponse execute(SQSEvent event) {
        return Metering.invoke(STEP, null, usage, () -> handle(event));
    }

    private SQSBatchResponse handle(SQSEvent event) {
        return SqsBatch.process(event, json, AlertMessage.class, this::email);
    }

    private void email(AlertMessage message) {
        notifier.notify(message.practiceId(), message.alertId());
    }
}
