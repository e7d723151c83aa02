package org.therapyops.billing.scrub;

import org.therapyops.domain.AuthorizationRequirement;
import org.therapyops.domain.PayerType;
import org.therapyops.domain.UnitRounding;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One version of a payer's scrubbing rules, as data: which rules apply and how severely, timely filing, member
 * id format, unit rounding, whether KX applies, authorization and telehealth coding. In force from
 * {@code effectiveFrom} until the next version of the same profile.
 *
 * @param ruleSeverities per rule id: ERROR, WARNING or OFF; a rule not listed keeps its default severity
 * @param kxModifier     whether the payer wants KX above the yearly therapy threshold (Medicare); the threshold of each
 *                       calendar year is charge capture's ({@code billing/charges/kx-thresholds.csv}), not the profile's,
 *                       since a profile version can outlive the year it was written for
 */
public record PayerProfile(String id, String name, PayerType payerType, String version, LocalDate effectiveFrom,
                           Map<String, String> ruleSeverities, int timelyFilingDays, MemberIdFormat memberIdFormat,
                           UnitRounding unitRounding, boolean kxModifier,
                           AuthorizationRequirement authorizationRequired, Set<String> authorizationCodes,
                           boolean telehealthModifierRequired, Set<String> telehealthPlacesOfService) {

    /** How the payer's member ids are formed. */
    public enum MemberIdFormat { ANY, MBI }

    public PayerProfile {
        ruleSeverities = Map.copyOf(ruleSeverities);
        authorizationCodes = Set.copyOf(authorizationCodes);
        telehealthPlacesOfService = Set.copyOf(telehealthPlacesOfService);
    }

    /** The severity a rule has with this payer, or empty when the payer turns it off. */
    public Optional<Severity> severityOf(String ruleId, Severity defaultSeverity) {
        String s = ruleSeverities.get(ruleId);
        if (s == null) {
            return Optional.of(defaultSeverity);
        }
        return "OFF".equals(s) ? Optional.empty() : Optional.of(Severity.valueOf(s));
    }

    /** Whether a service code needs prior authorization with this payer. */
    public boolean requiresAuthorization(String code) {
        return switch (authorizationRequired) {
            case ALL -> true;
            case NONE -> false;
            case LISTED -> authorizationCodes.contains(code);
        };
    }
}
