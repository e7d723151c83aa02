package org.therapyops.messaging;

import org.therapyops.ports.ScrubQueue;
import software.amazon.awssdk.services.sqs.SqsClient;

/** {@link ScrubQueue} on SQS: a JSON body {"practiceId", "claimId"}, ids only. */
public final class SqsScrubQueue implements ScrubQueue {

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsScrubQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void enqueue(String practiceId, String claimId) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body(practiceId, claimId)));
    }

    /** The message body the scrubber reads. */
    public static String body(String practiceId, String claimId) {
        return "{\"practiceId\":" + SqsAlertNotifications.quote(practiceId) + ",\"claimId\":"
                + SqsAlertNotifications.quote(claimId) + "}";
    }
}
