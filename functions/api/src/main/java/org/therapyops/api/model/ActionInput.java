package org.therapyops.api.model;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Size;

/** Why a staff action was taken (kept in the audit trail); required for an override. */
@Serdeable
public record ActionInput(@Size(max = 500) String reason) {
}
