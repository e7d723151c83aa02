package org.therapyops.notifier;

import jakarta.inject.Inject;
import org.therapyops.alerting.AlertNotifier;
import org.therapyops.wiring.handlers.SqsMessageHandler;
import org.therapyops.messaging.AlertMessage;

/**
 * Fed by the notify queue: emails each alert once. A message that fails (garbage, an unknown alert, a
 * lease held by another delivery, SES refusing) is reported as a batch item failure; after the queue's
 * maxReceiveCount it moves to the notify dead-letter queue.
 */
public class NotifierHandler extends SqsMessageHandler<AlertMessage> {

    @Inject
    AlertNotifier notifier;

    public NotifierHandler() {
        super("notifier", AlertMessage.class);
    }

    @Override
    protected void apply(AlertMessage message) {
        notifier.notify(message.practiceId(), message.alertId());
    }
}
