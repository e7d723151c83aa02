package org.therapyops.messaging;

import org.therapyops.ports.ScrubQueue;

/** {@link ScrubQueue} on SQS: a {@link ScrubMessage}, ids only. */
public final class SqsScrubQueue implements ScrubQueue {

    private final SqsMessages<ScrubMessage> queue;

    public SqsScrubQueue(SqsMessages<ScrubMessage> queue) {
        this.queue = queue;
    }

    @Override
    public void enqueue(String practiceId, String claimId) {
        queue.send(new ScrubMessage(practiceId, claimId));
    }

    /** The message body the queue's consumer reads, for tests and tools that send by hand. */
    public static String body(String practiceId, String claimId) {
        return SqsMessages.body(new ScrubMessage(practiceId, claimId));
    }
}
