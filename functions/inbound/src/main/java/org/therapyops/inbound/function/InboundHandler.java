package org.therapyops.inbound.function;

import io.micronaut.context.ApplicationContextBuilder;
import jakarta.inject.Inject;
import org.therapyops.inbound.service.InboundDeliveryService;
import org.therapyops.wiring.handlers.SqsMessageHandler;
import org.therapyops.messaging.InboundMessage;

/**
 * Fed by the inbound queue ({"practiceId", "deliveryId"}): applies each kept webhook delivery once, however often its
 * message comes. A message that fails (not JSON, no ids, an unknown delivery, a body that cannot be read, a write that
 * failed) is reported as a batch item failure, so SQS retries it and, after the queue's maxReceiveCount, moves it to
 * the inbound dead-letter queue; the delivery's record says FAILED and why.
 */
public class InboundHandler extends SqsMessageHandler<InboundMessage> {

    static final String STEP = "inbound";

    @Inject
    InboundDeliveryService service;

    public InboundHandler() {
        super(STEP, InboundMessage.class);
    }

    /** For tests: a handler on a context built with the given builder. */
    public InboundHandler(ApplicationContextBuilder builder) {
        super(STEP, InboundMessage.class, builder);
    }

    @Override
    protected void apply(InboundMessage message) {
        service.apply(message.practiceId(), message.deliveryId());
    }
}
