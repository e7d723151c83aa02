package org.therapyops.billing.charges;

import org.junit.jupiter.api.Test;
import org.therapyops.domain.Discipline;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.therapyops.billing.charges.Notes.FEES;
import static org.therapyops.billing.charges.Notes.MEDICARE;
import static org.therapyops.billing.charges.Notes.line;
import static org.therapyops.billing.charges.Notes.note;

class ChargeCaptureRefusalsTest {

    @Test
    void negativeMinutesRefuseTheNote() {
        var result = note(Discipline.PT, line("97110", 30), line("97140", -5)).capture(MEDICARE);

        assertThat(result).isInstanceOf(CaptureResult.Refused.class);
        assertThat(result.findings()).extracting(CaptureFinding::code, CaptureFinding::line)
                .containsExactly(tuple(FindingCode.MINUTES_NEGATIVE, 2));
    }

    @Test
    void absurdMinutesRefuseTheNote() {
        var result = note(Discipline.PT, line("97110", 721)).capture(MEDICARE);

        assertThat(result).isInstanceOf(CaptureResult.Refused.class);
        assertThat(result.findings()).extracting(CaptureFinding::code).containsExactly(FindingCode.MINUTES_ABSURD);
    }

    @Test
    void twelveHoursOnALineIsTheMostAccepted() {
        assertThat(note(Discipline.ABA, line("97153", 720)).capture(MEDICARE)).isInstanceOf(CaptureResult.Captured.class);
    }

    @Test
    void moreMinutesThanADayRefuseTheNote() {
        var result = note(Discipline.PT, line("97110", 700), line("97530", 700), line("97140", 100))
                .capture(MEDICARE);

        assertThat(result.findings()).extracting(CaptureFinding::code, CaptureFinding::line)
                .containsExactly(tuple(FindingCode.MINUTES_ABSURD, 0));
    }

    @Test
    void aNoteWithoutLinesOrDiagnosesIsRefused() {
        var result = note(Discipline.PT).diagnoses().capture(MEDICARE);

        assertThat(result).isInstanceOf(CaptureResult.Refused.class);
        assertThat(result.findings()).extracting(CaptureFinding::code)
                .containsExactly(FindingCode.NOTE_WITHOUT_LINES, FindingCode.NOTE_WITHOUT_DIAGNOSIS);
    }

    @Test
    void yearToDateOfAnotherYearIsRefused() {
        var result = note(Discipline.PT, line("97110", 30)).on(LocalDate.of(2026, 1, 2))
                .capture(MEDICARE, FEES, TherapyYearToDate.none(2025));

        assertThat(result.findings()).extracting(CaptureFinding::code).containsExactly(FindingCode.YEAR_TO_DATE_MISMATCH);
    }

    @Test
    void anUnknownCodeIsAFindingWhileTheRestIsBilled() {
        var result = Notes.captured(note(Discipline.PT, line("97999", 20), line("97110", 20)).capture(MEDICARE));

        assertThat(result.chargeLines()).extracting(c -> c.code()).containsExactly("97110");
        assertThat(result.findings()).extracting(f -> f.code().id(), CaptureFinding::line)
                .containsExactly(tuple("charge.unknown-code", 1));
    }
}
