package org.therapyops.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A payer's own rules: optional settings, versioned and effective-dated. */
class PayerTest {

    private static final Instant AT = Instant.parse("2026-12-06T10:00:00Z");
    private static final PayerRuleSettings DAYS_180 = PayerRuleSettings.NONE.withTimelyFilingDays(180);

    @Test
    void whichCodesNeedAuthorizationIsData() {
        assertThat(PriorAuthorization.all().requiredFor("97110")).isTrue();
        assertThat(PriorAuthorization.none().requiredFor("97110")).isFalse();
        PriorAuthorization listed = PriorAuthorization.listed(Set.of("97530"));
        assertThat(listed.requiredFor("97530")).isTrue();
        assertThat(listed.requiredFor("97110")).isFalse();
    }

    @Test
    void listedNeedsCodesAndOnlyListedTakesThem() {
        assertThatThrownBy(() -> PriorAuthorization.listed(Set.of())).isInstanceOf(InvalidPayerRulesException.class)
                .extracting(e -> ((InvalidPayerRulesException) e).field()).isEqualTo("authorizationCodes");
        assertThatThrownBy(() -> new PriorAuthorization(AuthorizationRequirement.ALL, Set.of("97110")))
                .isInstanceOf(InvalidPayerRulesException.class);
        assertThatThrownBy(() -> PayerRuleSettings.NONE.withTimelyFilingDays(0))
                .extracting(e -> ((InvalidPayerRulesException) e).field()).isEqualTo("timelyFilingDays");
        assertThatThrownBy(() -> PayerRuleSettings.NONE.withTelehealthPlaceOfServiceHome("home"))
                .extracting(e -> ((InvalidPayerRulesException) e).field()).isEqualTo("telehealth.placeOfServiceHome");
    }

    @Test
    void aPayerWithoutRulesSetsNothing() {
        Payer payer = new Payer("p", "Acme", "ACME1", null, AT, 1);
        assertThat(payer.payerType()).isEqualTo(PayerType.OTHER);
        assertThat(payer.ruleVersions()).isEmpty();
        assertThat(payer.settingsOn(LocalDate.of(2026, 12, 6))).isEqualTo(PayerRuleSettings.NONE);
    }

    @Test
    void theVersionInForceOnTheDateOfServiceApplies() {
        Payer payer = new Payer("p", "Acme", "ACME1", PayerType.COMMERCIAL, AT, 1)
                .withRules(PayerRuleSettings.NONE.withTimelyFilingDays(90), null, AT, "u1")
                .withRules(DAYS_180, LocalDate.of(2026, 12, 6), AT, "u2");

        assertThat(payer.ruleVersions()).extracting(PayerRuleVersion::number).containsExactly(1, 2);
        assertThat(payer.settingsOn(LocalDate.of(2020, 1, 1)).timelyFilingDays()).isEqualTo(90);
        assertThat(payer.settingsOn(LocalDate.of(2026, 12, 5)).timelyFilingDays()).isEqualTo(90);
        assertThat(payer.settingsOn(LocalDate.of(2026, 12, 6)).timelyFilingDays()).isEqualTo(180);
        assertThat(payer.rulesInForce(LocalDate.of(2027, 3, 1)).orElseThrow().recordedBy()).isEqualTo("u2");
    }

    @Test
    void aPayerFirstSetFromADateHasNoRulesBeforeIt() {
        Payer payer = new Payer("p", "Acme", "ACME1", PayerType.COMMERCIAL, AT, 1)
                .withRules(DAYS_180, LocalDate.of(2026, 12, 6), AT, "u1");
        assertThat(payer.rulesInForce(LocalDate.of(2026, 12, 5))).isEmpty();
    }

    @Test
    void aChangeOfTheSameDaySupersedesTheEarlierAndTheSameSettingsAddNothing() {
        LocalDate day = LocalDate.of(2026, 12, 6);
        Payer payer = new Payer("p", "Acme", "ACME1", PayerType.COMMERCIAL, AT, 1).withRules(DAYS_180, day, AT, "u1");
        Payer again = payer.withRules(DAYS_180, day, AT.plusSeconds(60), "u1");
        assertThat(again).isSameAs(payer);

        Payer corrected = payer.withRules(DAYS_180.withUnitRounding(UnitRounding.CMS_8_MINUTE), day, AT.plusSeconds(60), "u2");
        assertThat(corrected.ruleVersions()).hasSize(2);
        assertThat(corrected.rulesInForce(day).orElseThrow().number()).isEqualTo(2);
        assertThat(corrected.settingsOn(day).unitRounding()).isEqualTo(UnitRounding.CMS_8_MINUTE);
    }

    @Test
    void aBackdatedChangeLeavesLaterVersionsInForceAfterThem() {
        Payer payer = new Payer("p", "Acme", "ACME1", PayerType.COMMERCIAL, AT, 1)
                .withRules(DAYS_180, LocalDate.of(2026, 12, 1), AT, "u1")
                .withRules(PayerRuleSettings.NONE.withTimelyFilingDays(120), LocalDate.of(2026, 6, 1), AT, "u1");
        assertThat(payer.settingsOn(LocalDate.of(2026, 7, 1)).timelyFilingDays()).isEqualTo(120);
        assertThat(payer.settingsOn(LocalDate.of(2026, 12, 2)).timelyFilingDays()).isEqualTo(180);
    }

    @Test
    void historyIsBoundedByDroppingSupersededVersionsFirst() {
        LocalDate day = LocalDate.of(2026, 12, 6);
        Payer payer = new Payer("p", "Acme", "ACME1", PayerType.COMMERCIAL, AT, 1);
        for (int days = 1; days <= Payer.MAX_RULE_VERSIONS + 5; days++) {
            payer = payer.withRules(PayerRuleSettings.NONE.withTimelyFilingDays(days), day, AT, "u1");
        }
        assertThat(payer.ruleVersions()).hasSize(Payer.MAX_RULE_VERSIONS);
        assertThat(payer.settingsOn(day).timelyFilingDays()).isEqualTo(Payer.MAX_RULE_VERSIONS + 5);
    }
}
