package org.therapyops.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.therapyops.localcloud.LocalCloud;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The appointment lifecycle through the local cloud: units reserved, moved, released and rendered;
 * double booking refused; blocked bookings overridden or (WARN policy) scheduled with warnings; series
 * previewed before booking; forecast and utilization report.
 */
class AppointmentLifecycleEndToEndTest {

    private static LocalCloud cloud;

    @BeforeAll
    static void cloud() {
        cloud = Cloud.get();
    }

    @Test
    void rescheduleMovesTheUnitsCancelReleasesThemCompleteRendersThem() {
        Practice practice = new Practice(cloud);
        String patient = practice.patient();
        String provider = practice.provider();
        String coverage = practice.coverage(patient, practice.payer(), "2026-01-01", null);
        String auth = practice.authorization(patient, coverage, "97110", "UNITS", 12, "2026-11-01", "2027-01-31");
        String first = practice.book(patient, provider, "97110", "2026-12-03T10:00", 45);
        String second = practice.book(patient, provider, "97110", "2026-12-10T10:00", 60);
        assertThat(practice.decided(first).get("status").asText()).isEqualTo("SCHEDULED");
        assertThat(practice.decided(second).get("status").asText()).isEqualTo("SCHEDULED");
        assertThat(practice.authorizationView(patient, auth).get("scheduled").asInt()).isEqualTo(7);

        ApiClient.Response moved = practice.api.post("/appointments/" + first + "/reschedule",
                "{\"start\":\"2026-12-04T09:00\",\"durationMinutes\":30,\"reason\":\"patient asked\"}");
        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.json().get("status").asText()).isEqualTo("REQUESTED");
        JsonNode redecided = practice.decided(first);
        assertThat(redecided.get("status").asText()).isEqualTo("SCHEDULED");
        assertThat(redecided.at("/decision/reservedUnits").asInt()).isEqualTo(2);
        assertThat(practice.authorizationView(patient, auth).get("scheduled").asInt()).isEqualTo(6);

        assertThat(practice.api.post("/appointments/" + second + "/cancel", "{\"reason\":\"sick\"}").status()).isEqualTo(200);
        assertThat(practice.authorizationView(patient, auth).get("scheduled").asInt()).isEqualTo(2);

        assertThat(practice.api.post("/appointments/" + first + "/check-in", "{}").status()).isEqualTo(200);
        assertThat(practice.api.post("/appointments/" + first + "/complete", "{}").status()).isEqualTo(200);
        JsonNode counters = practice.authorizationView(patient, auth);
        assertThat(counters.get("scheduled").asInt()).isZero();
        assertThat(counters.get("rendered").asInt()).isEqualTo(2);
        assertThat(counters.get("remaining").asInt()).isEqualTo(10);

