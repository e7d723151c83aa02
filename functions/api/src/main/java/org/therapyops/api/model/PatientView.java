package org.therapyops.api.model;

import io.micronaut.serde.annotation.Serdeable;
import org.therapyops.domain.Patient;

import java.time.Instant;
import java.time.LocalDate;

/** A patient as the API shows it. */
@Serdeable
public record PatientView(String id, String firstName, String lastName, LocalDate birthDate, @OrNull String sex,
                          @OrNull AddressInput address, Instant createdAt, long version) {

    public static PatientView of(Patient p) {
        return new PatientView(p.id(), p.firstName(), p.lastName(), p.birthDate(), p.sex(), AddressInput.of(p.address()),
                p.createdAt(), p.version());
    }
}
