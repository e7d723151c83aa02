package org.therapyops.inbound.function;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import org.therapyops.inbound.service.InboundDeliveryService;
import org.therapyops.lambda.Metering;
import org.therapyops.lambda.SqsBatch;
import org.therapyops.messaging.InboundMessage;
import org.therapyops.ports.UsageStore;


/**
 * Fed by the inbound queue ({"practiceId", "deliveryId"}): applies each kept webhook delivery once, however often its
 * message comes. A message that fails (not JSON, no ids, an unknown delivery, a body that cannot be read, a write that
 * failed) is reported as a batch item failure, so SQS retries it and, after the queue's maxReceiveCount, moves it to
 * the inbound dead-letter queue; the delivery's record says FAILED and why.
 */
public class InboundHandler extends MicronautRequestHandler<SQSEvent, SQSBatchResponse> {

    @Inject
    InboundDeliveryService service;

    @Inject
    JsonMapper json;

    public InboundHandler() {
    }

    /** For tests: a handler on a context built with the given builder. */
    public InboundHandler(ApplicationContextBuilder builder) {
        super(builder);
    }

    /** The workflow step this function's usage is metered as. */
    static final String STEP = "inbound";

    @Inject
    UsageStore usage;

    @Override
    public SQSBatchResponse execute(SQSEvent event) {
        return Metering.invoke(STEP, null, usage, () -> handle(event));
    }

    private SQSBatchResponse handle(SQSEvent event) {
        return SqsBatch.process(event, json, InboundMessage.class, this::apply);
    }

    private void apply(InboundMessage message) {
        service.apply(message.practiceId(), message.deliveryId());
    }
}
