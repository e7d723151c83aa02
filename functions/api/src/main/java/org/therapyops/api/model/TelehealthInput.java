package org.therapyops.api.model;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.therapyops.domain.Telehealth;

/** A payer's telehealth coding: place of service at home (10) and elsewhere (02), and the modifier it wants (95, 93 or none). */
@Serdeable
public record TelehealthInput(@NotNull @Pattern(regexp = "[0-9]{2}", message = "must be a 2-digit place of service code") String placeOfServiceHome,
                              @NotNull @Pattern(regexp = "[0-9]{2}", message = "must be a 2-digit place of service code") String placeOfServiceOther,
                              @Nullable @Pattern(regexp = "9[35]", message = "must be 95, 93 or absent") String modifier) {

    public Telehealth toDomain() {
        return new Telehealth(placeOfServiceHome, placeOfServiceOther, modifier);
    }

    public static TelehealthInput of(Telehealth t) {
        return new TelehealthInput(t.placeOfServiceHome(), t.placeOfServiceOther(), t.modifier());
    }
}
