package org.therapyops.payer;

import org.junit.jupiter.api.Test;
import org.therapyops.domain.AuthorizationRequirement;
import org.therapyops.domain.Payer;
import org.therapyops.domain.PayerRuleSettings;
import org.therapyops.domain.PayerType;
import org.therapyops.domain.PriorAuthorization;
import org.therapyops.domain.UnitRounding;
import org.therapyops.payer.service.PayerRulesResolver;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules in force for a payer on a date of service: its type's profile then, its own rule version then over it. */
class PayerRulesTest {

    private static final PayerRulesResolver RESOLVER = PayerRulesResolver.shipped();
    private static final Instant AT = Instant.parse("2026-12-06T10:00:00Z");
    private static final LocalDate DOS = LocalDate.of(2026, 6, 15);

    @Test
    void withNothingSetEveryRuleIsTheProfilesAndSaysWhichVersion() {
        PayerRules rules = RESOLVER.rulesFor(payer(PayerType.COMMERCIAL), DOS).orElseThrow();

        assertThat(rules.profile().label()).isEqualTo("commercial 2025.1");
        assertThat(rules.payerVersion()).isNull();
        assertThat(rules.authorization().value().required()).isEqualTo(AuthorizationRequirement.LISTED);
        assertThat(rules.requiresAuthorization("97110")).isTrue();
        assertThat(rules.requiresAuthorization("97161")).isFalse();
        assertThat(rules.unitRounding()).isEqualTo(new Resolved<>(UnitRounding.PER_CODE, RuleSource.PROFILE));
        assertThat(rules.timelyFilingDays()).isEqualTo(new Resolved<>(90, RuleSource.PROFILE));
        assertThat(rules.telehealthPlacesOfService()).containsExactly("02", "10");
        assertThat(rules.telehealthModifierRequired()).isEqualTo(new Resolved<>(true, RuleSource.PROFILE));
        assertThat(rules.kxModifier()).isFalse();
        assertThat(rules.assistantModifiers()).isFalse();
        assertThat(rules.describe(RuleSource.PROFILE)).isEqualTo("profile commercial 2025.1");
    }

    @Test
    void eachSettingThePayerSetIsItsOwnAndTheOthersStayTheProfiles() {
        Payer payer = payer(PayerType.MEDICARE).withRules(PayerRuleSettings.NONE.withUnitRounding(UnitRounding.PER_CODE)
                .withTelehealthModifierRequired(true), null, AT, "biller-1");

        PayerRules rules = RESOLVER.rulesFor(payer, DOS).orElseThrow();

        assertThat(rules.profile().label()).isEqualTo("medicare 2026.1");
        assertThat(rules.unitRounding()).isEqualTo(new Resolved<>(UnitRounding.PER_CODE, RuleSource.PAYER));
        assertThat(rules.telehealthModifierRequired()).isEqualTo(new Resolved<>(true, RuleSource.PAYER));
        assertThat(rules.timelyFilingDays()).isEqualTo(new Resolved<>(365, RuleSource.PROFILE));
        assertThat(rules.authorization()).isEqualTo(new Resolved<>(PriorAuthorization.none(), RuleSource.PROFILE));
        assertThat(rules.telehealthPlaceOfServiceHome()).isEqualTo(new Resolved<>("10", RuleSource.PROFILE));
        assertThat(rules.kxModifier()).isTrue();
        assertThat(rules.assistantModifiers()).isTrue();
        assertThat(rules.payerVersionNumber()).isEqualTo(1);
        assertThat(rules.describe(RuleSource.PAYER)).isEqualTo("Medicare Part B's rules v1");
    }

    @Test
    void theRulesOfADateOfServiceAreThoseInForceThenForTheProfileAndThePayerAlike() {
        Payer payer = payer(PayerType.MEDICARE)
                .withRules(PayerRuleSettings.NONE.withTimelyFilingDays(300), null, AT, "biller-1")
                .withRules(PayerRuleSettings.NONE.withAuthorization(PriorAuthorization.listed(Set.of("97530"))),
                        LocalDate.of(2026, 12, 6), AT, "biller-1");

        PayerRules december2025 = RESOLVER.rulesFor(payer, LocalDate.of(2025, 12, 31)).orElseThrow();
        PayerRules before = RESOLVER.rulesFor(payer, LocalDate.of(2026, 12, 5)).orElseThrow();
        PayerRules after = RESOLVER.rulesFor(payer, LocalDate.of(2026, 12, 6)).orElseThrow();

        assertThat(december2025.profile().version()).isEqualTo("2025.1");
        assertThat(december2025.timelyFilingDays().value()).isEqualTo(300);
        assertThat(before.profile().version()).isEqualTo("2026.1");
        assertThat(before.payerVersionNumber()).isEqualTo(1);
        assertThat(before.requiresAuthorization("97530")).isFalse();
        assertThat(after.payerVersionNumber()).isEqualTo(2);
        assertThat(after.requiresAuthorization("97530")).isTrue();
        // A version holds what the payer set from its date on: the 300 days of version 1 are not carried into version 2.
        assertThat(after.timelyFilingDays()).isEqualTo(new Resolved<>(365, RuleSource.PROFILE));
    }

    @Test
    void otherPayersTakeTheCommercialProfileAndNoProfileMeansNoRules() {
        assertThat(RESOLVER.rulesFor(payer(PayerType.OTHER), DOS).orElseThrow().profile().id()).isEqualTo("commercial");
        assertThat(RESOLVER.rulesFor(payer(PayerType.MEDICAID), DOS).orElseThrow().profile().id()).isEqualTo("medicaid");
        assertThat(RESOLVER.rulesFor(payer(PayerType.MEDICARE), LocalDate.of(2024, 12, 31))).isEmpty();
    }

    @Test
    void aProfileIsOnlyResolvedForItsPayerTypesAndFromItsDate() {
        PayerProfile medicare = RESOLVER.profiles().inForce(PayerType.MEDICARE, DOS).orElseThrow();
        assertThatThrownBy(() -> PayerRules.resolve(payer(PayerType.COMMERCIAL), medicare, DOS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PayerRules.resolve(payer(PayerType.MEDICARE), medicare, LocalDate.of(2025, 6, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Payer payer(PayerType type) {
        return new Payer("payer-1", type == PayerType.MEDICARE ? "Medicare Part B" : "Acme Health", "P1", type, AT, 1);
    }
}
