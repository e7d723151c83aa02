package org.therapyops.domain;

import java.time.Instant;
import java.util.Set;

/**
 * An insurance payer, with the payer id used on claims (e.g. an EDI payer id) and its rules as data:
 * which services need authorization, how units are rounded, the timely filing limit and telehealth coding.
 */
public record Payer(String id, String name, String payerId, PayerType payerType,
                    AuthorizationRequirement authorizationRequired, Set<String> authorizationCodes,
                    UnitRounding unitRounding, int timelyFilingDays, Telehealth telehealth,
                    Instant createdAt, long version) {

    public Payer {
        authorizationCodes = authorizationCodes == null ? Set.of() : Set.copyOf(authorizationCodes);
    }

    /** A payer with the default rules: every service needs authorization, per-code rounding, 90 days to file. */
    public Payer(String id, String name, String payerId, Instant createdAt, long version) {
        this(id, name, payerId, PayerType.OTHER, AuthorizationRequirement.ALL, Set.of(), UnitRounding.PER_CODE, 90,
                Telehealth.defaults(), createdAt, version);
    }

    /** Whether a service code needs prior authorization with this payer. */
    public boolean requiresAuthorization(String serviceCode) {
        return switch (authorizationRequired) {
            case ALL -> true;
            case NONE -> false;
            case LISTED -> authorizationCodes.contains(serviceCode);
        };
    }
}
