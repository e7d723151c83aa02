package org.therapyops.api.model;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import org.therapyops.api.json.FreeText;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;


/** A new time for an appointment; the length and the provider stay unless given. */
@Serdeable
public record RescheduleInput(@NotNull StartTime start, @Nullable @Positive @Max(720) Integer durationMinutes,
                              @Nullable String providerId, @Nullable @FreeText String reason) {
}
