package org.therapyops.domain;

import java.time.Instant;

/**
 * A rendering clinician of the practice: NPI, NUCC taxonomy code, discipline, credential (PT, PTA, OT,
 * COTA, SLP, BCBA, RBT, ...) and, for assistants and technicians, the supervising provider's id.
 */
public record Provider(String id, String npi, String firstName, String lastName, Discipline discipline,
                       String taxonomy, String credential, String supervisorId, Instant createdAt, long version) {

    public Provider(String id, String npi, String firstName, String lastName, Discipline discipline,
                    Instant createdAt, long version) {
        this(id, npi, firstName, lastName, discipline, null, null, null, createdAt, version);
    }
}
