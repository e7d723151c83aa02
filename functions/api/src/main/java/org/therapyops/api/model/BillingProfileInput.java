package org.therapyops.api.model;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.therapyops.domain.BillingProfile;

/**
 * Who bills for the practice: the organization's name, type-2 NPI, EIN (12-3456789), NUCC taxonomy and street
 * address with ZIP+4 (loop 2010AA), and the submitter id the clearinghouse assigned with a contact (loop 1000A).
 */
@Serdeable
public record BillingProfileInput(@NotBlank @Size(max = 60) String organizationName,
                                  @NotBlank String npi,
                                  @NotBlank String taxId,
                                  @NotBlank String taxonomy,
                                  @NotNull AddressInput address,
                                  @Nullable @Valid Submitter submitter) {

    /** The clearinghouse's id for the practice (2–15 letters or digits) and whom it calls: a phone, an email or both. */
    @Serdeable
    public record Submitter(@NotBlank @Pattern(regexp = "[A-Za-z0-9]{2,15}", message = "must be 2 to 15 letters or digits") String id,
                            @NotBlank @Size(max = 60) String contactName,
                            @Nullable String phone,
                            @Nullable @Size(max = 254) String email) {
    }

    public static BillingProfileInput of(BillingProfile p) {
        BillingProfile.Submitter s = p.submitter();
        String tin = p.taxId().length() == 9 ? p.taxId().substring(0, 2) + "-" + p.taxId().substring(2) : p.taxId();
        return new BillingProfileInput(p.organizationName(), p.npi(), tin, p.taxonomy(), AddressInput.of(p.address()),
                s == null ? null : new Submitter(s.id(), s.contactName(), s.phone(), s.email()));
    }
}
