package org.therapyops.domain;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which services a payer wants prior authorization for: every service, none, or only the listed CPT/HCPCS codes
 * (then at least one code; the codes are meaningless, and refused, otherwise).
 */
public record PriorAuthorization(AuthorizationRequirement required, Set<String> codes) {

    public PriorAuthorization {
        Objects.requireNonNull(required, "required");
        codes = codes == null ? Set.of() : Set.copyOf(codes);
        if (required == AuthorizationRequirement.LISTED && codes.isEmpty()) {
            throw new InvalidPayerRulesException("authorizationCodes",
                    "must list the codes needing authorization when authorizationRequired is LISTED");
        }
        if (required != AuthorizationRequirement.LISTED && !codes.isEmpty()) {
            throw new InvalidPayerRulesException("authorizationCodes", "must be empty unless authorizationRequired is LISTED");
        }
    }

    public static PriorAuthorization all() {
        return new PriorAuthorization(AuthorizationRequirement.ALL, Set.of());
    }

    public static PriorAuthorization none() {
        return new PriorAuthorization(AuthorizationRequirement.NONE, Set.of());
    }

    public static PriorAuthorization listed(Set<String> codes) {
        return new PriorAuthorization(AuthorizationRequirement.LISTED, codes);
    }

    /** Whether a service code needs prior authorization. */
    public boolean requiredFor(String serviceCode) {
        return switch (required) {
            case ALL -> true;
            case NONE -> false;
            case LISTED -> codes.contains(serviceCode);
        };
    }

    /** The listed codes in order (for views and messages). */
    public Set<String> sortedCodes() {
        return new TreeSet<>(codes);
    }
}
