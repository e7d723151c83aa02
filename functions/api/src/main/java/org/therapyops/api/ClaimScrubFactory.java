package org.therapyops.api;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.therapyops.messaging.SqsScrubDeadLetters;
import org.therapyops.messaging.SqsScrubQueue;
import org.therapyops.ports.ScrubDeadLetters;
import org.therapyops.ports.ScrubQueue;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What claim corrections and the dead-letter view need: the scrub queue (SCRUB_QUEUE_URL, scrub.queue.url), its
 * dead-letter queue (SCRUB_DEAD_LETTER_QUEUE_URL) and the fee schedule that prices a corrected line.
 */
@Factory
public class ClaimScrubFactory {

    @Singleton
    ScrubQueue scrubQueue(SqsClient sqs, @Value("${scrub.queue.url}") String queueUrl) {
        return new SqsScrubQueue(sqs, queueUrl);
    }

    @Singleton
    ScrubDeadLetters scrubDeadLetters(SqsClient sqs, @Value("${scrub.dead.letter.queue.url}") String queueUrl) {
        return new SqsScrubDeadLetters(sqs, queueUrl);
    }
}
