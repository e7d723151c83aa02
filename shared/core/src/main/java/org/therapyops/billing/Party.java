package org.therapyops.billing;

import org.therapyops.domain.PostalAddress;

/** A person or organization on a claim, with the identifiers and address X12 needs. */
public record Party(String lastNameOrOrganization, String firstName, String npi, String taxId, String taxonomy,
                    PostalAddress address) {
}
