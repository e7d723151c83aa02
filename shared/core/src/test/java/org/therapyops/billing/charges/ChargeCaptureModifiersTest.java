package org.therapyops.billing.charges;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.therapyops.billing.AssistantInvolvement;
import org.therapyops.billing.Charge;
import org.therapyops.billing.TelehealthMode;
import org.therapyops.domain.Discipline;
import org.therapyops.domain.PayerRuleSettings;
import org.therapyops.domain.PayerType;
import org.therapyops.payer.PayerRules;
import org.therapyops.testing.Payers;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.therapyops.billing.charges.Notes.COMMERCIAL;
import static org.therapyops.billing.charges.Notes.FEES;
import static org.therapyops.billing.charges.Notes.KX;
import static org.therapyops.billing.charges.Notes.MEDICARE;
import static org.therapyops.billing.charges.Notes.captured;
import static org.therapyops.billing.charges.Notes.line;
import static org.therapyops.billing.charges.Notes.note;
import static org.therapyops.billing.charges.Notes.ytd;

class ChargeCaptureModifiersTest {

    private static final PayerRules MEDICARE_95 = Payers.rules("medicare", PayerType.MEDICARE,
            PayerRuleSettings.NONE.withTelehealthModifierRequired(true), Notes.DOS);

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource({"PT,97110,GP", "OT,97530,GO", "SLP,92507,GN", "PT,97161,GP", "OT,97165,GO"})
    void alwaysTherapyCodesTakeTheDisciplineModifier(Discipline discipline, String code, String modifier) {
        var result = captured(note(discipline, line(code, 30)).capture(COMMERCIAL));

        assertThat(result.chargeLines()).extracting(Charge::modifiers).containsExactly(List.of(modifier));
    }

    @Test
    void oneDisciplineModifierPerLine() {
        var result = captured(note(Discipline.PT, line("97110", 30), line("97140", 15), line("97161", 40))
                .capture(MEDICARE));

        assertThat(result.chargeLines()).extracting(Charge::modifiers)
                .containsExactly(List.of("GP"), List.of("GP"), List.of("GP"));
    }

    @Test
    void otherCodesTakeNoDisciplineModifier() {
        assertThat(captured(note(Discipline.ABA, line("97153", 60)).capture(COMMERCIAL)).chargeLines())
                .extracting(Charge::modifiers).containsExactly(List.of());
        assertThat(captured(note(Discipline.BH, line("90834", 45)).capture(COMMERCIAL)).chargeLines())
                .extracting(Charge::modifiers).containsExactly(List.of());
    }

    @Test
    void anAlwaysTherapyCodeOnANoteOfAnotherDisciplineIsBilledWithAWarning() {
        var result = captured(note(Discipline.BH, line("97110", 30)).capture(COMMERCIAL));

        assertThat(result.chargeLines()).extracting(Charge::modifiers).containsExactly(List.of());
        assertThat(result.findings()).extracting(CaptureFinding::code, CaptureFinding::severity)
                .containsExactly(tuple(FindingCode.NO_DISCIPLINE_MODIFIER, FindingCode.Severity.WARNING));
    }

    @Test
    void assistantsGetCqOrCoForMedicare() {
        var pt = captured(note(Discipline.PT, line("97110", 30, AssistantInvolvement.PT_ASSISTANT),
                line("97140", 15)).capture(MEDICARE));
        var ot = captured(note(Discipline.OT, line("97530", 30, AssistantInvolvement.OT_ASSISTANT))
                .capture(MEDICARE));

        assertThat(pt.chargeLines()).extracting(Charge::modifiers)
                .containsExactly(List.of("GP", "CQ"), List.of("GP"));
        assertThat(ot.chargeLines()).extracting(Charge::modifiers).containsExactly(List.of("GO", "CO"));
    }

    @Test
    void aPayerWithoutAssistantModifiersGetsNone() {
        var result = captured(note(Discipline.PT, line("97110", 30, AssistantInvolvement.PT_ASSISTANT))
                .capture(COMMERCIAL));

        assertThat(result.chargeLines()).extracting(Charge::modifiers).containsExactly(List.of("GP"));
    }

