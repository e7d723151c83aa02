package org.therapyops.inbound.service;

import org.therapyops.inbound.Integration;
import org.therapyops.inbound.WebhookSignature;
import org.therapyops.ports.IntegrationRepository;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A practice's admins register integrators and manage their signing secrets. A secret is returned once, when it is
 * made; only its id and dates are kept in view. Rotating adds a second secret; both verify until the older is retired.
 */
public final class IntegrationService {

    /** At most this many secrets verify at once (the current one and the one being rotated out). */
    public static final int MAX_ACTIVE_SECRETS = 2;

    private final IntegrationRepository integrations;
    private final Clock clock;

    public IntegrationService(IntegrationRepository integrations, Clock clock) {
        this.integrations = integrations;
        this.clock = clock;
    }

    /** An integration with a secret made just now, shown this once. */
    public record WithSecret(Integration integration, String secret) {
        @Override
        public String toString() {
            return "WithSecret[" + integration.id() + "]";
        }
    }

    /** The request cannot be done in the integration's state (revoked, two secrets active, one secret only). */
    public static final class IntegrationStateException extends RuntimeException {
        public IntegrationStateException(String message) {
            super(message);
        }
    }

    public WithSecret create(String practiceId, String name, Integration.Kind kind, String by) {
        Instant now = clock.instant();
        String secret = WebhookSignature.newSecret();
        Integration integration = new Integration("int-" + UUID.randomUUID(), practiceId, name.strip(), kind,
                Integration.Status.ACTIVE, List.of(new Integration.SecretInfo(secretId(), now, null)), now, by, null, null, 1);
        integrations.create(integration, secret);
        return new WithSecret(integration, secret);
    }

    public Integration revoke(Integration read, String by) {
        if (read.status() == Integration.Status.REVOKED) {
            return read;
        }
        return integrations.revoke(read, by, clock.instant());
    }

    public WithSecret rotate(Integration read) {
        requireActive(read);
        if (read.activeSecrets().size() >= MAX_ACTIVE_SECRETS) {
            throw new IntegrationStateException("two secrets verify already: retire the older one first");
        }
        String secret = WebhookSignature.newSecret();
        return new WithSecret(integrations.addSecret(read, secretId(), secret, clock.instant()), secret);
    }

    public Integration retireOlderSecrets(Integration read) {
        requireActive(read);
        if (read.activeSecrets().size() < 2) {
            throw new IntegrationStateException("only one secret verifies: rotate first, retire the old one once the integrator "
                    + "signs with the new one");
        }
        return integrations.retireOlderSecrets(read, clock.instant());
    }

    private static void requireActive(Integration integration) {
        if (integration.status() != Integration.Status.ACTIVE) {
            throw new IntegrationStateException("the integration is revoked");
        }
    }

    private static String secretId() {
        return "sec-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
