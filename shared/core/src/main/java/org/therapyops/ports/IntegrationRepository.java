package org.therapyops.ports;

import org.therapyops.inbound.Integration;
import org.therapyops.inbound.WebhookEndpoint;

import java.time.Instant;
import java.util.Optional;

/**
 * A practice's integrations, and the lookup the webhook door makes by integration id alone. Every change writes both
 * the practice's record and the door's in one transaction, conditional on the version read.
 */
public interface IntegrationRepository {

    /** Stores a new integration with its first secret. */
    void create(Integration integration, String secret);

    Optional<Integration> get(String practiceId, String integrationId);

    PracticeRepository.Page<Integration> list(String practiceId, int limit, String cursor);

    /** The door's view of an integration: the practice, whether it is active, the secrets that verify. */
    Optional<WebhookEndpoint> endpoint(String integrationId);

    /** @throws StaleVersionException when it changed since {@code read} */
    Integration revoke(Integration read, String by, Instant at);

    /**
     * Adds a new secret (the others keep verifying until retired).
     *
     * @throws StaleVersionException when it changed since {@code read}
     */
    Integration addSecret(Integration read, String secretId, String secret, Instant at);

    /**
     * Retires every secret but the newest.
     *
     * @throws StaleVersionException when it changed since {@code read}
     */
    Integration retireOlderSecrets(Integration read, Instant at);
}
