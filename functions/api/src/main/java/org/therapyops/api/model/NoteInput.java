package org.therapyops.api.model;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import org.therapyops.billing.TelehealthMode;

import java.util.List;

/**
 * A draft note of an appointment: diagnoses (ICD-10-CM, in order, at most 12), service lines, place of
 * service (default 11, office), telehealth mode (default IN_PERSON) and whether the patient was at home.
 */
@Serdeable
public record NoteInput(@Nullable String appointmentId, @Nullable List<String> diagnoses,
                        @Nullable List<NoteLineInput> lines, @Nullable String placeOfService,
                        @Nullable TelehealthMode telehealth, @Nullable Boolean patientAtHome) {
}
