package org.therapyops.api.model;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A new payer: its name and the payer id claims are sent to. */
@Serdeable
public record PayerInput(@NotBlank @Size(max = 120) String name,
                         @NotBlank @Pattern(regexp = "[A-Za-z0-9]{2,80}", message = "must be 2 to 80 letters or digits") String payerId) {
}
