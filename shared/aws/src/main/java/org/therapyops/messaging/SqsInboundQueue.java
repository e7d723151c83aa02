package org.therapyops.messaging;

import org.therapyops.ports.InboundQueue;
import software.amazon.awssdk.services.sqs.SqsClient;

/** {@link InboundQueue} on SQS: a JSON body {"practiceId", "deliveryId"}, ids only. */
public final class SqsInboundQueue implements InboundQueue {

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsInboundQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void enqueue(String practiceId, String deliveryId) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body(practiceId, deliveryId)));
    }

    /** The message body the inbound function reads. */
    public static String body(String practiceId, String deliveryId) {
        return "{\"practiceId\":" + SqsAlertNotifications.quote(practiceId) + ",\"deliveryId\":"
                + SqsAlertNotifications.quote(deliveryId) + "}";
    }
}
