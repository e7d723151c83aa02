package org.therapyops.api.model;

import io.micronaut.serde.annotation.Serdeable;
import org.therapyops.domain.Authorization;
import org.therapyops.domain.Discipline;
import org.therapyops.domain.UnitType;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** An authorization with its counters, in its own unit type: remaining = authorized - rendered - scheduled. */
@Serdeable
public record AuthorizationView(String id, String patientId, String coverageId, String number, List<String> serviceCodes,
                                UnitType unitType, BigDecimal authorized, BigDecimal scheduled, BigDecimal rendered,
                                BigDecimal remaining, LocalDate startDate, LocalDate endDate, @OrNull Discipline discipline,
                                Instant createdAt, long version) {

    public static AuthorizationView of(Authorization a) {
        UnitType u = a.unitType();
        return new AuthorizationView(a.id(), a.patientId(), a.coverageId(), a.number(),
                a.serviceCodes().stream().sorted().toList(), u, u.fromLedger(a.authorized()), u.fromLedger(a.scheduled()),
                u.fromLedger(a.rendered()), u.fromLedger(a.remaining()), a.startDate(), a.endDate(), a.discipline(),
                a.createdAt(), a.version());
    }
}
