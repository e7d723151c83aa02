package org.therapyops.e2e;

import org.junit.jupiter.api.Test;
import org.therapyops.localcloud.LocalCloud;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Bookings racing for the last units of an authorization never overbook it. */
class ConcurrencyEndToEndTest {

    @Test
    void twentyConcurrentBookingsAgainstFiveUnitsLeaveExactlyFiveScheduled() throws Exception {
        raceForTheLastUnits(20, 5);
    }

    @Test
    void fiftyConcurrentBookingsAgainstTenUnitsLeaveExactlyTenScheduled() throws Exception {
        raceForTheLastUnits(50, 10);
    }

    private static void raceForTheLastUnits(int bookingsCount, int units) throws Exception {
        LocalCloud cloud = Cloud.get();
        Practice practice = new Practice(cloud);
        String patient = practice.patient();
        String provider = practice.provider();
        String coverage = practice.coverage(patient, practice.payer(), "2026-01-01", null);
        String auth = practice.authorization(patient, coverage, "97110", "UNITS", units, "2026-11-01", "2027-01-31");

        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<String> appointments = new ArrayList<>();
        try {
            List<Callable<String>> bookings = new ArrayList<>();
            for (int i = 0; i < bookingsCount; i++) {
                // distinct times, so that none is refused as a double booking
                String start = java.time.LocalDateTime.of(2026, 11, 2, 8, 0).plusDays(i / 8).plusHours(i % 8).toString();
                bookings.add(() -> practice.book(patient, provider, "97110", start, 15));
            }
            for (Future<String> f : pool.invokeAll(bookings)) {
                appointments.add(f.get());
            }
        } finally {
            pool.shutdown();
        }

        long scheduled = appointments.stream().map(practice::decided)
                .filter(a -> a.get("status").asText().equals("SCHEDULED")).count();
        assertThat(scheduled).isEqualTo(units);
        assertThat(practice.authorizationView(patient, auth).get("remaining").asInt()).isZero();
        assertThat(practice.authorizationView(patient, auth).get("scheduled").asInt()).isEqualTo(units);
    }
}
