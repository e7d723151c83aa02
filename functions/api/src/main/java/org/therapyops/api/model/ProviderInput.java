package org.therapyops.api.model;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.therapyops.domain.Discipline;

/**
 * A rendering provider. The NPI is checked by its Luhn check digit; {@code taxonomy} is a NUCC code
 * (e.g. 225100000X); {@code credential} e.g. PT, PTA, OT, COTA, SLP, SLPA, BCBA, RBT, LCSW;
 * {@code supervisorId} another provider of the practice.
 */
@Serdeable
public record ProviderInput(@NotBlank String npi,
                            @NotBlank @Size(max = 100) String firstName,
                            @NotBlank @Size(max = 100) String lastName,
                            @NotNull Discipline discipline,
                            @Nullable String taxonomy,
                            @Nullable
                            @Pattern(regexp = "[A-Z][A-Za-z0-9-]{1,11}", message = "must be a credential abbreviation such as PT, PTA, BCBA or LCSW")
                            String credential,
                            @Nullable @Size(max = 64) String supervisorId) {
}
