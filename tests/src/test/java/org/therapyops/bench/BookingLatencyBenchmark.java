package org.therapyops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.therapyops.e2e.ApiClient;
import org.therapyops.e2e.Practice;
import org.therapyops.localcloud.LocalCloud;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Booking → decision visible: the time from sending POST /appointments to the first GET that shows
 * SCHEDULED or NEEDS_AUTH, through the whole local cloud (gateway, API function, DynamoDB, stream
 * polling, authorization-check function). One client, bookings one after another, GET every 10 ms.
 */
public final class BookingLatencyBenchmark {

    private static final int WARM_UP = 10;
    private static final int BOOKINGS = 250;

    public static void main(String[] args) throws Exception {
        try (LocalCloud cloud = LocalCloud.start(LocalCloud.Options.defaults(ProjectDir.find()).apiPort(0).stackName("therapy-ops-bench"))) {
            Practice practice = new Practice(cloud);
            String patient = practice.patient();
            String provider = practice.provider();
            String coverage = practice.coverage(patient, practice.payer(), "2026-01-01", null);
            practice.authorization(patient, coverage, "97110", "VISITS", 1000, "2026-01-01", "2027-12-31");

            List<Double> latencies = new ArrayList<>();
            List<Double> posts = new ArrayList<>();
            int scheduled = 0;
            long started = System.nanoTime();
            for (int i = 0; i < WARM_UP + BOOKINGS; i++) {
                String start = LocalDate.of(2026, 12, 1).plusDays(i % 300) + "T" + String.format("%02d", 8 + i % 10) + ":00";
                long t0 = System.nanoTime();
                ApiClient.Response booked = practice.api.post("/appointments", "{\"patientId\":\"" + patient + "\",\"providerId\":\""
                        + provider + "\",\"serviceCode\":\"97110\",\"start\":\"" + start + "\",\"durationMinutes\":45}");
                long t1 = System.nanoTime();
                if (booked.status() != 201) {
                    throw new IllegalStateException("booking failed: " + booked.body());
                }
                JsonNode decided = awaitDecision(practice.api, "/appointments/" + booked.id());
                long t2 = System.nanoTime();
                if (i >= WARM_UP) {
                    latencies.add((t2 - t0) / 1e6);
                    posts.add((t1 - t0) / 1e6);
                    scheduled += "SCHEDULED".equals(decided.get("status").asText()) ? 1 : 0;
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;

            new Report("Booking → decision visible", "BookingLatencyBenchmark")
                    .line(BOOKINGS + " bookings after " + WARM_UP + " warm-up ones, one client, one after another; each timed from sending "
                            + "`POST /appointments` to the first `GET /appointments/{id}` (polled every 10 ms) showing the decision. "
                            + "The stream mapping polls at most every 250 ms, as template.yaml's mapping is emulated.")
                    .line("")
                    .line("| figure | ms |")
                    .line("|---|---|")
                    .line("| booking → decision visible, p50 | " + Report.ms(Report.percentile(latencies, 50)) + " |")
                    .line("| booking → decision visible, p95 | " + Report.ms(Report.percentile(latencies, 95)) + " |")
                    .line("| booking → decision visible, max | " + Report.ms(Report.percentile(latencies, 100)) + " |")
                    .line("| POST /appointments alone, p50 | " + Report.ms(Report.percentile(posts, 50)) + " |")
                    .line("| POST /appointments alone, p95 | " + Report.ms(Report.percentile(posts, 95)) + " |")
                    .line("")
                    .line("All " + BOOKINGS + " decided; " + scheduled + " SCHEDULED (the authorization had 1000 visits). "
                            + String.format("Run time %.1f s, %.1f bookings/s end to end with one client.", seconds,
                            (WARM_UP + BOOKINGS) / seconds))
                    .write();
        }
    }

    static JsonNode awaitDecision(ApiClient api, String path) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            JsonNode appointment = api.get(path).json();
            if (!"REQUESTED".equals(appointment.get("status").asText())) {
                return appointment;
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("no decision within 30 s for " + path);
    }
}
