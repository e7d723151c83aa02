package org.therapyops.billing.charges;

import org.junit.jupiter.api.Test;
import org.therapyops.billing.Charge;
import org.therapyops.billing.Claim;
import org.therapyops.billing.ClaimFrequency;
import org.therapyops.billing.ClaimStatus;
import org.therapyops.billing.PayerResponse;
import org.therapyops.billing.StoredClaim;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** The KX year to date from a patient's claims: pools, order, and what never counts. */
class TherapyYearToDateTest {

    private static final String PATIENT = "patient-1";
    private static final LocalDate DOS = LocalDate.of(2026, 6, 15);
    private static final Instant SIGNED = Instant.parse("2026-06-15T17:00:00Z");
    private static final TherapyYearToDate.Position NOTE = new TherapyYearToDate.Position(DOS, SIGNED, "note-9");
    private static final Predicate<String> MEDICARE = "medicare"::equals;

    private static Charge line(String amount, String... modifiers) {
        return new Charge("97110", Arrays.asList(modifiers), 1, 15, List.of(1), new BigDecimal(amount), "pt-1", DOS, "11");
    }

    private static StoredClaim claim(String id, String noteId, LocalDate dos, Instant signedAt, Charge... lines) {
        return claim(id, PATIENT, "medicare", noteId, dos, signedAt, ClaimFrequency.ORIGINAL, null, lines);
    }

    private static StoredClaim claim(String id, String patientId, String payerId, String noteId, LocalDate dos, Instant signedAt,
                                     ClaimFrequency frequency, String originalClaimId, Charge... lines) {
        Claim c = Claim.builder().id(id).patientId(patientId).coverageId("coverage-1").payer(payerId, null, null).dateOfService(dos)
                .placeOfService("11").frequency(frequency).originalClaimId(originalClaimId).diagnoses(List.of("M5450"))
                .lines(List.of(lines)).build();
        return new StoredClaim(c, noteId, signedAt, ClaimStatus.READY, true, Instant.parse("2026-01-01T00:00:00Z"), 2);
    }

    private static TherapyYearToDate before(StoredClaim... claims) {
        return TherapyYearToDate.beforeNote(PATIENT, NOTE, List.of(claims), MEDICARE);
    }

    @Test
    void ptAndSpeechShareAPoolAndOtHasItsOwnByTheDisciplineModifier() {
        TherapyYearToDate ytd = before(claim("c-1", "note-1", DOS.minusDays(7), SIGNED.minusSeconds(7 * 86400),
                line("100.00", "GP"), line("40.00", "GN", "KX"), line("70.00", "GO"), line("500.00")));

        assertThat(ytd.year()).isEqualTo(2026);
        assertThat(ytd.physicalAndSpeech()).isEqualByComparingTo("140.00");
        assertThat(ytd.occupational()).isEqualByComparingTo("70.00");
    }

    @Test
    void aRemittedLineCountsWhatThePayerAllowedAndAnUnremittedOneItsBilledAmount() {
        StoredClaim billed = claim("c-1", "note-1", DOS.minusDays(14), SIGNED.minusSeconds(14 * 86400),
                line("100.00", "GP"), line("60.00", "GP"));
        StoredClaim remitted = new StoredClaim(billed.claim(), billed.noteId(), billed.noteSignedAt(), ClaimStatus.PAID, true,
                billed.createdAt(), 5, PayerResponse.NONE.withRemittance(new PayerResponse.RemittanceTotals(new BigDecimal("57.60"),
                        new BigDecimal("14.40"), new BigDecimal("60.00"), java.util.Arrays.asList(new BigDecimal("72.00"), null),
                        "era-1", SIGNED, 1), "ICN1", List.of()));
        StoredClaim denied = new StoredClaim(claim("c-2", "note-2", DOS.minusDays(7), SIGNED.minusSeconds(7 * 86400),
                line("90.00", "GO")).claim(), "note-2", SIGNED.minusSeconds(7 * 86400), ClaimStatus.DENIED, true,
                billed.createdAt(), 5, PayerResponse.NONE.withRemittance(new PayerResponse.RemittanceTotals(BigDecimal.ZERO,
                        BigDecimal.ZERO, new BigDecimal("90.00"), List.of(BigDecimal.ZERO), "era-2", SIGNED, 1), "ICN2", List.of()));

        assertThat(before(billed).physicalAndSpeech()).isEqualByComparingTo("160.00");
        // CMS counts allowed amounts: 72.00 allowed for the first line; the second, not yet remitted, at its charge.
        assertThat(before(remitted).physicalAndSpeech()).isEqualByComparingTo("132.00");
        assertThat(before(remitted, denied).occupational()).isEqualByComparingTo("0");
    }

    @Test
    void countsEarlierDatesAndSameDayNotesSignedEarlierOnly() {
        TherapyYearToDate ytd = before(
                claim("c-1", "note-1", LocalDate.of(2026, 1, 2), null, line("1.00", "GP")),
                claim("c-2", "note-2", DOS, SIGNED.minusSeconds(60), line("10.00", "GP")),
                // Same instant: the smaller note id is earlier.
                claim("c-3", "note-0", DOS, SIGNED, line("100.00", "GP")),
                claim("c-4", "note-z", DOS, SIGNED, line("1000.00", "GP")),
                claim("c-5", "note-5", DOS, SIGNED.plusSeconds(60), line("10000.00", "GP")),
                claim("c-6", "note-6", DOS.plusDays(1), SIGNED.minusSeconds(86400), line("100000.00", "GP")));

        assertThat(ytd.physicalAndSpeech()).isEqualByComparingTo("111.00");
    }

