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

import java.util.List;

/**
 * A payer: its name, the payer id claims are sent to, and its rules. Omitted rules take defaults:
 * type OTHER, authorization required for ALL services, CMS 8-minute rounding and 365 filing days for
 * Medicare (per-code rounding and 90 days otherwise), telehealth POS 10 at home / 02 elsewhere, no modifier.
 * {@code authorizationCodes} lists the CPT/HCPCS codes needing authorization when {@code authorizationRequired} is LISTED.
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
                         @Nullable @Valid TelehealthInput telehealth) {

    public PayerType payerTypeOrDefault() {
        return payerType == null ? PayerType.OTHER : payerType;
    }

    public AuthorizationRequirement authorizationRequiredOrDefault() {
        return authorizationRequired == null ? AuthorizationRequirement.ALL : authorizationRequired;
    }

    public UnitRounding unitRoundingOrDefault() {
        return unitRounding != null ? unitRounding
                : payerTypeOrDefault() == PayerType.MEDICARE ? UnitRounding.CMS_8_MINUTE : UnitRounding.PER_CODE;
    }

    public int timelyFilingDaysOrDefault() {
        return timelyFilingDays != null ? timelyFilingDays : payerTypeOrDefault() == PayerType.MEDICARE ? 365 : 90;
    }
}
