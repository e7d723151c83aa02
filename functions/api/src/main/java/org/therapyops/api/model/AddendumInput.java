package org.therapyops.api.model;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import org.therapyops.api.json.FreeText;

/** Text added to a signed note. */
@Serdeable
public record AddendumInput(@Nullable @FreeText String text) {
}
