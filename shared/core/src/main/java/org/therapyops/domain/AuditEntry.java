package org.therapyops.domain;

import java.time.Instant;

/** One state change of a record: who (subject and role, or a function), when, what, from which request, why. */
public record AuditEntry(String entityId, Instant at, String actor, String role, String action, String from, String to,
                         String requestId, String reason) {
}
