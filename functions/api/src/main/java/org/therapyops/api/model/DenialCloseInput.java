package org.therapyops.api.model;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** How a biller worked a claim's denials without a replacement: APPEALED, WRITTEN_OFF, BILLED_TO_PATIENT, NO_ACTION_NEEDED. */
@Serdeable
public record DenialCloseInput(@Nullable String action, @Nullable String note) {
}
