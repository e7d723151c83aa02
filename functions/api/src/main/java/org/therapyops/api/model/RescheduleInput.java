package org.therapyops.api.model;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import java.time.LocalDateTime;

/** A new time for an appointment; the length and the provider stay unless given. */
@Serdeable
public record RescheduleInput(@NotNull @SessionTime LocalDateTime start, @Nullable @Positive @Max(720) Integer durationMinutes,
                              @Nullable String providerId,
                              @Nullable String reason) {
}
