package org.therapyops.localcloud;

import java.time.Instant;

/** A development token to issue; null subject, audience or times take the defaults (1 h, configured audience). */
public record TokenRequest(String practiceId, String role, String subject, String audience, Instant issuedAt,
                           Instant expiresAt) {

    public static TokenRequest of(String practiceId, String role) {
        return new TokenRequest(practiceId, role, null, null, null, null);
    }
}
