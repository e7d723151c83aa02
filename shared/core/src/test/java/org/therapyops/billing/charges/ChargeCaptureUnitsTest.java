package org.therapyops.billing.charges;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.therapyops.billing.Charge;
import org.therapyops.domain.Discipline;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.therapyops.billing.charges.Notes.COMMERCIAL;
import static org.therapyops.billing.charges.Notes.MEDICARE;
import static org.therapyops.billing.charges.Notes.captured;
import static org.therapyops.billing.charges.Notes.line;
import static org.therapyops.billing.charges.Notes.note;

class ChargeCaptureUnitsTest {

    @Test
    void cmsExample33And7BillsTwoUnitsOfExerciseAndOneOfManualTherapy() {
        var result = captured(note(Discipline.PT, line("97110", 33), line("97140", 7)).capture(MEDICARE));

        assertThat(result.chargeLines()).extracting(Charge::code, Charge::units, Charge::minutes)
                .containsExactly(tuple("97110", 2, 33), tuple("97140", 1, 7));
        assertThat(result.findings()).isEmpty();
    }

    @Test
    void cmsExample24And23BillsTwoUnitsOfTheLongerCode() {
        var result = captured(note(Discipline.PT, line("97112", 24), line("97110", 23)).capture(MEDICARE));

        assertThat(result.chargeLines()).extracting(Charge::code, Charge::units)
                .containsExactly(tuple("97112", 2), tuple("97110", 1));
    }

    @Test
    void cmsExample20And20BillsThreeUnitsTheExtraToTheFirstCode() {
        var result = captured(note(Discipline.PT, line("97112", 20), line("97110", 20)).capture(MEDICARE));

        assertThat(result.chargeLines()).extracting(Charge::code, Charge::units)
                .containsExactly(tuple("97112", 2), tuple("97110", 1));
    }

    @Test
    void cmsExample49MinutesOverFourCodesLeavesUltrasoundUnbilled() {
        var result = captured(note(Discipline.PT, line("97110", 18), line("97140", 13), line("97116", 10),
                line("97035", 8)).capture(MEDICARE));

        assertThat(result.chargeLines()).extracting(Charge::code, Charge::units)
                .containsExactly(tuple("97110", 1), tuple("97140", 1), tuple("97116", 1));
        assertThat(result.findings()).extracting(CaptureFinding::code, CaptureFinding::line)
                .containsExactly(tuple(FindingCode.TIMED_NO_UNIT_LEFT, 4));
    }

    @Test
    void cmsExampleThreeCodesOf7MinutesBillOneUnit() {
        var result = captured(note(Discipline.PT, line("97112", 7), line("97110", 7), line("97140", 7))
                .capture(MEDICARE));

        assertThat(result.chargeLines()).extracting(Charge::code, Charge::units).containsExactly(tuple("97112", 1));
        assertThat(result.findings()).extracting(CaptureFinding::code)
                .containsExactly(FindingCode.TIMED_NO_UNIT_LEFT, FindingCode.TIMED_NO_UNIT_LEFT);
    }

    @Test
    void untimedMinutesDoNotCountTowardTheTimedTotal() {
        var result = captured(note(Discipline.PT, line("97161", 45), line("97110", 7)).capture(MEDICARE));

        assertThat(result.chargeLines()).extracting(Charge::code, Charge::units).containsExactly(tuple("97161", 1));
        assertThat(result.findings()).extracting(CaptureFinding::code, CaptureFinding::line)
                .containsExactly(tuple(FindingCode.TIMED_TOTAL_UNDER_8, 2));
    }

    @Test
    void sameNoteRoundsDifferentlyPerCodeThanByTheEightMinuteRule() {
        var note = note(Discipline.PT, line("97110", 33), line("97140", 7));

        assertThat(captured(note.capture(MEDICARE)).chargeLines()).extracting(Charge::code, Charge::units)
                .containsExactly(tuple("97110", 2), tuple("97140", 1));
        var perCode = captured(note.capture(COMMERCIAL));
        assertThat(perCode.chargeLines()).extracting(Charge::code, Charge::units).containsExactly(tuple("97110", 2));
        assertThat(perCode.findings()).extracting(CaptureFinding::code, CaptureFinding::line)
                .containsExactly(tuple(FindingCode.TIMED_UNDER_8, 2));
    }

    @Test
    void perCodeRoundingGivesEachCodeItsOwnUnitsWhereTheDayTotalWouldGiveFewer() {
        // 8 + 8 + 8 = 24 minutes: 2 units by the 8-minute rule, 3 per code.
        var note = note(Discipline.PT, line("97110", 8), line("97140", 8), line("97530", 8));

        assertThat(captured(note.capture(COMMERCIAL)).chargeLines()).extracting(Charge::units)
                .containsExactly(1, 1, 1);
        assertThat(captured(note.capture(MEDICARE)).chargeLines()).extracting(Charge::units).containsExactly(1, 1);
    }

