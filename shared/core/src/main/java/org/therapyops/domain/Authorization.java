package org.therapyops.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

/**
 * A payer's prior authorization for a patient's coverage: the service codes it covers (one pool),
 * a date window and a quantity. Counters are in ledger units (see {@link UnitType}):
 * remaining = authorized - rendered - scheduled, never below zero.
 */
public record Authorization(String id, String patientId, String coverageId, String number,
                            Set<String> serviceCodes, UnitType unitType, long authorized,
                            long scheduled, long rendered, LocalDate startDate, LocalDate endDate,
                            Discipline discipline, Instant createdAt, long version) {

    /** What is left to book; zero, not negative, when sessions were rendered beyond the authorization. */
    public long remaining() {
        return Math.max(0, authorized - rendered - scheduled);
    }

    /** This authorization with {@code units} more ledger units scheduled (for forecasting; nothing is written). */
    public Authorization reserve(long units) {
        return new Authorization(id, patientId, coverageId, number, serviceCodes, unitType, authorized, scheduled + units,
                rendered, startDate, endDate, discipline, createdAt, version);
    }

    public boolean covers(String serviceCode) {
        return serviceCodes.contains(serviceCode);
    }

    public boolean inWindow(LocalDate date) {
        return !date.isBefore(startDate) && !date.isAfter(endDate);
    }

    /** The authorized quantity in the authorization's own unit type. */
    public BigDecimal quantity() {
        return unitType.fromLedger(authorized);
    }
}
