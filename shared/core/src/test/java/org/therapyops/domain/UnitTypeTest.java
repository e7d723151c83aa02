package org.therapyops.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UnitTypeTest {

    @ParameterizedTest(name = "{0} minutes use {1} unit(s)")
    @CsvSource({
            "1, 1", "7, 1",            // below 8 minutes a booked session still reserves one unit
            "8, 1", "15, 1", "22, 1",
            "23, 2", "37, 2",
            "38, 3", "52, 3",
            "53, 4", "60, 4", "67, 4",
            "68, 5"})
    void unitsFollowTheEightMinuteRuleForOneTimedCode(int minutes, long expected) {
        assertThat(UnitType.UNITS.ledgerUnitsFor(minutes)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} minutes use {1} quarter hour(s)")
    @CsvSource({"1, 1", "15, 1", "16, 2", "45, 3", "60, 4", "61, 5", "90, 6"})
    void hoursCountEveryStartedQuarterHour(int minutes, long expected) {
        assertThat(UnitType.HOURS.ledgerUnitsFor(minutes)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "a {0}-minute session is one visit")
    @ValueSource(ints = {1, 30, 45, 60, 180})
    void aVisitIsOneWhateverItsLength(int minutes) {
        assertThat(UnitType.VISITS.ledgerUnitsFor(minutes)).isEqualTo(1);
    }

    @Test
    void twoAndAHalfHoursAreTenQuarterHours() {
        assertThat(UnitType.HOURS.toLedger(new BigDecimal("2.5"))).isEqualTo(10);
    }

    @Test
    void tenQuarterHoursReadBackAsTwoAndAHalfHours() {
        assertThat(UnitType.HOURS.fromLedger(10)).isEqualByComparingTo("2.5");
        assertThat(UnitType.HOURS.fromLedger(10).toPlainString()).isEqualTo("2.5");
    }

    @ParameterizedTest(name = "{0} {1} round-trip through the ledger")
    @CsvSource({"HOURS, 0.25", "HOURS, 40", "UNITS, 24", "UNITS, 120", "VISITS, 12"})
    void aQuantityRoundTripsThroughTheLedger(UnitType type, BigDecimal quantity) {
        assertThat(type.fromLedger(type.toLedger(quantity))).isEqualByComparingTo(quantity);
    }

    @ParameterizedTest(name = "{1} {0} is accepted")
    @CsvSource({"HOURS, 2.5", "HOURS, 0.75", "HOURS, 3", "UNITS, 12", "VISITS, 20"})
    void acceptsQuantitiesExpressibleInWholeLedgerUnits(UnitType type, BigDecimal quantity) {
        assertThat(type.accepts(quantity)).isTrue();
    }

    @ParameterizedTest(name = "{1} {0} is not accepted")
    @CsvSource({"HOURS, 2.3", "HOURS, 0.1", "UNITS, 1.5", "VISITS, 1.5"})
    void rejectsQuantitiesThatAreNotWholeLedgerUnits(UnitType type, BigDecimal quantity) {
        assertThat(type.accepts(quantity)).isFalse();
    }

    @Test
    void convertingAQuantityThatIsNotWholeLedgerUnitsFails() {
        assertThatThrownBy(() -> UnitType.HOURS.toLedger(new BigDecimal("2.3"))).isInstanceOf(ArithmeticException.class);
    }
}
