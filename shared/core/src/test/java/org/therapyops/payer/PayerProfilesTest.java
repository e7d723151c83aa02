package org.therapyops.payer;

import org.junit.jupiter.api.Test;
import org.therapyops.billing.charges.KxThresholds;
import org.therapyops.domain.PriorAuthorization;
import org.therapyops.domain.AuthorizationRequirement;
import org.therapyops.domain.PayerType;
import org.therapyops.domain.UnitRounding;

import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shipped profiles and the choice of the version in force on the date of service. */
class PayerProfilesTest {

    private final PayerProfiles profiles = PayerProfiles.defaults();

    @Test
    void shipsMedicareMedicaidAndCommercial() {
        assertThat(profiles.versions()).extracting(PayerProfile::id).contains("medicare", "medicaid", "commercial");
        assertThat(profiles.versions()).extracting(PayerProfile::payerType)
                .contains(PayerType.MEDICARE, PayerType.MEDICAID, PayerType.COMMERCIAL);
    }

    @Test
    void picksTheVersionInForceOnTheDateOfService() {
        PayerProfile lastDayOf2025 = profiles.inForce("medicare", LocalDate.of(2025, 12, 31)).orElseThrow();
        PayerProfile firstDayOf2026 = profiles.inForce("medicare", LocalDate.of(2026, 1, 1)).orElseThrow();
        assertThat(lastDayOf2025.version()).isEqualTo("2025.1");
        assertThat(lastDayOf2025.kxModifier()).isTrue();
        assertThat(firstDayOf2026.version()).isEqualTo("2026.1");
        assertThat(firstDayOf2026.kxModifier()).isTrue();
        assertThat(profiles.inForce("medicare", LocalDate.of(2024, 12, 31))).isEmpty();
        assertThat(profiles.inForce("nobody", LocalDate.of(2026, 1, 1))).isEmpty();
    }

    @Test
    void kxIsMedicaresAndEveryMedicareProfileYearHasAThreshold() {
        KxThresholds thresholds = KxThresholds.load();
        assertThat(profiles.versions()).filteredOn(PayerProfile::kxModifier).isNotEmpty()
                .allSatisfy(p -> {
                    assertThat(p.payerType()).isEqualTo(PayerType.MEDICARE);
                    assertThat(thresholds.forYear(p.effectiveFrom().getYear())).as(p.id() + " " + p.version()).isPresent();
                });
        assertThat(profiles.versions()).filteredOn(p -> p.payerType() != PayerType.MEDICARE)
                .noneMatch(PayerProfile::kxModifier);
    }

    @Test
    void aThresholdInAProfileIsRefused() {
        String profile = "profile=x\nname=X\npayerType=MEDICARE\nversion=1\neffectiveFrom=2026-01-01\ntimelyFilingDays=365\n"
                + "unitRounding=CMS_8_MINUTE\nauthorization.required=NONE\nkx.threshold=2480\n";
        assertThatThrownBy(() -> PayerProfiles.parse(new StringReader(profile))).hasMessageContaining("kx-thresholds.csv");
    }

    @Test
    void payerDifferencesAreData() {
        LocalDate dos = LocalDate.of(2026, 6, 15);
        PayerProfile medicare = profiles.inForce(PayerType.MEDICARE, dos).orElseThrow();
        PayerProfile medicaid = profiles.inForce(PayerType.MEDICAID, dos).orElseThrow();
        PayerProfile commercial = profiles.inForce(PayerType.COMMERCIAL, dos).orElseThrow();
        assertThat(medicare.timelyFilingDays()).isEqualTo(365);
        assertThat(medicare.memberIdFormat()).isEqualTo(PayerProfile.MemberIdFormat.MBI);
        assertThat(medicare.unitRounding()).isEqualTo(UnitRounding.CMS_8_MINUTE);
        assertThat(medicare.authorization()).isEqualTo(PriorAuthorization.none());
        assertThat(medicare.assistantModifiers()).isTrue();
        assertThat(medicaid.authorization().required()).isEqualTo(AuthorizationRequirement.ALL);
        assertThat(medicaid.telehealthModifierRequired()).isTrue();
        assertThat(medicaid.assistantModifiers()).isFalse();
        assertThat(medicaid.ruleSeverities()).containsEntry("KX_MODIFIER", "OFF");
        assertThat(commercial.unitRounding()).isEqualTo(UnitRounding.PER_CODE);
        assertThat(commercial.timelyFilingDays()).isEqualTo(90);
        assertThat(commercial.authorization().requiredFor("97110")).isTrue();
        assertThat(commercial.authorization().requiredFor("97161")).isFalse();
        assertThat(commercial.ruleSeverities()).containsEntry("NCCI_PTP", "WARNING").doesNotContainKey("BILLING_NPI");
        assertThat(List.of(medicare, medicaid, commercial)).allSatisfy(p -> {
            assertThat(p.telehealthPlaceOfServiceHome()).isEqualTo("10");
            assertThat(p.telehealthPlaceOfServiceOther()).isEqualTo("02");
        });
    }

    @Test
    void eachPayerTypeHasOneProfileAndOtherPayersAreCommercial() {
        assertThat(profiles.profileIdOf(PayerType.MEDICARE)).contains("medicare");
        assertThat(profiles.profileIdOf(PayerType.MEDICAID)).contains("medicaid");
        assertThat(profiles.profileIdOf(PayerType.COMMERCIAL)).contains("commercial");
        assertThat(profiles.profileIdOf(PayerType.OTHER)).contains("commercial");
        PayerProfile medicare = profiles.inForce(PayerType.MEDICARE, LocalDate.of(2026, 6, 15)).orElseThrow();
        PayerProfile claimsMedicareToo = new PayerProfile("other", "Other", PayerType.OTHER, java.util.Set.of(PayerType.MEDICARE),
                "1", medicare.effectiveFrom(), java.util.Map.of(), 90, PayerProfile.MemberIdFormat.ANY, UnitRounding.PER_CODE,
                false, false, PriorAuthorization.all(), "10", "02", false);
        assertThatThrownBy(() -> new PayerProfiles(List.of(medicare, claimsMedicareToo))).hasMessageContaining("MEDICARE");
    }

    @Test
    void refusesAProfileWithAnUnknownSeverityOrWithoutAVersion() {
        String base = "profile=x\nname=X\npayerType=OTHER\neffectiveFrom=2026-01-01\ntimelyFilingDays=90\n"
                + "unitRounding=PER_CODE\nauthorization.required=NONE\n";
        assertThatThrownBy(() -> PayerProfiles.parse(new StringReader(base))).hasMessageContaining("version");
        assertThatThrownBy(() -> PayerProfiles.parse(new StringReader(base + "version=1\nrule.NCCI_PTP=MAYBE\n")))
                .hasMessageContaining("rule.NCCI_PTP");
    }
}
