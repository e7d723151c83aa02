package org.therapyops.api;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.therapyops.billing.claims.ClaimSuccessors;
import org.therapyops.inbound.service.IntegrationService;
import org.therapyops.messaging.SqsInboundQueue;
import org.therapyops.ports.ClaimRepository;
import org.therapyops.ports.InboundQueue;
import org.therapyops.ports.IntegrationRepository;
import org.therapyops.ports.ScrubQueue;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;

/** Integrations, re-applied deliveries (INBOUND_QUEUE_URL, inbound.queue.url), and replacement and void claims. */
@Factory
public class InboundApiFactory {

    @Singleton
    InboundQueue inboundQueue(SqsClient sqs, @Value("${inbound.queue.url}") String queueUrl) {
        return new SqsInboundQueue(sqs, queueUrl);
    }

    @Singleton
    IntegrationService integrationService(IntegrationRepository integrations, Clock clock) {
        return new IntegrationService(integrations, clock);
    }

    @Singleton
    ClaimSuccessors claimSuccessors(ClaimRepository claims, ScrubQueue scrubQueue, Clock clock) {
        return new ClaimSuccessors(claims, scrubQueue, clock);
    }
}
