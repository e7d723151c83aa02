package org.therapyops.domain;

/**
 * How an authorization counts what it allows.
 *
 * <p>Counters are kept as whole "ledger units": a visit, a 15-minute unit, or a quarter hour for
 * authorizations granted in hours, so that every reservation is an integer and a conditional write
 * can keep it within bounds.
 */
public enum UnitType {
    VISITS(1),
    UNITS(1),
    HOURS(4);

    private final int ledgerUnitsPerUnit;

    UnitType(int ledgerUnitsPerUnit) {
        this.ledgerUnitsPerUnit = ledgerUnitsPerUnit;
    }

    /** Ledger units for a quantity expressed in this unit type (e.g. 2.5 hours = 10 quarter hours). */
    public long toLedger(java.math.BigDecimal quantity) {
        return quantity.multiply(java.math.BigDecimal.valueOf(ledgerUnitsPerUnit)).longValueExact();
    }

    /** The quantity, in this unit type, that a number of ledger units stands for. */
    public java.math.BigDecimal fromLedger(long ledgerUnits) {
        return java.math.BigDecimal.valueOf(ledgerUnits)
                .divide(java.math.BigDecimal.valueOf(ledgerUnitsPerUnit))
                .stripTrailingZeros();
    }

    /** Whether a quantity is expressible in whole ledger units of this type. */
    public boolean accepts(java.math.BigDecimal quantity) {
        try {
            toLedger(quantity);
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }

    /**
     * Ledger units a session of the given planned length uses.
     *
     * <p>Units: 15-minute units rounded as the 8-minute rule rounds a single timed code (8 minutes or
     * more of a started quarter counts); hours: started quarter hours; visits: one. Never less than one,
     * since a booked session always consumes something from the authorization.
     */
    public long ledgerUnitsFor(int plannedMinutes) {
        long units = switch (this) {
            case VISITS -> 1;
            case UNITS -> plannedMinutes / 15 + (plannedMinutes % 15 >= 8 ? 1 : 0);
            case HOURS -> (plannedMinutes + 14) / 15;
        };
        return Math.max(1, units);
    }
}
