package org.therapyops.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DayScheduleTest {

    private static final String NEW = "appt-new";

    @Test
    void intervalIsStartDashEndInHoursAndMinutes() {
        assertThat(DaySchedule.interval(LocalTime.of(10, 0), LocalTime.of(10, 45))).isEqualTo("10:00-10:45");
        assertThat(DaySchedule.interval(LocalTime.of(8, 5), LocalTime.of(9, 0))).isEqualTo("08:05-09:00");
    }

    @Test
    void aSessionStartingWhenTheOtherEndsDoesNotOverlap() {
        Map<String, String> day = Map.of("appt-a", "10:00-10:45");

        assertThat(DaySchedule.overlapping(day, NEW, t(10, 45), t(11, 30))).isEmpty();
    }

    @Test
    void aSessionEndingWhenTheOtherStartsDoesNotOverlap() {
        Map<String, String> day = Map.of("appt-b", "10:45-11:30");

        assertThat(DaySchedule.overlapping(day, NEW, t(10, 0), t(10, 45))).isEmpty();
    }

    @ParameterizedTest(name = "{0}-{1} against 10:00-10:45 overlaps")
    @CsvSource({
            "10:44, 11:30",   // one minute into the end
            "09:15, 10:01",   // one minute into the start
            "10:00, 10:45",   // the same interval
            "09:00, 12:00",   // contains it
            "10:15, 10:30",   // contained in it
            "10:00, 10:15",   // same start
            "10:30, 10:45"})  // same end
    void anyMinuteInCommonIsAConflict(LocalTime start, LocalTime end) {
        Map<String, String> day = Map.of("appt-a", "10:00-10:45");

        assertThat(DaySchedule.overlapping(day, NEW, start, end)).containsExactly("appt-a");
    }

    @ParameterizedTest(name = "{0}-{1} against 10:00-10:45 does not overlap")
    @CsvSource({"08:00, 09:00", "09:00, 10:00", "10:45, 11:00", "13:00, 14:00"})
    void disjointSessionsDoNotConflict(LocalTime start, LocalTime end) {
        Map<String, String> day = Map.of("appt-a", "10:00-10:45");

        assertThat(DaySchedule.overlapping(day, NEW, start, end)).isEmpty();
    }

    @Test
    void theAppointmentBeingMovedDoesNotConflictWithItsOwnOldTime() {
        // Rescheduled later the same day: its old interval is still in the day until the move is written.
        Map<String, String> day = Map.of("appt-a", "10:00-10:45");

        assertThat(DaySchedule.overlapping(day, "appt-a", t(10, 30), t(11, 15))).isEmpty();
    }

    @Test
    void movingOneAppointmentStillConflictsWithTheOthers() {
        Map<String, String> day = Map.of("appt-a", "10:00-10:45", "appt-b", "11:00-11:45");

        assertThat(DaySchedule.overlapping(day, "appt-a", t(10, 30), t(11, 15))).containsExactly("appt-b");
    }

    @Test
    void conflictsComeBackSortedById() {
        Map<String, String> day = new LinkedHashMap<>();
        day.put("appt-z", "09:00-10:00");
        day.put("appt-c", "09:30-10:30");
        day.put("appt-m", "08:30-09:15");
        day.put("appt-a", "12:00-13:00");   // does not overlap

        assertThat(DaySchedule.overlapping(day, NEW, t(9, 0), t(10, 0))).containsExactly("appt-c", "appt-m", "appt-z");
    }

    @Test
    void anEmptyDayHasNoConflicts() {
        assertThat(DaySchedule.overlapping(Map.of(), NEW, t(9, 0), t(10, 0))).isEmpty();
    }

    @Test
    void readsBackIntervalsItWrote() {
        Map<String, String> day = new HashMap<>();
        day.put("appt-a", DaySchedule.interval(t(7, 30), t(8, 15)));

        assertThat(DaySchedule.overlapping(day, NEW, t(8, 14), t(9, 0))).isEqualTo(List.of("appt-a"));
        assertThat(DaySchedule.overlapping(day, NEW, t(8, 15), t(9, 0))).isEmpty();
    }

    @Test
    void doesNotChangeTheDayItIsGiven() {
        Map<String, String> day = new HashMap<>(Map.of("appt-a", "10:00-10:45", "appt-b", "10:30-11:00"));
        Map<String, String> before = Map.copyOf(day);

        DaySchedule.overlapping(day, "appt-a", t(10, 0), t(11, 0));

        assertThat(day).isEqualTo(before);
    }

    private static LocalTime t(int hour, int minute) {
        return LocalTime.of(hour, minute);
    }
}
