package org.therapyops.billing;

import org.therapyops.domain.Discipline;
import org.therapyops.domain.Provider;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A signed clinical note, as charge capture reads it: the session's date, place of service and telehealth
 * mode (with whether the patient was at home), the discipline, the diagnoses in order (ICD-10-CM, the
 * first is principal), the service lines, and the lines' rendering providers by id (with the supervisors of assistants
 * among them): an assistant's lines are billed under its supervisor.
 */
public record SignedNote(String id, String appointmentId, String patientId, String coverageId, String payerId,
                         LocalDate dateOfService, String placeOfService, TelehealthMode telehealth, boolean patientAtHome,
                         Discipline discipline, List<String> diagnoses, List<ServiceLine> lines,
                         Map<String, Provider> providers) {

    public SignedNote {
        diagnoses = List.copyOf(diagnoses);
        lines = List.copyOf(lines);
        providers = providers == null ? Map.of() : Map.copyOf(providers);
    }

    /** A note whose providers are not known to capture: each line is billed under the provider it names, as documented. */
    public SignedNote(String id, String appointmentId, String patientId, String coverageId, String payerId,
                      LocalDate dateOfService, String placeOfService, TelehealthMode telehealth, boolean patientAtHome,
                      Discipline discipline, List<String> diagnoses, List<ServiceLine> lines) {
        this(id, appointmentId, patientId, coverageId, payerId, dateOfService, placeOfService, telehealth, patientAtHome,
                discipline, diagnoses, lines, Map.of());
    }
}
