package org.therapyops.api.model;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** A new integration: a name staff recognise, and what the integrator is (clearinghouse, payer, um-vendor). */
@Serdeable
public record IntegrationInput(@Nullable String name, @Nullable String kind) {
}
