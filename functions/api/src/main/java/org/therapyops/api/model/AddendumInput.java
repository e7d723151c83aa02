package org.therapyops.api.model;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Text added to a signed note. */
@Serdeable
public record AddendumInput(@Nullable String text) {
}
