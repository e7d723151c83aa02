package org.therapyops.billing.charges;

import org.junit.jupiter.api.Test;
import org.therapyops.billing.AssistantInvolvement;
import org.therapyops.billing.Charge;
import org.therapyops.domain.Discipline;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.therapyops.billing.charges.Notes.DOS;
import static org.therapyops.billing.charges.Notes.MEDICARE;
import static org.therapyops.billing.charges.Notes.captured;
import static org.therapyops.billing.charges.Notes.line;
import static org.therapyops.billing.charges.Notes.note;

class ChargeCaptureLinesTest {

    @Test
    void eachLinePointsToAtMostFourDiagnosesPrincipalFirst() {
        var result = captured(note(Discipline.PT, line("97110", 30), line("97140", 15))
                .diagnoses("M54.50", "M25.561", "M62.81", "R26.89", "Z96.651", "M17.11").capture(MEDICARE));

        assertThat(result.chargeLines()).extracting(Charge::diagnosisPointers)
                .containsExactly(List.of(1, 2, 3, 4), List.of(1, 2, 3, 4));
    }

    @Test
    void aSingleDiagnosisIsTheOnlyPointer() {
        var result = captured(note(Discipline.PT, line("97110", 30)).diagnoses("M54.50").capture(MEDICARE));

        assertThat(result.chargeLines()).extracting(Charge::diagnosisPointers).containsExactly(List.of(1));
    }

    @Test
    void theAmountIsTheFeeTimesTheUnits() {
        var result = captured(note(Discipline.PT, line("97110", 33), line("97140", 7), line("97161", 40))
                .capture(MEDICARE));

        assertThat(result.chargeLines()).extracting(Charge::code, Charge::amount).containsExactly(
                tuple("97110", new BigDecimal("90.00")), tuple("97140", new BigDecimal("44.00")),
                tuple("97161", new BigDecimal("150.00")));
    }

    @Test
    void aCodeWithoutAFeeIsChargedAtZeroWithAFindingSoTheClaimIsHeldNotLost() {
        FeeSchedule fees = FeeSchedule.of(Map.of("97110", new BigDecimal("45.00")));

        var result = captured(note(Discipline.PT, line("97110", 30), line("97140", 15))
                .capture(MEDICARE, fees, TherapyYearToDate.none(DOS.getYear())));

        assertThat(result.chargeLines()).extracting(Charge::code, Charge::units, Charge::amount)
                .containsExactly(tuple("97110", 2, new BigDecimal("90.00")), tuple("97140", 1, new BigDecimal("0.00")));
        assertThat(result.findings()).extracting(f -> f.code().id(), CaptureFinding::line, CaptureFinding::severity)
                .containsExactly(tuple("charge.no-fee", 2, FindingCode.Severity.WARNING));
    }

    @Test
    void aPracticeWithoutAFeeScheduleStillGetsEveryUnitCharged() {
        var result = captured(note(Discipline.PT, line("97110", 33), line("97140", 7))
                .capture(MEDICARE, FeeSchedule.empty(), TherapyYearToDate.none(DOS.getYear())));

        assertThat(result.chargeLines()).extracting(Charge::units).containsExactly(2, 1);
        assertThat(result.chargeLines()).allSatisfy(c -> assertThat(c.amount()).isEqualByComparingTo("0"));
        assertThat(result.findings()).extracting(f -> f.code().id()).containsExactly("charge.no-fee", "charge.no-fee");
    }

    @Test
    void aFeeForTheLinesModifierWinsOverTheCodesFee() {
        FeeSchedule fees = FeeSchedule.of(Map.of("97110", new BigDecimal("45.00"),
                "97110:CQ", new BigDecimal("38.25")));

        var result = captured(note(Discipline.PT, line("97110", 30, AssistantInvolvement.PT_ASSISTANT),
                line("97110", 15)).capture(MEDICARE, fees, TherapyYearToDate.none(DOS.getYear())));

        assertThat(result.chargeLines()).extracting(Charge::modifiers, Charge::amount).containsExactly(
                tuple(List.of("GP", "CQ"), new BigDecimal("76.50")), tuple(List.of("GP"), new BigDecimal("45.00")));
    }

    @Test
    void chargesCarryTheNotesProviderDateAndMinutes() {
        var charge = captured(note(Discipline.PT, line("97110", 30)).capture(MEDICARE)).chargeLines().get(0);

        assertThat(charge.renderingProviderId()).isEqualTo("prov-1");
        assertThat(charge.dateOfService()).isEqualTo(DOS);
        assertThat(charge.minutes()).isEqualTo(30);
    }

    @Test
    void redeliveryGivesTheSameChargesWithTheSameIds() {
        var note = note(Discipline.PT, line("97110", 33), line("97140", 7), line("97161", 40));

        var first = captured(note.capture(MEDICARE));
        var again = captured(note.capture(MEDICARE));

        assertThat(again).isEqualTo(first);
        assertThat(first.charges()).extracting(CapturedCharge::id)
                .containsExactly("note-1-01", "note-1-02", "note-1-03");
    }

    @Test
    void idsFollowTheNotesLinesEvenWhenALineIsNotBilled() {
        var result = captured(note(Discipline.PT, line("97999", 30), line("97110", 30), line("97140", 15))
                .capture(MEDICARE));

        assertThat(result.charges()).extracting(CapturedCharge::id, CapturedCharge::line)
                .containsExactly(tuple("note-1-02", 2), tuple("note-1-03", 3));
    }
}
