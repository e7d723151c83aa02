package org.therapyops.billing;

import org.therapyops.domain.Discipline;

import java.time.LocalDate;
import java.util.List;

/**
 * A signed clinical note, as charge capture reads it: the session's date, place of service and telehealth
 * mode (with whether the patient was at home), the discipline, the diagnoses in order (ICD-10-CM, the
 * first is principal), and the service lines.
 */
public record SignedNote(String id, String appointmentId, String patientId, String coverageId, String payerId,
                         LocalDate dateOfService, String placeOfService, TelehealthMode telehealth, boolean patientAtHome,
                         Discipline discipline, List<String> diagnoses, List<ServiceLine> lines) {

    public SignedNote {
        diagnoses = List.copyOf(diagnoses);
        lines = List.copyOf(lines);
    }
}
