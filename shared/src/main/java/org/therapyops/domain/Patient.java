package org.therapyops.domain;

import java.time.Instant;
import java.time.LocalDate;

/** A patient of the practice. Name and birth date are PHI: they never leave the tables in logs. */
public record Patient(String id, String firstName, String lastName, LocalDate birthDate, String sex,
                      Instant createdAt, long version) {
}
