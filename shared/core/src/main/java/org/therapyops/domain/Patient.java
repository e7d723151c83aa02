package org.therapyops.domain;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A patient of the practice. Name, birth date and address are PHI: they never leave the tables in logs. The address
 * (optional until the practice bills: the 837P needs the subscriber's) is the patient's mailing address.
 */
public record Patient(String id, String firstName, String lastName, LocalDate birthDate, String sex, PostalAddress address,
                      Instant createdAt, long version) {

    /** A patient with no address on file. */
    public Patient(String id, String firstName, String lastName, LocalDate birthDate, String sex, Instant createdAt,
                   long version) {
        this(id, firstName, lastName, birthDate, sex, null, createdAt, version);
    }
}
