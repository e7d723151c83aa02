package org.therapyops.api.security;

import org.therapyops.api.problem.ApiProblemException;
import org.therapyops.api.problem.ProblemType;

import java.util.Arrays;
import java.util.Map;

/**
 * The authenticated user behind a request, from the claims the gateway's JWT authorizer verified, and the
 * gateway's request id (for the audit trail).
 * The practice (tenant) id comes from here and nowhere else: never from a path or a body.
 */
public record Caller(String practiceId, String subject, Role role, String requestId) {

    public static final String PRACTICE_CLAIM = "practice_id";
    static final String ROLE_CLAIM = "role";

    static Caller fromClaims(Map<String, String> claims, String requestId) {
        if (claims == null) {
            throw new ApiProblemException(ProblemType.UNAUTHORIZED, "The request carries no verified token claims.");
        }
        String practiceId = claims.get(PRACTICE_CLAIM);
        String subject = claims.get("sub");
        if (practiceId == null || practiceId.isBlank() || subject == null || subject.isBlank()) {
            throw new ApiProblemException(ProblemType.UNAUTHORIZED, "The token names no practice or no subject.");
        }
        Role role = Role.fromClaim(claims.get(ROLE_CLAIM)).orElseThrow(() ->
                new ApiProblemException(ProblemType.FORBIDDEN, "The token carries no known role."));
        return new Caller(practiceId, subject, role, requestId);
    }

    /** Fails with 403 unless the caller has one of the roles. */
    public Caller require(Role... allowed) {
        if (Arrays.asList(allowed).contains(role)) {
            return this;
        }
        throw new ApiProblemException(ProblemType.FORBIDDEN, "Role " + role.claim() + " may not do this.");
    }
}
