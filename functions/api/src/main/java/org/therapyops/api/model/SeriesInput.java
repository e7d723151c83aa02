package org.therapyops.api.model;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import org.therapyops.scheduling.SeriesPlan;

import java.time.LocalDate;

/** A recurring series to preview or book: the first session, how it repeats, and for how long. */
@Serdeable
public record SeriesInput(@NotBlank String patientId,
                          @NotBlank String providerId,
                          @NotNull @Pattern(regexp = "[0-9A-Z][0-9]{3}[0-9A-Z]", message = "must be a 5-character CPT or HCPCS code")
                          String serviceCode,
                          @NotNull StartTime firstStart,
                          @NotNull @Positive @Max(720) Integer durationMinutes,
                          @NotNull SeriesPlan.Frequency frequency,
                          @Nullable @Min(1) @Max(52) Integer interval,
                          @Nullable @Min(1) @Max(SeriesPlan.MAX_SESSIONS) Integer count,
                          @Nullable LocalDate until) {
}
