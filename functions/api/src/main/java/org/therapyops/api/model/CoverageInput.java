package org.therapyops.api.model;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.therapyops.domain.CoveragePriority;

import java.time.LocalDate;

/** A new coverage of the patient with one payer; {@code effectiveTo} empty means open-ended. */
@Serdeable
public record CoverageInput(@NotBlank String payerId,
                            @NotBlank @Size(max = 80) String memberId,
                            @Nullable CoveragePriority priority,
                            @NotNull LocalDate effectiveFrom,
                            @Nullable LocalDate effectiveTo) {
}
