package org.therapyops.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.therapyops.localcloud.LocalCloud;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's tour through the local cloud: HTTP in, the Appointments stream feeds the
 * authorization-check function, and the decision and counters come back out through the API.
 */
class BookingEndToEndTest {

    private static LocalCloud cloud;

    @BeforeAll
    static void cloud() {
        cloud = Cloud.get();
    }

    @Test
    void aCoveredBookingIsScheduledWithItsUnitsReserved() {
        Practice practice = new Practice(cloud);
        String patient = practice.patient();
        String provider = practice.provider();
        String coverage = practice.coverage(patient, practice.payer(), "2026-01-01", null);
        String auth = practice.authorization(patient, coverage, "97110", "UNITS", 12, "2026-11-01", "2027-01-31");

        String appointment = practice.book(patient, provider, "97110", "2026-12-03T10:00", 45);
        JsonNode decided = practice.decided(appointment);

        assertThat(decided.get("status").asText()).isEqualTo("SCHEDULED");
        assertThat(decided.at("/decision/authorizationId").asText()).isEqualTo(auth);
        assertThat(decided.at("/decision/reservedUnits").asLong()).isEqualTo(3);
        JsonNode counters = practice.authorizationView(patient, auth);
        assertThat(counters.get("scheduled").asInt()).isEqualTo(3);
        assertThat(counters.get("remaining").asInt()).isEqualTo(9);
    }

    @Test
    void withoutCoverageOnTheDateTheBookingNeedsAuthorization() {
        Practice practice = new Practice(cloud);
        String patient = practice.patient();
        String coverage = practice.coverage(patient, practice.payer(), "2026-01-01", "2026-11-30");
        practice.authorization(patient, coverage, "97110", "UNITS", 12, "2026-11-01", "2027-01-31");

        JsonNode decided = practice.decided(practice.book(patient, practice.provider(), "97110", "2026-12-01T09:00", 30));

        assertThat(decided.get("status").asText()).isEqualTo("NEEDS_AUTH");
        assertThat(decided.at("/decision/reasons/0/code").asText()).isEqualTo("NO_COVERAGE_ON_DATE");
    }

    @Test
    void aCodeNoAuthorizationCoversNeedsAuthorization() {
        Practice practice = new Practice(cloud);
        String patient = practice.patient();
        String coverage = practice.coverage(patient, practice.payer(), "2026-01-01", null);
        practice.authorization(patient, coverage, "97110", "UNITS", 12, "2026-11-01", "2027-01-31");

        JsonNode decided = practice.decided(practice.book(patient, practice.provider(), "97530", "2026-12-03T10:00", 30));

        assertThat(decided.get("status").asText()).isEqualTo("NEEDS_AUTH");
        assertThat(decided.at("/decision/reasons/0/code").asText()).isEqualTo("NO_AUTHORIZATION_FOR_CODE");
        assertThat(decided.at("/decision/reasons/0/details/serviceCode").asText()).isEqualTo("97530");
    }

    @Test
    void aSessionTheDayAfterTheWindowNeedsAuthorization() {
        Practice practice = new Practice(cloud);
        String patient = practice.patient();
        String coverage = practice.coverage(patient, practice.payer(), "2026-01-01", null);
        String auth = practice.authorization(patient, coverage, "97110", "VISITS", 10, "2026-11-01", "2026-12-31");
        String provider = practice.provider();

        JsonNode lastDay = practice.decided(practice.book(patient, provider, "97110", "2026-12-31T16:00", 45));
        JsonNode dayAfter = practice.decided(practice.book(patient, provider, "97110", "2027-01-01T09:00", 45));

        assertThat(lastDay.get("status").asText()).isEqualTo("SCHEDULED");
        assertThat(dayAfter.get("status").asText()).isEqualTo("NEEDS_AUTH");
        assertThat(dayAfter.at("/decision/reasons/0/code").asText()).isEqualTo("DATE_OUTSIDE_WINDOW");
        assertThat(dayAfter.at("/decision/reasons/0/details/authorizationId").asText()).isEqualTo(auth);
    }

    @Test
    void theLastUnitsAreReservedAndTheNextSessionIsRefused() {
        Practice practice = new Practice(cloud);
        String patient = practice.patient();
        String provider = practice.provider();
        String coverage = practice.coverage(patient, practice.payer(), "2026-01-01", null);
        String auth = practice.authorization(patient, coverage, "97110", "UNITS", 4, "2026-11-01", "2027-01-31");

        JsonNode exact = practice.decided(practice.book(patient, provider, "97110", "2026-12-03T10:00", 60));
        JsonNode over = practice.decided(practice.book(patient, provider, "97110", "2026-12-04T10:00", 15));

        assertThat(exact.get("status").asText()).isEqualTo("SCHEDULED");
        assertThat(over.get("status").asText()).isEqualTo("NEEDS_AUTH");
        assertThat(over.at("/decision/reasons/0/code").asText()).isEqualTo("INSUFFICIENT_UNITS");
        assertThat(over.at("/decision/reasons/0/details/remaining").asText()).isEqualTo("0");
        JsonNode counters = practice.authorizationView(patient, auth);
        assertThat(counters.get("remaining").asInt()).isZero();
        assertThat(counters.get("scheduled").asInt()).isEqualTo(4);
    }
}
