package org.therapyops.api.model;

import io.micronaut.serde.annotation.Serdeable;
import org.therapyops.domain.UnitType;
import org.therapyops.scheduling.Utilization;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** The authorization utilization report: authorized / scheduled / rendered / remaining per authorization. */
@Serdeable
public record UtilizationView(LocalDate asOf, int count, List<Row> items) {

    /** One authorization, in its own unit type. */
    @Serdeable
    public record Row(String authorizationId, String patientId, String number, List<String> serviceCodes, UnitType unitType,
                      BigDecimal authorized, BigDecimal scheduled, BigDecimal rendered, BigDecimal remaining,
                      int remainingPercent, Utilization.Band band, LocalDate startDate, LocalDate endDate, long daysToExpiry,
                      boolean expired, int overbookedSessions) {

        public static Row of(Utilization u) {
            var a = u.authorization();
            UnitType t = a.unitType();
            return new Row(a.id(), a.patientId(), a.number(), a.serviceCodes().stream().sorted().toList(), t,
                    t.fromLedger(a.authorized()), t.fromLedger(a.scheduled()), t.fromLedger(a.rendered()),
                    t.fromLedger(a.remaining()), u.remainingPercent(), u.band(), a.startDate(), a.endDate(), u.daysToExpiry(),
                    u.expired(), u.overbookedSessions());
        }
    }
}