    @Test
    void assistantAndTherapistLinesOfOneCodeStaySeparate() {
        var result = captured(note(Discipline.PT, line("97110", 23), line("97110", 15,
                AssistantInvolvement.PT_ASSISTANT)).capture(MEDICARE));

        assertThat(result.chargeLines()).extracting(Charge::modifiers, Charge::units)
                .containsExactly(tuple(List.of("GP"), 2), tuple(List.of("GP", "CQ"), 1));
    }

    @Test
    void telehealthAtHomeIsPlace10WithTheModifierThePayerWants() {
        var result = captured(note(Discipline.PT, line("97110", 30)).telehealth(TelehealthMode.AUDIO_VIDEO, true)
                .capture(MEDICARE_95));

        assertThat(result.chargeLines()).extracting(Charge::placeOfService, Charge::modifiers)
                .containsExactly(tuple("10", List.of("GP", "95")));
    }

    @Test
    void telehealthElsewhereIsPlace02() {
        var result = captured(note(Discipline.PT, line("97110", 30)).telehealth(TelehealthMode.AUDIO_VIDEO, false)
                .capture(MEDICARE_95));

        assertThat(result.chargeLines()).extracting(Charge::placeOfService, Charge::modifiers)
                .containsExactly(tuple("02", List.of("GP", "95")));
    }

    @Test
    void audioOnlyTelehealthTakes93() {
        var result = captured(note(Discipline.BH, line("90837", 55)).telehealth(TelehealthMode.AUDIO_ONLY, true)
                .capture(MEDICARE_95));

        assertThat(result.chargeLines()).extracting(Charge::placeOfService, Charge::modifiers)
                .containsExactly(tuple("10", List.of("93")));
    }

    @Test
    void aPayerThatRequiresNoTelehealthModifierGetsOnlyThePlaceOfService() {
        var result = captured(note(Discipline.PT, line("97110", 30)).telehealth(TelehealthMode.AUDIO_VIDEO, true)
                .capture(MEDICARE));

        assertThat(result.chargeLines()).extracting(Charge::placeOfService, Charge::modifiers)
                .containsExactly(tuple("10", List.of("GP")));
    }

    @Test
    void inPersonKeepsTheNotesPlaceOfService() {
        var result = captured(note(Discipline.PT, line("97110", 30)).capture(MEDICARE_95));

        assertThat(result.chargeLines()).extracting(Charge::placeOfService, Charge::modifiers)
                .containsExactly(tuple("11", List.of("GP")));
    }

    @Test
    void kxJustBelowAtAndAboveTheThreshold() {
        // 2025 threshold $2,410.00; one unit of 97110 is $45.00 in the sample fee schedule.
        assertThat(kxModifiers(Discipline.PT, "97110", ytd("2364.99", "0"))).containsExactly("GP");
        assertThat(kxModifiers(Discipline.PT, "97110", ytd("2365.00", "0"))).containsExactly("GP");
        assertThat(kxModifiers(Discipline.PT, "97110", ytd("2365.01", "0"))).containsExactly("GP", "KX");
        assertThat(kxModifiers(Discipline.PT, "97110", ytd("3100.00", "0"))).containsExactly("GP", "KX");
    }

    @Test
    void aNoteThatCrossesTheThresholdTakesKxOnEveryLineOfThePool() {
        // 2350 + 45 = 2395 (not above) + 44 = 2439 (above): the note crosses, so both PT lines carry KX (CMS SE0637).
        var result = captured(note(Discipline.PT, line("97110", 15), line("97140", 15))
                .capture(MEDICARE, FEES, ytd("2350.00", "0")));

        assertThat(result.chargeLines()).extracting(Charge::modifiers)
                .containsExactly(List.of("GP", "KX"), List.of("GP", "KX"));
    }

    @Test
    void aNoteBelowTheThresholdTakesNoKx() {
        // 2300 + 45 + 44 = 2389, not above 2410.
        var result = captured(note(Discipline.PT, line("97110", 15), line("97140", 15))
                .capture(MEDICARE, FEES, ytd("2300.00", "0")));

        assertThat(result.chargeLines()).extracting(Charge::modifiers).containsExactly(List.of("GP"), List.of("GP"));
    }

