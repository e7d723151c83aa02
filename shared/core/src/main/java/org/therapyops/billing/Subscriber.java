package org.therapyops.billing;

import org.therapyops.domain.PostalAddress;

import java.time.LocalDate;

/** The insured (here always the patient): member id, name, birth date, sex, address; PHI, never logged. */
public record Subscriber(String memberId, String lastName, String firstName, LocalDate birthDate, String sex,
                         PostalAddress address) {
}
