package org.therapyops.bench;

import org.therapyops.e2e.Practice;
import org.therapyops.localcloud.LocalCloud;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * 20 concurrent bookings against an authorization with 5 units left, repeated on fresh practices:
 * how many end SCHEDULED, what the counters say, and how long until all 20 are decided.
 */
public final class ConcurrentBookingBenchmark {

    private static final int ROUNDS = 10;
    private static final int BOOKINGS = 20;
    private static final int UNITS = 5;

    public static void main(String[] args) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(BOOKINGS);
        try (LocalCloud cloud = LocalCloud.start(LocalCloud.Options.defaults(ProjectDir.find()).apiPort(0).stackName("therapy-ops-bench"))) {
            Report report = new Report("Concurrent bookings against the last units", "ConcurrentBookingBenchmark")
                    .line(BOOKINGS + " bookings of 15 minutes (1 unit each) sent at once from " + BOOKINGS + " threads against an "
                            + "authorization with " + UNITS + " units left; " + ROUNDS + " rounds, each on a fresh practice.")
                    .line("")
                    .line("| round | SCHEDULED | NEEDS_AUTH | authorization scheduled / remaining | all decided after (ms) |")
                    .line("|---|---|---|---|---|");
            boolean exact = true;
            for (int round = 1; round <= ROUNDS; round++) {
                Practice practice = new Practice(cloud);
                String patient = practice.patient();
                String provider = practice.provider();
                String coverage = practice.coverage(patient, practice.payer(), "2026-01-01", null);
                String auth = practice.authorization(patient, coverage, "97110", "UNITS", UNITS, "2026-11-01", "2027-01-31");

                List<Callable<String>> bookings = new ArrayList<>();
                for (int i = 0; i < BOOKINGS; i++) {
                    String start = "2026-12-%02dT10:00".formatted(i + 1);
                    bookings.add(() -> practice.book(patient, provider, "97110", start, 15));
                }
                long t0 = System.nanoTime();
                List<String> ids = new ArrayList<>();
                for (Future<String> f : pool.invokeAll(bookings)) {
                    ids.add(f.get());
                }
                long scheduled = 0;
                for (String id : ids) {
                    scheduled += "SCHEDULED".equals(BookingLatencyBenchmark.awaitDecision(practice.api, "/appointments/" + id)
                            .get("status").asText()) ? 1 : 0;
                }
                double settled = (System.nanoTime() - t0) / 1e6;
                var counters = practice.authorizationView(patient, auth);
                exact &= scheduled == UNITS && counters.get("remaining").asInt() == 0;
                report.line("| " + round + " | " + scheduled + " | " + (BOOKINGS - scheduled) + " | "
                        + counters.get("scheduled").asText() + " / " + counters.get("remaining").asText() + " | " + Report.ms(settled) + " |");
            }
            report.line("").line(exact ? "Every round ended with exactly " + UNITS + " SCHEDULED and the authorization at 0 remaining."
                    : "**Some round did not end with exactly " + UNITS + " SCHEDULED: see the table.**").write();
        } finally {
            pool.shutdown();
        }
    }
}
