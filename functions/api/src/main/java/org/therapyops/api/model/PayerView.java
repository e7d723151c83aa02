package org.therapyops.api.model;

import io.micronaut.serde.annotation.Serdeable;
import org.therapyops.domain.Payer;

import java.time.Instant;

/** A payer as the API shows it. */
@Serdeable
public record PayerView(String id, String name, String payerId, Instant createdAt, long version) {

    public static PayerView of(Payer p) {
        return new PayerView(p.id(), p.name(), p.payerId(), p.createdAt(), p.version());
    }
}
