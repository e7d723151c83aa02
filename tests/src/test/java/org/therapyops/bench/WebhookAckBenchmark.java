package org.therapyops.bench;

import org.therapyops.e2e.ApiClient;
import org.therapyops.e2e.RevenueLoop;
import org.therapyops.localcloud.LocalCloud;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Webhook acknowledgement: the time from sending a signed {@code POST /webhooks/{id}} to its answer, through the whole
 * local cloud (gateway, webhook-receiver function: door lookup, HMAC, S3 put, delivery record, SQS send). Integrators
 * retry after 5 s; the goal is 1 s p95. Small JSON events and 835s of about 100 KB, one client and four at once.
 */
public final class WebhookAckBenchmark {

    private static final int WARM_UP = 20;
    private static final int SMALL = 400;
    private static final int LARGE = 100;
    private static final int CONCURRENT = 4;

    public static void main(String[] args) throws Exception {
        try (LocalCloud cloud = LocalCloud.start(LocalCloud.Options.defaults(ProjectDir.find()).apiPort(0).stackName("therapy-ops-bench"))) {
            RevenueLoop loop = new RevenueLoop(cloud, false);
            String small = "{\"type\":\"authorization.updated\",\"data\":{\"memberId\":\"NOBODY\",\"number\":\"A-1\","
                    + "\"serviceCodes\":[\"97110\"],\"unitType\":\"VISITS\",\"quantity\":4,\"startDate\":\"2026-12-01\","
                    + "\"endDate\":\"2026-12-31\"}}";
            String large = "{\"type\":\"x12\",\"data\":{\"x12\":\"" + "ISA*00*X~".repeat(11_000) + "\"}}";

            for (int i = 0; i < WARM_UP; i++) {
                time(loop, "warm-" + i, small);
            }
            List<Double> oneClient = new ArrayList<>();
            for (int i = 0; i < SMALL; i++) {
                oneClient.add(time(loop, "small-" + i, small));
            }
            List<Double> largeBodies = new ArrayList<>();
            for (int i = 0; i < LARGE; i++) {
                largeBodies.add(time(loop, "large-" + i, large));
            }
            List<Double> concurrent = Collections.synchronizedList(new ArrayList<>());
            ExecutorService clients = Executors.newFixedThreadPool(CONCURRENT);
            List<Future<?>> runs = new ArrayList<>();
            for (int c = 0; c < CONCURRENT; c++) {
                int client = c;
                runs.add(clients.submit(() -> {
                    for (int i = 0; i < SMALL / CONCURRENT; i++) {
                        concurrent.add(time(loop, "c" + client + "-" + i, small));
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
            clients.shutdown();

            new Report("Webhook acknowledgement", "WebhookAckBenchmark")
                    .line("Signed deliveries (`webhook-id`, `webhook-timestamp`, `webhook-signature`) posted to `POST /webhooks/{id}` of "
                            + "one integration, each timed from sending to its answer (202, kept in S3 and the Inbound table and queued "
                            + "before it). " + WARM_UP + " warm-up deliveries first. The small body is a " + small.length()
                            + "-byte JSON event, the large one " + large.length() + " bytes.")
                    .line("")
                    .line("| deliveries | n | p50 ms | p95 ms | max ms |")
                    .line("|---|---|---|---|---|")
                    .line(row("small, one client", oneClient))
                    .line(row("~100 KB, one client", largeBodies))
                    .line(row("small, " + CONCURRENT + " clients at once", concurrent))
                    .line("")
                    .line("The webhook-receiver function runs one instance here (the local cloud serializes its invocations), so "
                            + "the four clients queue behind each other: their latency includes that wait. On AWS, Lambda scales "
                            + "the function out instead. Goal: p95 under 1 s (integrators retry after 5 s).")
                    .write();
        }
    }

    private static double time(RevenueLoop loop, String id, String body) {
        long t0 = System.nanoTime();
        ApiClient.Response r = loop.post(id, Instant.now().getEpochSecond(), "application/json", body);
        double ms = (System.nanoTime() - t0) / 1e6;
        if (r.status() != 202) {
            throw new IllegalStateException("delivery " + id + " answered " + r.status() + ": " + r.body());
        }
        return ms;
    }

    private static String row(String what, List<Double> values) {
        return "| " + what + " | " + values.size() + " | " + Report.ms(Report.percentile(values, 50)) + " | "
                + Report.ms(Report.percentile(values, 95)) + " | " + Report.ms(Report.percentile(values, 100)) + " |";
    }
}
