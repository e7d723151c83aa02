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
import org.therapyops.domain.UnitType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A new authorization on one of the patient's coverages: the payer's number, the service codes
 * sharing its pool, the quantity in visits, 15-minute units or hours (in quarter hours), and its window.
 */
@Serdeable
public record AuthorizationInput(@NotBlank String coverageId,
                                 @NotBlank @Size(max = 50) String number,
                                 @NotEmpty @Size(max = 50) List<@NotNull @Pattern(regexp = "[0-9A-Z][0-9]{3}[0-9A-Z]",
                                         message = "must be a 5-character CPT or HCPCS code") String> serviceCodes,
                                 @NotNull UnitType unitType,
                                 @NotNull @Positive BigDecimal quantity,
                                 @NotNull LocalDate startDate,
                                 @NotNull LocalDate endDate,
                                 @Nullable Discipline discipline) {
}
