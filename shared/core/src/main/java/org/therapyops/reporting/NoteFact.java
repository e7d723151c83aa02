package org.therapyops.reporting;

import org.therapyops.billing.charges.CaptureRecord;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the reporting knows of one note: its own state (from the note, at a version) and what charge capture made of
 * it (the capture record, written once); either part may arrive first.
 */
public record NoteFact(String noteId, Note note, Capture capture) {

    /** The note's part; {@code signedAt} null while it is a draft. */
    public record Note(long version, boolean signed, Instant signedAt, String appointmentId, String providerId,
                       String patientId) {
    }

    /** The capture record's part: its outcome and how many claims it built. */
    public record Capture(CaptureRecord.Outcome outcome, int claims) {
    }

    public static NoteFact empty(String noteId) {
        return new NoteFact(noteId, null, null);
    }

    public NoteFact with(Note next) {
        return note != null && note.version() >= next.version() ? this : new NoteFact(noteId, next, capture);
    }

    public NoteFact with(Capture next) {
        return next.equals(capture) ? this : new NoteFact(noteId, note, next);
    }

    public Map<String, String> parts() {
        Map<String, String> p = new LinkedHashMap<>();
        if (note != null) {
            p.put("noteVersion", Long.toString(note.version()));
            p.put("signed", Boolean.toString(note.signed()));
            SessionFact.putIf(p, "signedAt", note.signedAt() == null ? null : note.signedAt().toString());
            SessionFact.putIf(p, "appointmentId", note.appointmentId());
            SessionFact.putIf(p, "providerId", note.providerId());
            SessionFact.putIf(p, "patientId", note.patientId());
        }
        if (capture != null) {
            p.put("captureOutcome", capture.outcome().name());
            p.put("captureClaims", Integer.toString(capture.claims()));
        }
        return p;
    }

    public static NoteFact of(String noteId, Map<String, String> p) {
        Note n = p.containsKey("noteVersion") ? new Note(Long.parseLong(p.get("noteVersion")), Boolean.parseBoolean(p.get("signed")),
                p.containsKey("signedAt") ? Instant.parse(p.get("signedAt")) : null, p.get("appointmentId"), p.get("providerId"),
                p.get("patientId")) : null;
        Capture c = p.containsKey("captureOutcome") ? new Capture(CaptureRecord.Outcome.valueOf(p.get("captureOutcome")),
                Integer.parseInt(p.get("captureClaims"))) : null;
        return new NoteFact(noteId, n, c);
    }
}
