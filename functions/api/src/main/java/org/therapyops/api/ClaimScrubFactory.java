package org.therapyops.api;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.therapyops.billing.claims.ClaimCorrectionService;
import org.therapyops.billing.claims.Diagnoses;
import org.therapyops.messaging.SqsScrubDeadLetters;
import org.therapyops.ports.ClaimRepository;
import org.therapyops.ports.PracticeRepository;
import org.therapyops.ports.ScrubDeadLetters;
import org.therapyops.ports.ScrubQueue;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Claim corrections (sent back to the scrub queue of the shared wiring, SCRUB_QUEUE_URL) and what the dead-letter
 * view needs: the scrub queue's dead-letter queue (SCRUB_DEAD_LETTER_QUEUE_URL).
 */
@Factory
public class ClaimScrubFactory {

    @Singleton
    ClaimCorrectionService claimCorrectionService(ClaimRepository claims, PracticeRepository practice, ScrubQueue scrubQueue,
                                                  Diagnoses diagnoses) {
        return new ClaimCorrectionService(claims, practice, scrubQueue, diagnoses);
    }

    @Singleton
    ScrubDeadLetters scrubDeadLetters(SqsClient sqs, @Value("${scrub.dead.letter.queue.url}") String queueUrl) {
        return new SqsScrubDeadLetters(sqs, queueUrl);
    }
}
