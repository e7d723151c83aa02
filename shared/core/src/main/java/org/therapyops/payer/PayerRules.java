package org.therapyops.payer;

import org.therapyops.domain.Payer;
import org.therapyops.domain.PayerRuleSettings;
import org.therapyops.domain.PayerRuleVersion;
import org.therapyops.domain.PayerType;
import org.therapyops.domain.PriorAuthorization;
import org.therapyops.domain.UnitRounding;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rules in force for one payer on one date of service, the one answer booking, charge capture and the scrubber
 * share: the payer type's profile version in force on that date as defaults, the payer's own rule version in force on
 * that date over them, each value with its source. What only the profile carries (KX, CQ/CO, the member id format,
 * scrub rule severities) comes from the profile.
 *
 * @param payerVersion the payer's rule version in force on the date, or null when it set no rules for it
 */
public record PayerRules(String payerId, String payerName, PayerType payerType, LocalDate dateOfService,
                         PayerProfile profile, PayerRuleVersion payerVersion,
                         Resolved<PriorAuthorization> authorization, Resolved<UnitRounding> unitRounding,
                         Resolved<Integer> timelyFilingDays, Resolved<String> telehealthPlaceOfServiceHome,
                         Resolved<String> telehealthPlaceOfServiceOther, Resolved<Boolean> telehealthModifierRequired) {

    public PayerRules {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(dateOfService, "dateOfService");
    }

    /** Resolves a payer's rules on a date of service over its type's profile version in force on that date. */
    public static PayerRules resolve(Payer payer, PayerProfile profile, LocalDate dateOfService) {
        if (!profile.appliesTo(payer.payerType())) {
            throw new IllegalArgumentException("profile " + profile.id() + " is not for " + payer.payerType() + " payers");
        }
        if (profile.effectiveFrom().isAfter(dateOfService)) {
            throw new IllegalArgumentException("profile " + profile.label() + " is not in force on " + dateOfService);
        }
        PayerRuleVersion version = payer.rulesInForce(dateOfService).orElse(null);
        PayerRuleSettings own = version == null ? PayerRuleSettings.NONE : version.settings();
        return new PayerRules(payer.id(), payer.name(), payer.payerType(), dateOfService, profile, version,
                Resolved.of(own.authorization(), profile.authorization()),
                Resolved.of(own.unitRounding(), profile.unitRounding()),
                Resolved.of(own.timelyFilingDays(), profile.timelyFilingDays()),
                Resolved.of(own.telehealthPlaceOfServiceHome(), profile.telehealthPlaceOfServiceHome()),
                Resolved.of(own.telehealthPlaceOfServiceOther(), profile.telehealthPlaceOfServiceOther()),
                Resolved.of(own.telehealthModifierRequired(), profile.telehealthModifierRequired()));
    }

    /** Whether a service code needs prior authorization with this payer on this date. */
    public boolean requiresAuthorization(String serviceCode) {
        return authorization.value().requiredFor(serviceCode);
    }

    /** The telehealth place of service: the payer's for a patient at home (10 by CMS) or elsewhere (02). */
    public String telehealthPlaceOfService(boolean patientAtHome) {
        return patientAtHome ? telehealthPlaceOfServiceHome.value() : telehealthPlaceOfServiceOther.value();
    }

    /** Both telehealth places of service. */
    public Set<String> telehealthPlacesOfService() {
        return new TreeSet<>(List.of(telehealthPlaceOfServiceHome.value(), telehealthPlaceOfServiceOther.value()));
    }

    public boolean kxModifier() {
        return profile.kxModifier();
    }

    public boolean assistantModifiers() {
        return profile.assistantModifiers();
    }

    public PayerProfile.MemberIdFormat memberIdFormat() {
        return profile.memberIdFormat();
    }

    /** The profile's severity of a scrub rule (ERROR, WARNING, OFF), or null when the profile keeps the rule's default. */
    public String ruleSeverity(String ruleId) {
        return profile.ruleSeverities().get(ruleId);
    }

    public Map<String, String> ruleSeverities() {
        return profile.ruleSeverities();
    }

    /** The payer's rule version number in force, or null when the profile decides everything. */
    public Integer payerVersionNumber() {
        return payerVersion == null ? null : payerVersion.number();
    }

    /** How a message names where a value came from: "Acme Health's rules v2" or "profile commercial 2025.1". */
    public String describe(RuleSource source) {
        return source == RuleSource.PAYER ? payerName + "'s rules v" + payerVersion.number()
                : "profile " + profile.label();
    }
}
