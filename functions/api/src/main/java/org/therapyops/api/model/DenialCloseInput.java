package org.therapyops.api.model;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import org.therapyops.api.json.FreeText;

/** How a biller worked a claim's denials without a replacement: APPEALED, WRITTEN_OFF, BILLED_TO_PATIENT, NO_ACTION_NEEDED. */
@Serdeable
public record DenialCloseInput(@Nullable String action, @Nullable @FreeText String note) {
}
