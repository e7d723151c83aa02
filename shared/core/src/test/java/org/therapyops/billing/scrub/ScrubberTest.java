package org.therapyops.billing.scrub;

import org.junit.jupiter.api.Test;
import org.therapyops.billing.Party;
import org.therapyops.billing.TelehealthMode;
import org.therapyops.billing.charges.TherapyYearToDate;
import org.therapyops.billing.scrub.rules.ScrubRules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The whole scrubber over a claim: READY, NEEDS_REVIEW with exactly the findings expected, payer severities. */
class ScrubberTest {

    private final Scrubber scrubber = ScrubRules.scrubber();

    @Test
    void aCleanClaimIsReadyWithNoFinding() {
        Fixture f = new Fixture();
        ScrubResult result = scrubber.scrub(f.claim(), f.context());
        assertThat(result.status()).isEqualTo(ScrubStatus.READY);
        assertThat(result.findings()).isEmpty();
        assertThat(result.profileId()).isEqualTo("medicare");
        assertThat(result.profileVersion()).isEqualTo("2026.1");
    }

    @Test
    void aClaimWithSeveralErrorsNeedsReviewWithExactlyTheExpectedFindings() {
        Fixture f = new Fixture();
        f.billing = new Party("Riverside Therapy", null, "1234567890", "12-3456789", "225100000X", f.billing.address());
        f.memberId = "1EG4-TE5-MK73";
        f.coverage = null;
        f.diagnoses.set(0, "M54.5");
        f.line(1).modifiers = new ArrayList<>();
        f.line(2).modifiers = new ArrayList<>(List.of("GP"));
        f.line(2).pointers = new ArrayList<>(List.of(1, 3));
        f.today = Fixture.DOS.plusDays(400);

        ScrubResult result = scrubber.scrub(f.claim(), f.context());

        assertThat(result.status()).isEqualTo(ScrubStatus.NEEDS_REVIEW);
        assertThat(result.findings()).extracting(Finding::ruleId, Finding::severity, Finding::field).containsExactly(
                tuple("BILLING_NPI", Severity.ERROR, "billingProvider.npi"),
                tuple("MEDICARE_MBI", Severity.ERROR, "subscriber.memberId"),
                tuple("ICD10_BILLABLE", Severity.ERROR, "diagnoses[0]"),
                tuple("DIAGNOSIS_POINTERS", Severity.ERROR, "lines[2].diagnosisPointers"),
                tuple("DISCIPLINE_MODIFIER", Severity.ERROR, "lines[1].modifiers"),
                tuple("NCCI_PTP", Severity.ERROR, "lines[2].modifiers"),
                tuple("TIMELY_FILING", Severity.ERROR, "dateOfService"),
                tuple("COVERAGE_ACTIVE", Severity.ERROR, "coverageId"));
        assertThat(result.findings()).allSatisfy(x -> {
            assertThat(x.message()).isNotBlank();
            assertThat(x.fixHint()).isNotBlank();
        });
    }

    @Test
    void aWarningDoesNotBlockSubmission() {
        Fixture f = new Fixture();
        f.commercial();
        f.line(1).minutes = 23;
        f.line(2).minutes = 8;
        f.line(2).modifiers = new ArrayList<>(List.of("GP")); // the commercial profile makes NCCI a warning
        ScrubResult result = scrubber.scrub(f.claim(), f.context());
        assertThat(result.status()).isEqualTo(ScrubStatus.READY);
        assertThat(result.findings()).extracting(Finding::ruleId, Finding::severity)
                .containsExactly(tuple("NCCI_PTP", Severity.WARNING));
        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).hasSize(1);
    }

    @Test
    void aRuleThePayerTurnsOffReportsNothing() {
        Fixture f = new Fixture();
        f.medicaid();
        f.line(1).modifiers.add("CO"); // CQ/CO is Medicare's payment differential: off for the Medicaid-like profile
        assertThat(scrubber.scrub(f.claim(), f.context()).findings()).isEmpty();
    }

    @Test
    void aTelehealthClaimToMedicaidIsReadyWith95AndNeedsReviewWithout() {
        Fixture f = new Fixture();
        f.medicaid();
        f.telehealth = TelehealthMode.AUDIO_VIDEO;
        f.placeOfService = "10";
        assertThat(scrubber.scrub(f.claim(), f.context()).findings()).extracting(Finding::ruleId)
                .containsOnly("TELEHEALTH").hasSize(3);
        f.lines.forEach(l -> l.modifiers.add("95"));
        assertThat(scrubber.scrub(f.claim(), f.context()).status()).isEqualTo(ScrubStatus.READY);
    }

    @Test
    void kxCrossingIsAnErrorOnEveryPtLine() {
        Fixture f = new Fixture();
        f.yearToDate = new TherapyYearToDate(2026, new BigDecimal("2300.00"), BigDecimal.ZERO);
        ScrubResult result = scrubber.scrub(f.claim(), f.context());
        assertThat(result.findings()).extracting(Finding::ruleId, Finding::field).containsExactly(
                tuple("KX_MODIFIER", "lines[0].modifiers"), tuple("KX_MODIFIER", "lines[1].modifiers"),
                tuple("KX_MODIFIER", "lines[2].modifiers"));
    }
}
