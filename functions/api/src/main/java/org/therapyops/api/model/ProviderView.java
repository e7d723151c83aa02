package org.therapyops.api.model;

import io.micronaut.serde.annotation.Serdeable;
import org.therapyops.domain.Discipline;
import org.therapyops.domain.Provider;

import java.time.Instant;

/** A provider as the API shows it. */
@Serdeable
public record ProviderView(String id, String npi, String firstName, String lastName, Discipline discipline,
                           @OrNull String taxonomy, @OrNull String credential, @OrNull String supervisorId, Instant createdAt, long version) {

    public static ProviderView of(Provider p) {
        return new ProviderView(p.id(), p.npi(), p.firstName(), p.lastName(), p.discipline(), p.taxonomy(), p.credential(),
                p.supervisorId(), p.createdAt(), p.version());
    }
}
