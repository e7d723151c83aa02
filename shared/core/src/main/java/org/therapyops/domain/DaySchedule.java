package org.therapyops.domain;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One provider's (or patient's) booked time on one day, as appointment id → "HH:mm-HH:mm".
 * Sessions touching end to start (10:00-10:45 and 10:45-11:30) do not overlap.
 */
public final class DaySchedule {

    private DaySchedule() {
    }

    public static String interval(LocalTime start, LocalTime end) {
        return start + "-" + end;
    }

    /** The appointments, other than {@code appointmentId}, whose interval overlaps [start, end). */
    public static List<String> overlapping(Map<String, String> slots, String appointmentId, LocalTime start, LocalTime end) {
        List<String> conflicts = new ArrayList<>();
        slots.forEach((id, interval) -> {
            if (id.equals(appointmentId)) {
                return;
            }
            String[] parts = interval.split("-");
            LocalTime otherStart = LocalTime.parse(parts[0]);
            LocalTime otherEnd = LocalTime.parse(parts[1]);
            if (start.isBefore(otherEnd) && otherStart.isBefore(end)) {
                conflicts.add(id);
            }
        });
        conflicts.sort(String::compareTo);
        return conflicts;
    }
}
