package org.therapyops.ports;

import java.util.List;

/** The provider or the patient already has an appointment overlapping the requested time. */
public class DoubleBookingException extends RuntimeException {

    private final List<Conflict> conflicts;

    public DoubleBookingException(List<Conflict> conflicts) {
        super("the time overlaps " + conflicts.size() + " existing appointment(s)");
        this.conflicts = List.copyOf(conflicts);
    }

    public List<Conflict> conflicts() {
        return conflicts;
    }

    /** Who is double-booked ("provider" or "patient") and by which appointment. */
    public record Conflict(String who, String appointmentId) {
    }
}
