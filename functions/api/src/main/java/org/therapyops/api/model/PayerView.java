package org.therapyops.api.model;

import io.micronaut.serde.annotation.Serdeable;
import org.therapyops.domain.AuthorizationRequirement;
import org.therapyops.domain.Payer;
import org.therapyops.domain.PayerType;
import org.therapyops.domain.UnitRounding;

import java.time.Instant;
import java.util.List;

/** A payer and its rules as the API shows them. */
@Serdeable
public record PayerView(String id, String name, String payerId, PayerType payerType,
                        AuthorizationRequirement authorizationRequired, List<String> authorizationCodes,
                        UnitRounding unitRounding, int timelyFilingDays, TelehealthInput telehealth,
                        Instant createdAt, long version) {

    public static PayerView of(Payer p) {
        return new PayerView(p.id(), p.name(), p.payerId(), p.payerType(), p.authorizationRequired(),
                p.authorizationCodes().stream().sorted().toList(), p.unitRounding(), p.timelyFilingDays(),
                TelehealthInput.of(p.telehealth()), p.createdAt(), p.version());
    }
}