    @Test
    void zeroTimedMinutesBillNoUnit() {
        var result = captured(note(Discipline.PT, line("97110", 0)).capture(MEDICARE));

        assertThat(result.charges()).isEmpty();
        assertThat(result.findings()).extracting(CaptureFinding::code).containsExactly(FindingCode.TIMED_TOTAL_UNDER_8);
    }

    @Test
    void linesOfTheSameCodeAreAddedBeforeRounding() {
        var result = captured(note(Discipline.PT, line("97110", 5), line("97140", 20), line("97110", 5))
                .capture(COMMERCIAL));

        assertThat(result.charges()).extracting(c -> c.charge().code(), c -> c.charge().units(),
                        c -> c.charge().minutes(), CapturedCharge::line)
                .containsExactly(tuple("97110", 1, 10, 1), tuple("97140", 1, 20, 2));
    }

    @ParameterizedTest(name = "{0} with {1} minutes -> 1 unit")
    @CsvSource({"97161,0", "97164,60", "97165,45", "97168,90", "92507,30", "92507,5", "97150,60"})
    void untimedCodesBillOneUnitPerSession(String code, int minutes) {
        var result = captured(note(Discipline.PT, line(code, minutes)).capture(MEDICARE));

        assertThat(result.chargeLines()).extracting(Charge::units).containsExactly(1);
    }

    @Test
    void aboveTheChartEachFurther15MinutesIsAUnit() {
        var result = captured(note(Discipline.PT, line("97110", 60), line("97530", 53)).capture(MEDICARE));

        // 113 minutes = 8 units: 4 whole + 3 whole, the last to 97530's 8 left-over minutes.
        assertThat(result.chargeLines()).extracting(Charge::units).containsExactly(4, 4);
    }

    @Test
    void abaCodesRoundPerCodeEvenForAnEightMinutePayer() {
        var result = captured(note(Discipline.ABA, line("97153", 120), line("97155", 7), line("97156", 8))
                .capture(MEDICARE));

        assertThat(result.chargeLines()).extracting(Charge::code, Charge::units, Charge::modifiers)
                .containsExactly(tuple("97153", 8, List.of()), tuple("97156", 1, List.of()));
        assertThat(result.findings()).extracting(CaptureFinding::code, CaptureFinding::line)
                .containsExactly(tuple(FindingCode.TIMED_UNDER_8, 2));
    }

    @ParameterizedTest(name = "{0} minutes of psychotherapy -> {1}")
    @CsvSource({"16,90832", "37,90832", "38,90834", "52,90834", "53,90837", "90,90837"})
    void psychotherapyCodeIsChosenByMinutes(int minutes, String code) {
        var result = captured(note(Discipline.BH, line("90834", minutes)).capture(COMMERCIAL));

        assertThat(result.chargeLines()).extracting(Charge::code, Charge::units, Charge::minutes)
                .containsExactly(tuple(code, 1, minutes));
    }

    @Test
    void psychotherapyUnder16MinutesIsNotBillable() {
        var result = captured(note(Discipline.BH, line("90832", 15)).capture(COMMERCIAL));

        assertThat(result.charges()).isEmpty();
        assertThat(result.findings()).extracting(CaptureFinding::code)
                .containsExactly(FindingCode.PSYCHOTHERAPY_TOO_SHORT);
    }

    @Test
    void psychotherapyCodesAreNeverAddedTogether() {
        var result = captured(note(Discipline.BH, line("90837", 30), line("90832", 25)).capture(COMMERCIAL));

        assertThat(result.chargeLines()).extracting(Charge::code, Charge::units, Charge::minutes)
                .containsExactly(tuple("90837", 1, 55));
        assertThat(result.findings()).extracting(CaptureFinding::code)
                .containsExactly(FindingCode.PSYCHOTHERAPY_CODE_BY_TIME);
    }

    @Test
    void aDocumentedPsychotherapyCodeThatTheMinutesDoNotSupportIsReplacedWithAFinding() {
        var result = captured(note(Discipline.BH, line("90837", 45)).capture(COMMERCIAL));

        assertThat(result.chargeLines()).extracting(Charge::code).containsExactly("90834");
        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.code().id()).isEqualTo("charge.psychotherapy-code-by-time");
            assertThat(f.message()).contains("90837", "45", "90834");
        });
    }
}
