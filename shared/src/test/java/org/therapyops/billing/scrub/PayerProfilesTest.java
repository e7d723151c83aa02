package org.therapyops.billing.scrub;

import org.junit.jupiter.api.Test;
import org.therapyops.billing.charges.KxThresholds;
import org.therapyops.domain.AuthorizationRequirement;
import org.therapyops.domain.PayerType;
import org.therapyops.domain.UnitRounding;

import java.io.StringReader;
import java.time.LocalDate;

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
        PayerProfile medicare = profiles.inForce("medicare", Fixture.DOS).orElseThrow();
        PayerProfile medicaid = profiles.inForce("medicaid", Fixture.DOS).orElseThrow();
        PayerProfile commercial = profiles.inForce("commercial", Fixture.DOS).orElseThrow();
        assertThat(medicare.timelyFilingDays()).isEqualTo(365);
        assertThat(medicare.memberIdFormat()).isEqualTo(PayerProfile.MemberIdFormat.MBI);
        assertThat(medicare.unitRounding()).isEqualTo(UnitRounding.CMS_8_MINUTE);
        assertThat(medicare.requiresAuthorization("97110")).isFalse();
        assertThat(medicaid.authorizationRequired()).isEqualTo(AuthorizationRequirement.ALL);
        assertThat(medicaid.telehealthModifierRequired()).isTrue();
        assertThat(medicaid.severityOf("KX_MODIFIER", Severity.ERROR)).isEmpty();
        assertThat(commercial.unitRounding()).isEqualTo(UnitRounding.PER_CODE);
        assertThat(commercial.timelyFilingDays()).isEqualTo(90);
        assertThat(commercial.requiresAuthorization("97110")).isTrue();
        assertThat(commercial.requiresAuthorization("97161")).isFalse();
        assertThat(commercial.severityOf("NCCI_PTP", Severity.ERROR)).contains(Severity.WARNING);
        assertThat(commercial.severityOf("BILLING_NPI", Severity.ERROR)).contains(Severity.ERROR);
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
