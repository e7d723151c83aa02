package org.therapyops.domain;

/**
 * Who bills for the practice, as its claims name it: the billing provider of loop 2010AA (an organization with a
 * type-2 NPI, its employer identification number, taxonomy and street address) and the submitter the clearinghouse
 * knows (loop 1000A: the submitter id it assigned and a contact). Claims take a copy when they are built.
 */
public record BillingProfile(String organizationName, String npi, String taxId, String taxonomy, PostalAddress address,
                             Submitter submitter, long version) {

    /** The practice as the interchange's sender: clearinghouse-assigned id (ISA06/GS02/NM109) and a contact. */
    public record Submitter(String id, String contactName, String phone, String email) {
    }
}
