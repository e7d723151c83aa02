package org.therapyops.messaging;

import org.therapyops.ports.AlertNotifications;

/** {@link AlertNotifications} on the notify queue: an {@link AlertMessage}, ids only. */
public final class SqsAlertNotifications implements AlertNotifications {

    private final SqsMessages<AlertMessage> queue;

    public SqsAlertNotifications(SqsMessages<AlertMessage> queue) {
        this.queue = queue;
    }

    @Override
    public void enqueue(String practiceId, String alertId) {
        queue.send(new AlertMessage(practiceId, alertId));
    }

    /** The message body the queue's consumer reads, for tests and tools that send by hand. */
    public static String body(String practiceId, String alertId) {
        return SqsMessages.body(new AlertMessage(practiceId, alertId));
    }
}