    @Test
    void theNotesOwnClaimsNeverCountSoARecaptureCountsTheSame() {
        StoredClaim earlier = claim("c-1", "note-1", DOS.minusDays(1), null, line("100.00", "GP"));
        StoredClaim own1 = claim("note-9-C01", "note-9", DOS, SIGNED, line("90.00", "GP"));
        StoredClaim own2 = claim("note-9-C02", "note-9", DOS, SIGNED, line("45.00", "GP"));

        assertThat(before(earlier)).isEqualTo(before(earlier, own1, own2));
        assertThat(before(earlier, own1, own2).physicalAndSpeech()).isEqualByComparingTo("100.00");
    }

    @Test
    void otherPayersPatientsAndYearsNeverCount() {
        TherapyYearToDate ytd = before(
                claim("c-1", PATIENT, "acme-commercial", "note-1", DOS.minusDays(3), null, ClaimFrequency.ORIGINAL, null,
                        line("100.00", "GP")),
                claim("c-2", "patient-2", "medicare", "note-2", DOS.minusDays(3), null, ClaimFrequency.ORIGINAL, null,
                        line("200.00", "GP")),
                claim("c-3", PATIENT, "medicare", "note-3", LocalDate.of(2025, 12, 31), null, ClaimFrequency.ORIGINAL, null,
                        line("300.00", "GP")),
                claim("c-4", PATIENT, null, "note-4", DOS.minusDays(3), null, ClaimFrequency.ORIGINAL, null,
                        line("400.00", "GP")),
                claim("c-5", "note-5", DOS.minusDays(3), null, line("5.00", "GO")));

        assertThat(ytd).isEqualTo(new TherapyYearToDate(2026, BigDecimal.ZERO, new BigDecimal("5.00")));
    }

    @Test
    void aVoidAndTheClaimsAReplacementOrVoidReplacesDoNotCount() {
        TherapyYearToDate ytd = before(
                claim("c-1", "note-1", DOS.minusDays(9), null, line("100.00", "GP")),
                claim("c-1r", PATIENT, "medicare", "note-1", DOS.minusDays(9), null, ClaimFrequency.REPLACEMENT, "c-1",
                        line("80.00", "GP")),
                claim("c-2", "note-2", DOS.minusDays(8), null, line("1000.00", "GP")),
                claim("c-2v", PATIENT, "medicare", "note-2", DOS.minusDays(8), null, ClaimFrequency.VOID, "c-2",
                        line("1000.00", "GP")));

        assertThat(ytd.physicalAndSpeech()).isEqualByComparingTo("80.00");
    }

    @Test
    void aClaimWithoutANoteStandsAtItsCreationUnderItsOwnId() {
        StoredClaim noNote = new StoredClaim(claim("c-1", null, DOS, null, line("10.00", "GP")).claim(), null,
                ClaimStatus.READY, true, SIGNED.minusSeconds(1), 2);

        assertThat(TherapyYearToDate.Position.of(noNote)).isEqualTo(new TherapyYearToDate.Position(DOS, SIGNED.minusSeconds(1), "c-1"));
        assertThat(before(noNote).physicalAndSpeech()).isEqualByComparingTo("10.00");
    }

    @Test
    void aClaimCountsTheOtherClaimsOfItsNoteButNotItself() {
        StoredClaim earlier = claim("c-1", "note-1", DOS.minusDays(1), null, line("100.00", "GP"));
        StoredClaim first = claim("note-9-C01", "note-9", DOS, SIGNED, line("90.00", "GP"));
        StoredClaim second = claim("note-9-C02", "note-9", DOS, SIGNED, line("45.00", "GP"), line("5.00", "GO"));
        StoredClaim later = claim("c-2", "note-10", DOS, SIGNED.plusSeconds(1), line("1000.00", "GP"));
        List<StoredClaim> all = new ArrayList<>(List.of(earlier, first, second, later));

        assertThat(TherapyYearToDate.beforeClaim(first, all, MEDICARE))
                .isEqualTo(new TherapyYearToDate(2026, new BigDecimal("145.00"), new BigDecimal("5.00")));
        assertThat(TherapyYearToDate.beforeClaim(second, all, MEDICARE))
                .isEqualTo(new TherapyYearToDate(2026, new BigDecimal("190.00"), BigDecimal.ZERO));
    }

    @Test
    void kxIsDueInAPoolWhoseAmountWithAllItsLinesExceedsTheThreshold() {
        BigDecimal threshold = new BigDecimal("2480.00");
        List<Charge> lines = List.of(line("45.00", "GP"), line("44.00", "GP"), line("50.00", "GO"));

        assertThat(new TherapyYearToDate(2026, new BigDecimal("2300.00"), BigDecimal.ZERO).kxPools(lines, threshold)).isEmpty();
        // 2391 + 89 = 2480: at the threshold is not above it.
        assertThat(new TherapyYearToDate(2026, new BigDecimal("2391.00"), BigDecimal.ZERO).kxPools(lines, threshold)).isEmpty();
        assertThat(new TherapyYearToDate(2026, new BigDecimal("2391.01"), BigDecimal.ZERO).kxPools(lines, threshold))
                .containsExactly(TherapyPool.PHYSICAL_AND_SPEECH);
        assertThat(new TherapyYearToDate(2026, new BigDecimal("9000.00"), new BigDecimal("2430.01")).kxPools(lines, threshold))
                .isEqualTo(Set.of(TherapyPool.PHYSICAL_AND_SPEECH, TherapyPool.OCCUPATIONAL));
        // A pool without lines on the claim needs nothing, however far above it is.
        assertThat(new TherapyYearToDate(2026, BigDecimal.ZERO, new BigDecimal("9000.00"))
                .kxPools(List.of(line("45.00", "GP")), threshold)).isEmpty();
    }
}
