package org.therapyops.billing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A clinical note of one appointment: the session's date, place of service and telehealth mode, the diagnoses
 * in order (ICD-10-CM, stored without the dot, the first principal) and the service lines. The rendering
 * provider is the appointment's; only they (or their supervisor) sign. A signed note changes only by addendum.
 */
public record Note(String id, String appointmentId, String patientId, String renderingProviderId, NoteStatus status,
                   LocalDate dateOfService, String placeOfService, TelehealthMode telehealth, boolean patientAtHome,
                   List<String> diagnoses, List<ServiceLine> lines, List<Addendum> addenda, Instant createdAt,
                   String createdBy, Instant signedAt, String signedBy, long version) {

    /** The most diagnoses a note (and a professional claim) carries. */
    public static final int MAX_DIAGNOSES = Claim.MAX_DIAGNOSES;

    /**
     * The shape of an ICD-10-CM code: a letter (not U), a digit, a digit or letter, then up to four more
     * characters, with an optional dot after the third. Whether the code exists on the date of service is
     * the scrubber's question.
     */
    private static final Pattern ICD10_CM = Pattern.compile("[A-TV-Z][0-9][0-9A-Z](\\.?[0-9A-Z]{1,4})?");

    public Note {
        diagnoses = List.copyOf(diagnoses);
        lines = List.copyOf(lines);
        addenda = addenda == null ? List.of() : List.copyOf(addenda);
    }

    /**
     * This note's content (appointment, patient, provider, date and place, telehealth, diagnoses, lines) as a draft
     * created at {@code createdAt} by {@code createdBy}, at {@code version}: no addenda, not signed. What replacing a
     * draft writes.
     */
    public Note asDraft(Instant createdAt, String createdBy, long version) {
        return new Note(id, appointmentId, patientId, renderingProviderId, NoteStatus.DRAFT, dateOfService, placeOfService,
                telehealth, patientAtHome, diagnoses, lines, List.of(), createdAt, createdBy, null, null, version);
    }

    public static boolean isIcd10CmFormat(String code) {
        return code != null && ICD10_CM.matcher(code.strip().toUpperCase(Locale.ROOT)).matches();
    }

    /** A code as stored and billed: upper case, without the dot. */
    public static String normalizeDiagnosis(String code) {
        return code.strip().toUpperCase(Locale.ROOT).replace(".", "");
    }
}
