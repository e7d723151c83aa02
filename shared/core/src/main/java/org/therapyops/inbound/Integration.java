package org.therapyops.inbound;

import java.time.Instant;
import java.util.List;

/**
 * An integrator registered by a practice's admin: it posts webhooks to {@code /webhooks/<id>}, signed with one of its
 * secrets. The secrets themselves are not part of this view (see {@link WebhookEndpoint}); only when each was made and
 * whether it was retired.
 */
public record Integration(String id, String practiceId, String name, Kind kind, Status status, List<SecretInfo> secrets,
                          Instant createdAt, String createdBy, Instant revokedAt, String revokedBy, long version) {

    public Integration {
        secrets = List.copyOf(secrets);
    }

    /** Who the integrator is to the practice. */
    public enum Kind { CLEARINGHOUSE, PAYER, UM_VENDOR }

    /** ACTIVE deliveries are verified; a REVOKED integration's are refused (401). */
    public enum Status { ACTIVE, REVOKED }

    /** A signing secret's life: made at {@code createdAt}; verifies until {@code retiredAt} (null: still verifies). */
    public record SecretInfo(String id, Instant createdAt, Instant retiredAt) {
    }

    /** The secrets that still verify. */
    public List<SecretInfo> activeSecrets() {
        return secrets.stream().filter(s -> s.retiredAt() == null).toList();
    }
}
