package org.therapyops.api.model;

import io.micronaut.serde.annotation.Serdeable;
import org.therapyops.domain.AuthorizationRequirement;
import org.therapyops.domain.UnitRounding;
import org.therapyops.payer.PayerProfile;
import org.therapyops.payer.PayerRules;
import org.therapyops.payer.Resolved;
import org.therapyops.payer.RuleSource;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules in force for a payer on one date of service, as booking, charge capture and the scrubber apply them: its
 * type's profile version in force then, the payer's own rule version in force then (null: none), each rule's value, and
 * in {@code sources}, by rule name, where each value came from.
 */
@Serdeable
public record PayerRulesView(LocalDate asOf, ProfileView profile, @OrNull Integer payerRulesVersion,
                             AuthorizationRequirement authorizationRequired, List<String> authorizationCodes,
                             UnitRounding unitRounding, int timelyFilingDays, TelehealthRulesView telehealth,
                             boolean kxModifier, boolean assistantModifiers, PayerProfile.MemberIdFormat memberIdFormat,
                             Map<String, SourceView> sources) {

    /** A payer profile version: id, name, version and first date of service. */
    @Serdeable
    public record ProfileView(String id, String name, String version, LocalDate effectiveFrom) {
    }

    /** The telehealth rules in force. */
    @Serdeable
    public record TelehealthRulesView(String placeOfServiceHome, String placeOfServiceOther, boolean modifierRequired) {
    }

    /**
     * Where a value came from: {@code PROFILE} (with the profile's id, version and effectiveFrom) or {@code PAYER} (with
     * the payer's rule version and its effectiveFrom, null when in force from the start).
     */
    @Serdeable
    public record SourceView(RuleSource source, @OrNull String profileId, @OrNull String profileVersion,
                             @OrNull Integer payerRulesVersion, @OrNull LocalDate effectiveFrom) {
    }

    public static PayerRulesView of(PayerRules r) {
        PayerProfile profile = r.profile();
        Map<String, SourceView> sources = new LinkedHashMap<>();
        sources.put("authorization", source(r, r.authorization()));
        sources.put("unitRounding", source(r, r.unitRounding()));
        sources.put("timelyFilingDays", source(r, r.timelyFilingDays()));
        sources.put("telehealth.placeOfServiceHome", source(r, r.telehealthPlaceOfServiceHome()));
        sources.put("telehealth.placeOfServiceOther", source(r, r.telehealthPlaceOfServiceOther()));
        sources.put("telehealth.modifierRequired", source(r, r.telehealthModifierRequired()));
        SourceView fromProfile = profileSource(profile);
        sources.put("kxModifier", fromProfile);
        sources.put("assistantModifiers", fromProfile);
        sources.put("memberIdFormat", fromProfile);
        return new PayerRulesView(r.dateOfService(),
                new ProfileView(profile.id(), profile.name(), profile.version(), profile.effectiveFrom()), r.payerVersionNumber(),
                r.authorization().value().required(), List.copyOf(r.authorization().value().sortedCodes()),
                r.unitRounding().value(), r.timelyFilingDays().value(),
                new TelehealthRulesView(r.telehealthPlaceOfServiceHome().value(), r.telehealthPlaceOfServiceOther().value(),
                        r.telehealthModifierRequired().value()),
                r.kxModifier(), r.assistantModifiers(), r.memberIdFormat(), sources);
    }

    private static SourceView source(PayerRules r, Resolved<?> value) {
        return value.source() == RuleSource.PAYER
                ? new SourceView(RuleSource.PAYER, null, null, r.payerVersion().number(), r.payerVersion().effectiveFrom())
                : profileSource(r.profile());
    }

    private static SourceView profileSource(PayerProfile profile) {
        return new SourceView(RuleSource.PROFILE, profile.id(), profile.version(), null, profile.effectiveFrom());
    }
}
