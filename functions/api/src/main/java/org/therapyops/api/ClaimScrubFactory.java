package org.therapyops.api;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.therapyops.messaging.SqsScrubDeadLetters;
import org.therapyops.ports.ScrubDeadLetters;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What the dead-letter view needs: the scrub queue's dead-letter queue (SCRUB_DEAD_LETTER_QUEUE_URL); the scrub queue
 * itself (SCRUB_QUEUE_URL) comes from the shared wiring.
 */
@Factory
public class ClaimScrubFactory {

    @Singleton
    ScrubDeadLetters scrubDeadLetters(SqsClient sqs, @Value("${scrub.dead.letter.queue.url}") String queueUrl) {
        return new SqsScrubDeadLetters(sqs, queueUrl);
    }
}
