package org.therapyops.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.micronaut.json.JsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs a processor over an SQS batch, one typed message at a time, and reports only the messages that failed (not
 * decodable, or the processor threw): SQS makes those visible again and, after the queue's maxReceiveCount, moves them
 * to its dead-letter queue. Failures are logged with the message id and the exception's class only; bodies never reach
 * the log.
 */
public final class SqsBatch {

    private static final Logger LOG = LoggerFactory.getLogger(SqsBatch.class);

    private SqsBatch() {
    }

    /** Turns a message body into the typed message; throwing marks the message failed. */
    @FunctionalInterface
    public interface Decoder<M> {
        M decode(String body) throws Exception;
    }

    /** Processes one typed message; throwing marks it failed. */
    @FunctionalInterface
    public interface Processor<M> {
        void process(M message) throws Exception;
    }

    /**
     * Decodes each body as the typed message (JSON by the function's mapper) and hands it to the processor: a body
     * that is not JSON, or does not make a valid message, fails like a processor that throws.
     */
    public static <M> SQSBatchResponse process(SQSEvent event, JsonMapper json, Class<M> type, Processor<M> processor) {
        return process(event, body -> {
            M message = json.readValue(body, type);
            if (message == null) {
                throw new IllegalArgumentException("empty message");
            }
            return message;
        }, processor);
    }

    public static <M> SQSBatchResponse process(SQSEvent event, Decoder<M> decoder, Processor<M> processor) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> messages = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        for (SQSEvent.SQSMessage message : messages) {
            Metering.noPractice();
            try {
                M decoded = decoder.decode(message.getBody());
                if (decoded instanceof PracticeMessage m) {
                    Metering.practice(m.practiceId());
                }
                processor.process(decoded);
            } catch (Exception e) {
                LOG.error("message {} failed: {}", message.getMessageId(), e.getClass().getSimpleName());
                failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(message.getMessageId()).build());
            }
        }
        Metering.noPractice();
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }
}
