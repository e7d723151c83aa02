package org.therapyops.billing;

/** A person or organization on a claim, with the identifiers and address X12 needs. */
public record Party(String lastNameOrOrganization, String firstName, String npi, String taxId, String taxonomy,
                    Address address) {

    /** A postal address. */
    public record Address(String line1, String line2, String city, String state, String postalCode) {
    }
}
