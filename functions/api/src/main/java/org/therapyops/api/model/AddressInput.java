package org.therapyops.api.model;

import org.therapyops.domain.PostalAddress;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** A US postal address: street line(s), city, USPS state code, ZIP code (12345 or 12345-6789). */
@Serdeable
public record AddressInput(@Nullable String line1, @Nullable String line2, @Nullable String city, @Nullable String state,
                           @Nullable String postalCode) {

    public PostalAddress toDomain() {
        return new PostalAddress(line1, line2, city, state, postalCode);
    }

    /** The address as the API shows it: ZIP+4 written 12345-6789. */
    public static AddressInput of(PostalAddress a) {
        if (a == null) {
            return null;
        }
        String zip = a.postalCode();
        if (zip != null && zip.length() == 9) {
            zip = zip.substring(0, 5) + "-" + zip.substring(5);
        }
        return new AddressInput(a.line1(), a.line2(), a.city(), a.state(), zip);
    }
}
