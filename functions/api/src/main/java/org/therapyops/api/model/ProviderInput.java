package org.therapyops.api.model;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.therapyops.domain.Discipline;

/** A new rendering provider. The NPI is checked by its Luhn check digit. */
@Serdeable
public record ProviderInput(@NotBlank String npi,
                            @NotBlank @Size(max = 100) String firstName,
                            @NotBlank @Size(max = 100) String lastName,
                            @NotNull Discipline discipline) {
}
