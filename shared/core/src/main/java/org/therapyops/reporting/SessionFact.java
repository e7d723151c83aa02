package org.therapyops.reporting;

import org.therapyops.domain.AppointmentStatus;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the reporting knows of one appointment: its own state (from the appointment, at a version) and whether its
 * note is signed (from the note, at a version); either part may arrive first.
 */
public record SessionFact(String appointmentId, Appointment appointment, Note note) {

    /** The appointment's part. {@code cancelledAt}: when it was cancelled (null when it was not, or before this was kept). */
    public record Appointment(long version, AppointmentStatus status, LocalDateTime start, String providerId, String patientId,
                              Instant cancelledAt) {
    }

    /** The note's part. */
    public record Note(String noteId, long version, boolean signed) {
    }

    public static SessionFact empty(String appointmentId) {
        return new SessionFact(appointmentId, null, null);
    }

    /** With this appointment state, unless the part kept is as new or newer. */
    public SessionFact with(Appointment next) {
        return appointment != null && appointment.version() >= next.version() ? this : new SessionFact(appointmentId, next, note);
    }

    /** With this note state, unless the part kept is as new or newer. */
    public SessionFact with(Note next) {
        return note != null && note.version() >= next.version() ? this : new SessionFact(appointmentId, appointment, next);
    }

    /** Its parts as strings, as the reporting table keeps them. */
    public Map<String, String> parts() {
        Map<String, String> p = new LinkedHashMap<>();
        if (appointment != null) {
            p.put("apptVersion", Long.toString(appointment.version()));
            p.put("status", appointment.status().name());
            p.put("start", appointment.start().toString());
            putIf(p, "providerId", appointment.providerId());
            putIf(p, "patientId", appointment.patientId());
            putIf(p, "cancelledAt", appointment.cancelledAt() == null ? null : appointment.cancelledAt().toString());
        }
        if (note != null) {
            p.put("noteId", note.noteId());
            p.put("noteVersion", Long.toString(note.version()));
            p.put("noteSigned", Boolean.toString(note.signed()));
        }
        return p;
    }

    public static SessionFact of(String appointmentId, Map<String, String> p) {
        Appointment a = p.containsKey("apptVersion") ? new Appointment(Long.parseLong(p.get("apptVersion")),
                AppointmentStatus.valueOf(p.get("status")), LocalDateTime.parse(p.get("start")), p.get("providerId"),
                p.get("patientId"), p.containsKey("cancelledAt") ? Instant.parse(p.get("cancelledAt")) : null) : null;
        Note n = p.containsKey("noteVersion") ? new Note(p.get("noteId"), Long.parseLong(p.get("noteVersion")),
                Boolean.parseBoolean(p.get("noteSigned"))) : null;
        return new SessionFact(appointmentId, a, n);
    }

    static void putIf(Map<String, String> p, String name, String value) {
        if (value != null) {
            p.put(name, value);
        }
    }
}
