package org.therapyops.domain;

import java.time.Instant;

/** A rendering clinician of the practice. */
public record Provider(String id, String npi, String firstName, String lastName, Discipline discipline,
                       Instant createdAt, long version) {
}
