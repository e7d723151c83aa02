package org.therapyops.api.model;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.therapyops.domain.AuthorizationRequirement;
import org.therapyops.domain.PayerType;
import org.therapyops.domain.UnitRounding;

import java.time.LocalDate;
import java.util.List;

/**
 * A payer: its name, the payer id claims are sent to, its type (default OTHER, treated as commercial) and its own
 * rules. Every rule is optional: one left out is not set, and the profile of the payer's type decides it.
 * {@code authorizationCodes} lists the CPT/HCPCS codes needing authorization when {@code authorizationRequired} is
 * LISTED. The rules apply to dates of service from {@code rulesEffectiveFrom}: by default every date when the payer is
 * registered, and the practice's today when it is replaced.
 */
@Serdeable
public record PayerInput(@NotBlank @Size(max = 120) String name,
                         @NotBlank @Pattern(regexp = "[A-Za-z0-9]{2,80}", message = "must be 2 to 80 letters or digits") String payerId,
                         @Nullable PayerType payerType,
                         @Nullable AuthorizationRequirement authorizationRequired,
                         @Nullable @Size(max = 500) List<@NotNull @Pattern(regexp = "[0-9A-Z][0-9]{3}[0-9A-Z]",
                                 message = "must be a 5-character CPT or HCPCS code") String> authorizationCodes,
                         @Nullable UnitRounding unitRounding,
                         @Nullable @Min(1) @Max(730) Integer timelyFilingDays,
                         @Nullable @Valid TelehealthInput telehealth,
                         @Nullable LocalDate rulesEffectiveFrom) {
}
