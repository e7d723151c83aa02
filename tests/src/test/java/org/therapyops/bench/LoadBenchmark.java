package org.therapyops.bench;

import org.therapyops.e2e.ApiClient;
import org.therapyops.e2e.Practice;
import org.therapyops.localcloud.LocalCloud;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * 10,000 appointments across 100 practices (smaller with {@code -Dload.practices=20 -Dload.perPractice=50}), booked by
 * 10 concurrent clients through the HTTP API: throughput, and booking → decision (the time from sending
 * POST /appointments until the decision is stored, read directly from the table so that polling does not load the API
 * under test).
 */
public final class LoadBenchmark {

    private static final int PRACTICES = Integer.getInteger("load.practices", 100);
    private static final int PER_PRACTICE = Integer.getInteger("load.perPractice", 100);
    private static final int PEOPLE = 5;
    private static final int CLIENTS = 10;
    private static final int API_INSTANCES = 2;

    private record Setup(Practice practice, List<String> patients, List<String> providers) {
    }

    public static void main(String[] args) throws Exception {
        try (LocalCloud cloud = LocalCloud.start(LocalCloud.Options.defaults(ProjectDir.find()).apiPort(0)
                .stackName("therapy-ops-load").maxInstances(API_INSTANCES))) {
            List<Setup> setups = new ArrayList<>();
            for (int p = 0; p < PRACTICES; p++) {
                Practice practice = new Practice(cloud);
                String payer = practice.payer();
                List<String> patients = new ArrayList<>();
                List<String> providers = new ArrayList<>();
                for (int i = 0; i < PEOPLE; i++) {
                    String patient = practice.patient();
                    String coverage = practice.coverage(patient, payer, "2026-01-01", null);
                    practice.authorization(patient, coverage, "97110", "VISITS", 1000, "2026-01-01", "2027-12-31");
                    patients.add(patient);
                    providers.add(practice.provider());
                }
                setups.add(new Setup(practice, patients, providers));
            }
            String table = cloud.physicalId("AppointmentsTable");
            DynamoDbClient dynamo = cloud.aws().dynamoDb();
            List<Callable<Double>> bookings = new ArrayList<>();
            for (int k = 0; k < PER_PRACTICE; k++) {
                for (Setup setup : setups) {
                    int booking = k;
                    bookings.add(() -> bookAndAwait(setup, booking, dynamo, table));
                }
            }
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger failed = new AtomicInteger();
            long started = System.nanoTime();
            try {
                for (Future<Double> f : pool.invokeAll(bookings)) {
                    try {
                        latencies.add(f.get());
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
            } finally {
                pool.shutdown();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            new Report(String.format("Load: %,d appointments across %d practices", PRACTICES * PER_PRACTICE, PRACTICES), "LoadBenchmark")
                    .line(PRACTICES + " practices × " + PER_PRACTICE + " bookings, " + CLIENTS + " concurrent clients, "
                            + "each booking timed from sending `POST /appointments` until its decision is stored (polled every "
                            + "20 ms by a direct DynamoDB read, so that polling does not load the API). The API function ran "
                            + API_INSTANCES + " instances (Lambda would scale it out further); the stream has one shard, so the "
                            + "authorization-check function decides one batch at a time.")
                    .line("")
                    .line("| figure | value |")
                    .line("|---|---|")
                    .line("| bookings decided | " + latencies.size() + " of " + bookings.size() + " (" + failed.get() + " failed) |")
                    .line("| throughput, booked and decided | " + String.format("%.1f", latencies.size() / seconds) + " per second |")
                    .line("| booking → decision, p50 | " + Report.ms(Report.percentile(latencies, 50)) + " ms |")
                    .line("| booking → decision, p95 | " + Report.ms(Report.percentile(latencies, 95)) + " ms |")
                    .line("| booking → decision, max | " + Report.ms(Report.percentile(latencies, 100)) + " ms |")
                    .line("| wall time | " + String.format("%.1f", seconds) + " s |")
                    .write();
        }
    }

    private static double bookAndAwait(Setup setup, int k, DynamoDbClient dynamo, String table) throws Exception {
        int who = k % PEOPLE;
        // Each patient/provider pair has one session a day: no booking is refused as a double booking.
        LocalDateTime start = LocalDateTime.of(2026, 12, 1, 9, 0).plusDays(k / PEOPLE);
        long t0 = System.nanoTime();
        ApiClient.Response booked = setup.practice().api.post("/appointments", "{\"patientId\":\"" + setup.patients().get(who)
                + "\",\"providerId\":\"" + setup.providers().get(who) + "\",\"serviceCode\":\"97110\",\"start\":\"" + start
                + "\",\"durationMinutes\":45}");
        if (booked.status() != 201) {
            throw new IllegalStateException("booking failed: " + booked.status());
        }
        Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS(setup.practice().id),
                "sk", AttributeValue.fromS("APPOINTMENT#" + booked.id()));
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
            if (!"REQUESTED".equals(item.get("status").s())) {
                return (System.nanoTime() - t0) / 1e6;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("no decision within 120 s");
    }
}
