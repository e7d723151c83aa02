package org.therapyops.api.model;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.therapyops.domain.Discipline;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The editable terms of an authorization (its coverage and unit type are fixed): the new quantity, in the
 * authorization's unit type, may not go below what is already scheduled plus rendered.
 */
@Serdeable
public record AuthorizationUpdate(@NotBlank @Size(max = 50) String number,
                                  @NotEmpty @Size(max = 50) List<@NotNull @Pattern(regexp = "[0-9A-Z][0-9]{3}[0-9A-Z]",
                                          message = "must be a 5-character CPT or HCPCS code") String> serviceCodes,
                                  @NotNull @Positive BigDecimal quantity,
                                  @NotNull LocalDate startDate,
                                  @NotNull LocalDate endDate,
                                  @Nullable Discipline discipline) {
}
