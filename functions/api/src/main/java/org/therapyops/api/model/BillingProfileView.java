package org.therapyops.api.model;

import io.micronaut.serde.annotation.Serdeable;
import org.therapyops.domain.BillingProfile;

/** The practice's billing profile as the API shows it. */
@Serdeable
public record BillingProfileView(String organizationName, String npi, String taxId, String taxonomy, AddressInput address,
                                 @OrNull BillingProfileInput.Submitter submitter, long version) {

    public static BillingProfileView of(BillingProfile p) {
        BillingProfileInput in = BillingProfileInput.of(p);
        return new BillingProfileView(in.organizationName(), in.npi(), in.taxId(), in.taxonomy(), in.address(), in.submitter(),
                p.version());
    }
}
