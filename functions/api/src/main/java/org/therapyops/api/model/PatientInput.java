package org.therapyops.api.model;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;

/** A patient's demographics; the mailing address is needed before the practice can bill for the patient. */
@Serdeable
public record PatientInput(@NotBlank @Size(max = 100) String firstName,
                           @NotBlank @Size(max = 100) String lastName,
                           @NotNull @Past LocalDate birthDate,
                           @Nullable @Pattern(regexp = "[FMUX]", message = "must be F, M, U or X") String sex,
                           @Nullable AddressInput address) {
}
