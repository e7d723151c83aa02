package org.therapyops.api.model;

import io.micronaut.serde.annotation.Serdeable;
import org.therapyops.domain.AuditEntry;

import java.time.Instant;

/** One state change: who, when, what, from which request, why. */
@Serdeable
public record AuditView(Instant at, String actor, @OrNull String role, String action, @OrNull String from, @OrNull String to,
                        @OrNull String requestId, @OrNull String reason) {

    public static AuditView of(AuditEntry e) {
        return new AuditView(e.at(), e.actor(), e.role(), e.action(), e.from(), e.to(), e.requestId(), e.reason());
    }
}