        ApiClient.Response late = practice.api.post("/appointments/" + first + "/reschedule", "{\"start\":\"2026-12-20T09:00\"}");
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.json().get("type").asText()).endsWith("/invalid-transition");

        List<String> trail = new ArrayList<>();
        practice.api.get("/appointments/" + first + "/audit").json().forEach(e -> trail.add(e.get("action").asText()));
        assertThat(trail).containsExactly("BOOK", "DECIDE", "RESCHEDULE", "DECIDE", "CHECK_IN", "COMPLETE");
    }

    @Test
    void doubleBookingIsRefusedAndAStaleEtagWritesNothing() {
        Practice practice = new Practice(cloud);
        String payer = practice.payer();
        String patient = practice.patient();
        String other = practice.patient();
        practice.coverage(patient, payer, "2026-01-01", null);
        practice.coverage(other, payer, "2026-01-01", null);
        String provider = practice.provider();
        String appointment = practice.book(patient, provider, "97110", "2026-12-03T10:00", 45);

        ApiClient.Response clash = practice.api.post("/appointments", "{\"patientId\":\"" + other + "\",\"providerId\":\"" + provider
                + "\",\"serviceCode\":\"97110\",\"start\":\"2026-12-03T10:30\",\"durationMinutes\":30}");
        assertThat(clash.status()).isEqualTo(409);
        assertThat(clash.json().get("type").asText()).endsWith("/double-booking");
        assertThat(clash.json().at("/errors/0/field").asText()).isEqualTo("providerId");

        long version = practice.decided(appointment).get("version").asLong();
        ApiClient.Response stale = practice.api.post("/appointments/" + appointment + "/cancel", "{}", "\"" + (version - 1) + "\"");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(practice.api.get("/appointments/" + appointment).json().get("version").asLong()).isEqualTo(version);
    }

    @Test
    void aBlockedBookingIsOverriddenOnlyByThePermittedRoleWithAReason() {
        Practice practice = new Practice(cloud);
        String patient = practice.patient();
        practice.coverage(patient, practice.payer(), "2026-01-01", null); // covered, but no authorization
        String appointment = practice.book(patient, practice.provider(), "97110", "2026-12-03T10:00", 45);
        assertThat(practice.decided(appointment).get("status").asText()).isEqualTo("NEEDS_AUTH");

        ApiClient frontDesk = new ApiClient(cloud.apiUrl(), cloud.issueToken(practice.id, "front_desk"));
        assertThat(frontDesk.post("/appointments/" + appointment + "/override", "{\"reason\":\"urgent\"}").status()).isEqualTo(403);
        assertThat(practice.api.post("/appointments/" + appointment + "/override", "{}").status()).isEqualTo(422);

        ApiClient.Response overridden = practice.api.post("/appointments/" + appointment + "/override",
                "{\"reason\":\"auth requested by phone, reference 1234\"}");
        assertThat(overridden.status()).isEqualTo(200);
        assertThat(overridden.json().get("status").asText()).isEqualTo("SCHEDULED");
        assertThat(overridden.json().at("/decision/override/reason").asText()).contains("reference 1234");
        JsonNode last = null;
        for (JsonNode e : practice.api.get("/appointments/" + appointment + "/audit").json()) {
            last = e;
        }
        assertThat(last.get("action").asText()).isEqualTo("OVERRIDE");
        assertThat(last.get("role").asText()).isEqualTo("admin");
        assertThat(last.get("requestId").asText()).isNotBlank();
    }

    @Test
    void underTheWarnPolicyAFailingBookingIsScheduledWithWarningsAndShowsAsOverScheduled() {
        Practice practice = new Practice(cloud);
        ApiClient.Response settings = practice.api.get("/settings");
        String etag = settings.raw().headers().firstValue("etag").orElseThrow();
        String warn = settings.body().replace("\"BLOCK\"", "\"WARN\"");
        assertThat(practice.api.put("/settings", warn, etag).status()).isEqualTo(200);

        String patient = practice.patient();
        String provider = practice.provider();
        String coverage = practice.coverage(patient, practice.payer(), "2026-01-01", null);
        String auth = practice.authorization(patient, coverage, "97110", "UNITS", 2, "2026-11-01", "2027-01-31");
        String appointment = practice.book(patient, provider, "97110", "2026-12-03T10:00", 60);

        JsonNode decided = practice.decided(appointment);
        assertThat(decided.get("status").asText()).isEqualTo("SCHEDULED");
        assertThat(decided.at("/decision/warnings/0/code").asText()).isEqualTo("INSUFFICIENT_UNITS");
        assertThat(practice.authorizationView(patient, auth).get("scheduled").asInt()).isZero();
        JsonNode report = practice.api.await("/reports/authorization-utilization?overScheduled=true",
                r -> r.get("count").asInt() == 1, Duration.ofSeconds(10));
        assertThat(report.at("/items/0/authorizationId").asText()).isEqualTo(auth);
        assertThat(report.at("/items/0/overbookedSessions").asInt()).isEqualTo(1);
        // The stream filter selects the warned scheduling: staff are alerted to the over-scheduling.
        JsonNode alerts = practice.api.await("/alerts", a -> a.get("items").size() > 0, Duration.ofSeconds(20));
        assertThat(alerts.at("/items/0/type").asText()).isEqualTo("OVER_SCHEDULED");
        assertThat(alerts.at("/items/0/appointmentId").asText()).isEqualTo(appointment);
    }

    @Test
    void aSeriesIsPreviewedWithTheFirstSessionOverTheAuthorizationFlaggedThenBookedWhole() {
        Practice practice = new Practice(cloud);
        String patient = practice.patient();
        String provider = practice.provider();
        String coverage = practice.coverage(patient, practice.payer(), "2026-01-01", null);
        String auth = practice.authorization(patient, coverage, "97110", "UNITS", 10, "2026-11-01", "2026-12-31");
        String series = "{\"patientId\":\"" + patient + "\",\"providerId\":\"" + provider + "\",\"serviceCode\":\"97110\","
                + "\"firstStart\":\"2026-12-01T09:00\",\"durationMinutes\":45,\"frequency\":\"WEEKLY\",\"count\":6}";

        ApiClient.Response preview = practice.api.post("/appointment-series/preview", series);
        assertThat(preview.status()).isEqualTo(200);
        JsonNode view = preview.json();
        assertThat(view.get("withinAuthorization").asInt()).isEqualTo(3);
        assertThat(view.get("firstOverLimit").asText()).isEqualTo("2026-12-22T09:00:00");
        assertThat(view.at("/items/3/flags/0/code").asText()).isEqualTo("INSUFFICIENT_UNITS");
        assertThat(view.at("/items/5/flags/0/code").asText()).isEqualTo("DATE_OUTSIDE_WINDOW");
        assertThat(practice.authorizationView(patient, auth).get("scheduled").asInt()).isZero(); // nothing booked

        ApiClient.Response booked = practice.api.post("/appointment-series", series);
        assertThat(booked.status()).isEqualTo(201);
        List<String> statuses = new ArrayList<>();
        booked.json().get("items").forEach(i -> statuses.add(practice.decided(i.get("appointmentId").asText()).get("status").asText()));
        assertThat(statuses).containsExactly("SCHEDULED", "SCHEDULED", "SCHEDULED", "NEEDS_AUTH", "NEEDS_AUTH", "NEEDS_AUTH");

        JsonNode forecast = practice.api.get("/patients/" + patient + "/authorizations/" + auth + "/forecast").json();
        assertThat(forecast.get("remaining").asInt()).isEqualTo(1);
        assertThat(forecast.get("upcoming")).hasSize(3);

        ApiClient.Response again = practice.api.post("/appointment-series", series);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("errors")).hasSize(12); // every session clashes for the provider and for the patient
    }

    @Test
    void theForecastNamesTheDayTheScheduleExhaustsTheAuthorizationAndTheReportFilters() {
        Practice practice = new Practice(cloud);
        String patient = practice.patient();
        String provider = practice.provider();
        String coverage = practice.coverage(patient, practice.payer(), "2026-01-01", null);
        String auth = practice.authorization(patient, coverage, "97530", "VISITS", 3, "2026-11-01", "2026-12-20");
        practice.authorization(patient, coverage, "97110", "VISITS", 30, "2026-11-01", "2027-06-30");
        for (String day : new String[] {"2026-12-01", "2026-12-08", "2026-12-15"}) {
            assertThat(practice.decided(practice.book(patient, provider, "97530", day + "T14:00", 60)).get("status").asText())
                    .isEqualTo("SCHEDULED");
        }

        JsonNode forecast = practice.api.await("/patients/" + patient + "/authorizations/" + auth + "/forecast",
                f -> f.get("upcoming").size() == 3, Duration.ofSeconds(10));
        assertThat(forecast.get("remaining").asInt()).isZero();
        assertThat(forecast.get("exhaustedOn").asText()).isEqualTo("2026-12-15");

        JsonNode low = practice.api.get("/reports/authorization-utilization?asOf=2026-12-01&maxRemainingPercent=33").json();
        assertThat(low.get("count").asInt()).isEqualTo(1);
        assertThat(low.at("/items/0/band").asText()).isEqualTo("RED");
        JsonNode expiring = practice.api.get("/reports/authorization-utilization?asOf=2026-12-01&expiringWithinDays=30").json();
        assertThat(expiring.get("count").asInt()).isEqualTo(1);
        JsonNode later = practice.api.get("/reports/authorization-utilization?asOf=2027-01-05").json();
        assertThat(later.get("count").asInt()).isEqualTo(1); // the expired one is hidden
        JsonNode withExpired = practice.api.get("/reports/authorization-utilization?asOf=2027-01-05&includeExpired=true").json();
        assertThat(withExpired.get("count").asInt()).isEqualTo(2);
    }
}
