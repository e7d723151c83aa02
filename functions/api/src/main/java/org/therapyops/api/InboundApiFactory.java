package org.therapyops.api;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.therapyops.billing.claims.ClaimSuccessors;
import org.therapyops.inbound.service.IntegrationService;
import org.therapyops.ports.ClaimRepository;
import org.therapyops.ports.IntegrationRepository;
import org.therapyops.ports.ScrubQueue;

import java.time.Clock;

/** Integrations and replacement and void claims; re-applied deliveries go to the inbound queue of the shared wiring. */
@Factory
public class InboundApiFactory {

    @Singleton
    IntegrationService integrationService(IntegrationRepository integrations, Clock clock) {
        return new IntegrationService(integrations, clock);
    }

    @Singleton
    ClaimSuccessors claimSuccessors(ClaimRepository claims, ScrubQueue scrubQueue, Clock clock) {
        return new ClaimSuccessors(claims, scrubQueue, clock);
    }
}
