package org.therapyops.api.model;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import org.therapyops.api.json.FreeText;
import jakarta.validation.constraints.Size;

/** Why a staff action was taken (kept in the audit trail); required for an override. */
@Serdeable
public record ActionInput(@Nullable @Size(max = 500) @FreeText String reason) {
}