    @Test
    void onlyThePoolThatCrossesTakesKx() {
        var result = captured(note(Discipline.OT, line("97530", 15), line("97535", 15))
                .capture(MEDICARE, FEES, ytd("5000.00", "2350.00")));

        assertThat(result.chargeLines()).extracting(Charge::modifiers)
                .containsExactly(List.of("GO", "KX"), List.of("GO", "KX"));
        var below = captured(note(Discipline.OT, line("97530", 15)).capture(MEDICARE, FEES, ytd("5000.00", "2300.00")));
        assertThat(below.chargeLines()).extracting(Charge::modifiers).containsExactly(List.of("GO"));
    }

    @Test
    void speechCountsWithPhysicalTherapyAndOccupationalTherapySeparately() {
        assertThat(kxModifiers(Discipline.SLP, "92507", ytd("2300.00", "0"))).containsExactly("GN", "KX");
        assertThat(kxModifiers(Discipline.OT, "97530", ytd("5000.00", "0"))).containsExactly("GO");
        assertThat(kxModifiers(Discipline.OT, "97530", ytd("0", "2400.00"))).containsExactly("GO", "KX");
        assertThat(kxModifiers(Discipline.PT, "97110", ytd("0", "5000.00"))).containsExactly("GP");
    }

    @Test
    void noKxForOtherPayers() {
        var result = captured(note(Discipline.PT, line("97110", 15)).capture(COMMERCIAL, FEES, ytd("9000", "9000")));

        assertThat(result.chargeLines()).extracting(Charge::modifiers).containsExactly(List.of("GP"));
    }

    @Test
    void anUnconfirmedThresholdIsUsedAndSaidSo() {
        KxThresholds unconfirmed = KxThresholds.of(List.of(new KxThresholds.Threshold(2025, new BigDecimal("2410.00"), false)));
        var result = captured(note(Discipline.PT, line("97110", 15)).capture(MEDICARE, unconfirmed, FEES, ytd("2400.00", "0")));

        assertThat(result.chargeLines()).extracting(Charge::modifiers).containsExactly(List.of("GP", "KX"));
        assertThat(result.findings()).extracting(CaptureFinding::code)
                .containsExactly(FindingCode.KX_THRESHOLD_UNCONFIRMED);
    }

    @Test
    void theConfirmed2026ThresholdIsUsedWithoutAFinding() {
        var result = captured(note(Discipline.PT, line("97110", 15)).on(LocalDate.of(2026, 2, 3))
                .capture(MEDICARE, FEES, new TherapyYearToDate(2026, new BigDecimal("2440.00"), BigDecimal.ZERO)));

        assertThat(result.chargeLines()).extracting(Charge::modifiers).containsExactly(List.of("GP", "KX"));
        assertThat(result.findings()).isEmpty();
    }

    @Test
    void aYearWithoutThresholdIsAWarningAndNoKx() {
        var result = captured(note(Discipline.PT, line("97110", 15)).on(LocalDate.of(2027, 1, 6))
                .capture(MEDICARE, FEES, new TherapyYearToDate(2027, new BigDecimal("9000"), BigDecimal.ZERO)));

        assertThat(result.chargeLines()).extracting(Charge::modifiers).containsExactly(List.of("GP"));
        assertThat(result.findings()).extracting(CaptureFinding::code, CaptureFinding::severity)
                .containsExactly(tuple(FindingCode.KX_THRESHOLD_UNKNOWN, FindingCode.Severity.WARNING));
        assertThat(result.findings().get(0).message()).contains("2027");
    }

    @Test
    void modifiersComeInAStableOrderAndNeverMoreThanFour() {
        var result = captured(note(Discipline.PT, line("97110", 30, AssistantInvolvement.PT_ASSISTANT))
                .telehealth(TelehealthMode.AUDIO_VIDEO, true).capture(MEDICARE_95, FEES, ytd("3000", "0")));

        assertThat(result.chargeLines()).extracting(Charge::modifiers)
                .containsExactly(List.of("GP", "CQ", "95", "KX"));
    }

    private static List<String> kxModifiers(Discipline discipline, String code, TherapyYearToDate ytd) {
        var result = captured(note(discipline, line(code, 15)).capture(MEDICARE, FEES, ytd));
        assertThat(result.charges()).hasSize(1);
        return result.chargeLines().get(0).modifiers();
    }
}
