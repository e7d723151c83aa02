package org.therapyops.api.model;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;


/** A session to book: patient, provider, service code, practice-local start and planned length. */
@Serdeable
public record AppointmentInput(@NotBlank String patientId,
                               @NotBlank String providerId,
                               @NotNull @Pattern(regexp = "[0-9A-Z][0-9]{3}[0-9A-Z]",
                                       message = "must be a 5-character CPT or HCPCS code") String serviceCode,
                               @NotNull StartTime start,
                               @NotNull @Positive @Max(720) Integer durationMinutes) {
}
