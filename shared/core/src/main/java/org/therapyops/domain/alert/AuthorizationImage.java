package org.therapyops.domain.alert;

import org.therapyops.domain.Authorization;
import org.therapyops.domain.UnitType;

import java.time.LocalDate;

/**
 * What the alert rules read of an authorization (one stream image, or the item the daily scan finds):
 * counters in ledger units, the end date and the version.
 */
public record AuthorizationImage(String id, String patientId, String number, UnitType unitType, long authorized,
                                 long remaining, LocalDate endDate, long version) {

    public static AuthorizationImage of(Authorization a) {
        return new AuthorizationImage(a.id(), a.patientId(), a.number(), a.unitType(), a.authorized(), a.remaining(),
                a.endDate(), a.version());
    }
}
