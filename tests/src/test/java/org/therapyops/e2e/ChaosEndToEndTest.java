package org.therapyops.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.therapyops.localcloud.Faults;
import org.therapyops.localcloud.LocalCloud;
import org.therapyops.localcloud.Status;
import software.amazon.awssdk.services.sqs.model.Message;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same randomized workload twice: once on the end-to-end tests' local cloud, without faults; once on a local cloud
 * of its own under every fault at once (duplicate and reordered deliveries, crashes after a batch's first write, AWS
 * throttles, 500s, timeouts, latency and lost answers, two partitions per stream, several instances per function), with visibility
 * timeouts scaled down so that retries and dead letters take seconds. The tables and emails each run leaves behind are
 * equal, ids and timestamps aside ({@link CanonicalDump}): no reservation made twice, no claim, charge, alert, email or
 * posting lost or doubled, nothing left pending, every poison input in its dead-letter queue and nothing else there.
 */
public class ChaosEndToEndTest {

    static final long SEED = Long.getLong("chaos.seed", 20261206L);
    static final double TIME_SCALE = 1.0 / 120;

    /** Every fault at once; two instances of each function, three of the API; time compressed with the leases that go with it. */
    static LocalCloud.Options chaos(String stack, long seed) {
        return ChaosWorkload.cloud(stack, TIME_SCALE, Faults.chaos(seed));
    }

    /** A run's canonical dump and what it did. */
    public record Outcome(List<String> canonical, ChaosWorkload.Result result, List<String> reservationProblems) {
    }

    /** Runs the workload on the cloud and dumps what the run left behind: its items and emails, canonical. */
    public static Outcome run(LocalCloud cloud, ChaosWorkload.Spec spec, String name) throws Exception {
        ChaosWorkload.Result result = ChaosWorkload.run(cloud, spec, System.out, name);
        List<TableDump.Row> rows = TableDump.scan(cloud).stream().filter(result::owns).toList();
        List<JsonNode> emails = new ArrayList<>();
        TableDump.emails(cloud).stream()
                .filter(e -> e.destinations().stream().anyMatch(d -> result.practiceIds().stream().anyMatch(d::contains)))
                .forEach(e -> emails.add(TableDump.JSON.valueToTree(e)));
        List<String> canonical = CanonicalDump.of(new CanonicalDump.Run(rows, emails, result));
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target/chaos-" + name + ".txt"), canonical);
        System.out.println("[chaos] " + name + ": workload " + result.elapsedMs() + " ms, " + result.counts() + ", " + rows.size()
                + " items, " + emails.size() + " emails");
        return new Outcome(canonical, result, TableDump.reservationProblems(rows));
    }

    /** The bodies a queue holds, read without taking them (visibility 0). */
    public static List<String> peek(LocalCloud cloud, String queue) {
        String url = cloud.physicalId(queue);
        Map<String, String> seen = new java.util.TreeMap<>();
        for (int i = 0; i < 5; i++) {
            for (Message m : cloud.aws().sqs().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).visibilityTimeout(0)).messages()) {
                seen.put(m.messageId(), m.body());
            }
        }
        return List.copyOf(seen.values());
    }

    @Test
    void underEveryFaultAtOnceTheTablesEndAsInACleanRun() throws Exception {
        ChaosWorkload.Spec spec = ChaosWorkload.Spec.small(SEED);
        // Both runs at once: the fault run on a cloud of its own, the clean one on the shared cloud meanwhile.
        ExecutorService faultRun = Executors.newSingleThreadExecutor();
        Future<LocalCloud> starting = faultRun.submit(() -> LocalCloud.start(chaos("chaos-faults", SEED)));
        Future<Outcome> faultOutcome = faultRun.submit(() -> run(starting.get(), spec, "faults"));
        faultRun.shutdown();
        Outcome clean;
        try {
            clean = run(Cloud.get(), spec.onSharedCloud(), "clean");
        } catch (Exception | AssertionError e) {
            try (LocalCloud ignored = starting.get()) {
                faultOutcome.cancel(true);
                throw e;
            }
        }
        try (LocalCloud cloud = starting.get()) {
            Outcome faulty;
            try {
                faulty = faultOutcome.get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof AssertionError a) {
                    throw a;
                }
                throw e;
            }
            Status status = cloud.status();
            System.out.println("[chaos] faults injected: " + status.faults().total() + " " + status.faults().injected());
            System.out.println("[chaos] TransactWriteItems tokens: " + status.transactionTokens());

            Map<String, Integer> cleanCounts = new java.util.HashMap<>(clean.result().counts());
            Map<String, Integer> faultCounts = new java.util.HashMap<>(faulty.result().counts());
            assertThat(faultCounts.remove("poison")).as("poison for the stream and two queues").isEqualTo(3);
            assertThat(cleanCounts.remove("poison")).as("poison for the stream (the shared cloud's queues retry in minutes)").isEqualTo(1);
            assertThat(faultCounts).isEqualTo(cleanCounts);
            assertThat(clean.reservationProblems()).as("clean run: counters match reservations").isEmpty();
            assertThat(faulty.reservationProblems()).as("fault run: no visit reserved twice, none lost").isEmpty();
            String difference = CanonicalDump.difference(clean.canonical(), faulty.canonical(), 30);
            assertThat(difference).as("what the fault run left behind differs from the clean run (target/chaos-clean.txt, "
                    + "target/chaos-faults.txt):\n" + difference).isEmpty();

            // Every kind of fault was injected, and more than once.
            Map<String, Map<String, Long>> injected = status.faults().injected();
            for (String kind : List.of("crash", "duplicateStreamBatch", "duplicateSqsMessage", "shuffledSqsBatch", "throttle", "error500",
                    "timeout", "latency", "lostAnswer")) {
                assertThat(injected.getOrDefault(kind, Map.of()).values().stream().mapToLong(Long::longValue).sum())
                        .as(kind + " injected").isGreaterThan(1);
            }
            assertThat(status.functions()).filteredOn(f -> injected.get("crash").containsKey(f.logicalId()))
                    .allSatisfy(f -> assertThat(f.restarts()).as(f.logicalId() + " restarted cold after its crashes").isPositive());
            assertThat(status.mappings()).filteredOn(m -> m.type().equals("DynamoDB"))
                    .allSatisfy(m -> assertThat(m.concurrency()).isEqualTo(2));

            // Poison, and only poison, in the dead-letter queues.
            assertThat(Set.copyOf(peek(cloud, "ScrubDeadLetterQueue"))).singleElement().asString().contains("no-such-claim");
            assertThat(Set.copyOf(peek(cloud, "NotifyDeadLetterQueue"))).singleElement().asString().contains("no-such-alert");
            assertThat(peek(cloud, "AuthorizationCheckFailureQueue")).isNotEmpty()
                    .allSatisfy(r -> assertThat(r).contains("RetryAttemptsExhausted"));
            for (String queue : List.of("InboundDeadLetterQueue", "AuthorizationAlertsFailureQueue", "ChargeCaptureFailureQueue")) {
                assertThat(peek(cloud, queue)).as(queue).isEmpty();
            }
        }
    }
}
