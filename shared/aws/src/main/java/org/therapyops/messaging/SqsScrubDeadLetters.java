package org.therapyops.messaging;

import org.therapyops.ports.ScrubDeadLetters;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link ScrubDeadLetters} on the scrub dead-letter queue: ReceiveMessage with VisibilityTimeout 0, so every
 * message stays visible and in place (nothing is deleted, nothing is hidden from the next reader). SQS answers a
 * receive from a subset of its servers, so a few receives are merged by message id; with many messages the result
 * is a sample. The queue has no redrive policy, so the receive counts a peek adds move nothing.
 */
public final class SqsScrubDeadLetters implements ScrubDeadLetters {

    static final int RECEIVES = 5;

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsScrubDeadLetters(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public List<DeadLetter> peek(int max) {
        Map<String, DeadLetter> seen = new LinkedHashMap<>();
        for (int i = 0; i < RECEIVES && seen.size() < max; i++) {
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .visibilityTimeout(0).waitTimeSeconds(0)
                    .messageSystemAttributeNames(MessageSystemAttributeName.SENT_TIMESTAMP,
                            MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
            if (messages.isEmpty()) {
                break;
            }
            for (Message m : messages) {
                if (seen.size() < max) {
                    seen.putIfAbsent(m.messageId(), deadLetter(m));
                }
            }
        }
        return new ArrayList<>(seen.values());
    }

    private static DeadLetter deadLetter(Message m) {
        String sent = m.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP);
        String count = m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
        return new DeadLetter(m.messageId(), m.body(), sent == null ? null : Instant.ofEpochMilli(Long.parseLong(sent)),
                count == null ? null : Integer.valueOf(count));
    }
}
