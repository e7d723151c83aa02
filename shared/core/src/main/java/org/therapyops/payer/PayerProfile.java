package org.therapyops.payer;

import org.therapyops.domain.PayerType;
import org.therapyops.domain.PriorAuthorization;
import org.therapyops.domain.UnitRounding;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One version of a payer type's shipped rules, as data: the defaults every payer of that type has until it sets its
 * own (authorization, unit rounding, timely filing, telehealth coding), and what only the profile says (which scrub
 * rules apply and how severely, the member id format, whether KX and CQ/CO apply). In force from {@code effectiveFrom}
 * until the next version of the same profile.
 *
 * @param payerType          the payer type it is written for
 * @param alsoFor            other payer types it serves (e.g. OTHER payers are treated as commercial plans)
 * @param ruleSeverities     per scrub rule id: ERROR, WARNING or OFF; a rule not listed keeps its default severity
 * @param kxModifier         whether the payer wants KX above the yearly therapy threshold (Medicare); the threshold of each
 *                           calendar year is charge capture's ({@code billing/charges/kx-thresholds.csv}), not the profile's,
 *                           since a profile version can outlive the year it was written for
 * @param assistantModifiers whether the payer wants CQ/CO on services an assistant furnished in whole or in part (Medicare)
 */
public record PayerProfile(String id, String name, PayerType payerType, Set<PayerType> alsoFor, String version,
                           LocalDate effectiveFrom, Map<String, String> ruleSeverities, int timelyFilingDays,
                           MemberIdFormat memberIdFormat, UnitRounding unitRounding, boolean kxModifier,
                           boolean assistantModifiers, PriorAuthorization authorization,
                           String telehealthPlaceOfServiceHome, String telehealthPlaceOfServiceOther,
                           boolean telehealthModifierRequired) {

    /** How the payer's member ids are formed. */
    public enum MemberIdFormat { ANY, MBI }

    public PayerProfile {
        Objects.requireNonNull(payerType, "payerType");
        alsoFor = alsoFor == null ? Set.of() : Set.copyOf(alsoFor);
        ruleSeverities = Map.copyOf(ruleSeverities);
        Objects.requireNonNull(authorization, "authorization");
        Objects.requireNonNull(telehealthPlaceOfServiceHome, "telehealthPlaceOfServiceHome");
        Objects.requireNonNull(telehealthPlaceOfServiceOther, "telehealthPlaceOfServiceOther");
    }

    /** Whether payers of this type take their default rules from this profile. */
    public boolean appliesTo(PayerType type) {
        return payerType == type || alsoFor.contains(type);
    }

    /** "commercial 2025.1": how findings, logs and views name the profile version. */
    public String label() {
        return id + " " + version;
    }
}
