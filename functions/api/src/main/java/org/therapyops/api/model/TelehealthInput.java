package org.therapyops.api.model;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Pattern;

/**
 * A payer's telehealth coding, each field optional (absent: the profile's): the place of service for a patient at home
 * (CMS: 10) and elsewhere (02), and whether telehealth lines need 95 (audio-video) or 93 (audio-only). {@code modifier}
 * ("95" or "93") is the older way of saying {@code modifierRequired: true}.
 */
@Serdeable
public record TelehealthInput(@Nullable @Pattern(regexp = "[0-9]{2}", message = "must be a 2-digit place of service code") String placeOfServiceHome,
                              @Nullable @Pattern(regexp = "[0-9]{2}", message = "must be a 2-digit place of service code") String placeOfServiceOther,
                              @Nullable Boolean modifierRequired,
                              @Nullable @Pattern(regexp = "9[35]", message = "must be 95, 93 or absent") String modifier) {
}
