package org.therapyops.messaging;

import org.therapyops.ports.InboundQueue;

/** {@link InboundQueue} on SQS: an {@link InboundMessage}, ids only. */
public final class SqsInboundQueue implements InboundQueue {

    private final SqsMessages<InboundMessage> queue;

    public SqsInboundQueue(SqsMessages<InboundMessage> queue) {
        this.queue = queue;
    }

    @Override
    public void enqueue(String practiceId, String deliveryId) {
        queue.send(new InboundMessage(practiceId, deliveryId));
    }

    /** The message body the queue's consumer reads, for tests and tools that send by hand. */
    public static String body(String practiceId, String deliveryId) {
        return SqsMessages.body(new InboundMessage(practiceId, deliveryId));
    }
}
