package org.therapyops.localcloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The local cloud with every fault on, through real moto and real function processes: duplicates, crashes after the
 * first write (the process restarts and the batch is retried), throttles, 500s, timeouts and latency at the IAM gate,
 * two partitions per stream and two instances per function; each record's effect still lands, exactly once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalCloudFaultsTest {

    static LocalCloud cloud;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        Faults faults = Faults.none().seed(7).duplicates(true).crashRate(0.5).parallelizationFactor(2)
                .service("dynamodb", new Faults.Rates(0.05, 0.03, 0.02, 0.1)).sdkTimeout(Duration.ofMillis(800))
                .latencyMax(Duration.ofMillis(50));
        cloud = LocalCloud.start(LocalCloud.Options.defaults(Path.of("target/test-classes/faultcloud"))
                .apiPort(0).stackName("lc-faults").maxInstances(2).timeScale(1.0 / 30)
                .timeScale("WorkDeadLetterQueue", 0.5).faults(faults));
    }

    @AfterAll
    static void stop() {
        if (cloud != null) {
            cloud.close();
        }
    }

    static void await(BooleanSupplier condition, Duration max, String what) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError(what + " not within " + max + "; status " + Json.MAPPER.valueToTree(cloud.status()));
            }
            Thread.sleep(200);
        }
    }

    static Map<String, AttributeValue> effect(String id) {
        return cloud.aws().dynamoDb().getItem(b -> b.tableName(cloud.physicalId("EffectsTable"))
                .key(Map.of("id", AttributeValue.fromS(id))).consistentRead(true)).item();
    }

    static long deliveries(String id) {
        Map<String, AttributeValue> item = effect("deliveries#" + id);
        return item.isEmpty() ? 0 : Long.parseLong(item.get("n").n());
    }

    static void put(String id, int version, String kind) {
        cloud.aws().dynamoDb().putItem(b -> b.tableName(cloud.physicalId("SourceTable")).item(Map.of(
                "id", AttributeValue.fromS(id), "version", AttributeValue.fromN(String.valueOf(version)),
                "kind", AttributeValue.fromS(kind))));
    }

    static long injected(String kind) {
        return cloud.status().faults().injected().getOrDefault(kind, Map.of()).values().stream().mapToLong(Long::longValue).sum();
    }

    @Test
    @Order(1)
    void everyStreamRecordAndMessageTakesEffectOnceThoughDeliveredTwiceCrashedAndThrottled() throws Exception {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            for (int v = 1; v <= 3; v++) {
                put("item-" + i, v, "ok");
                expected.add("item-" + i + "@" + v);
            }
        }
        String queue = cloud.physicalId("WorkQueue");
        for (int i = 0; i < 20; i++) {
            String body = "message-" + i;
            cloud.aws().sqs().sendMessage(b -> b.queueUrl(queue).messageBody(body));
            expected.add(body);
        }
        await(() -> expected.stream().allMatch(id -> !effect("effect#" + id).isEmpty()), Duration.ofSeconds(120),
                "every effect");
        // Delivered twice each (or more, after a crash); applied once each; in order per item within every batch.
        await(() -> expected.stream().allMatch(id -> deliveries(id) >= 2), Duration.ofSeconds(30), "every second delivery");
        for (int i = 0; i < 12; i++) {
            assertThat(effect("out-of-order#item-" + i)).as("item-" + i + "'s versions in order").isEmpty();
        }
        Status status = cloud.status();
        Set<String> pids = new HashSet<>();
        expected.forEach(id -> pids.add(effect("effect#" + id).get("pid").n()));
        assertThat(pids).as("effects applied by several processes (instances, restarts)").hasSizeGreaterThan(2);
        assertThat(injected(FaultInjector.CRASH)).isPositive();
        assertThat(status.functions()).filteredOn(f -> !f.logicalId().equals("SlowFunction"))
                .allSatisfy(f -> assertThat(f.restarts()).as(f.logicalId() + " restarted after its crashes").isPositive());
        assertThat(injected(FaultInjector.DUPLICATE_BATCH)).isPositive();
        assertThat(injected(FaultInjector.DUPLICATE_MESSAGE)).isGreaterThanOrEqualTo(20);
        assertThat(injected(FaultInjector.THROTTLE) + injected(FaultInjector.ERROR)).isPositive();
        assertThat(status.faults().total()).isPositive();
        assertThat(status.faults().settings()).containsEntry("seed", 7L);
        assertThat(status.faults().timeScale()).isEqualTo(1.0 / 30);
        assertThat(status.mappings()).allSatisfy(m -> assertThat(m.concurrency()).isEqualTo(2));
        assertThat(status.queues()).filteredOn(q -> q.logicalId().equals("WorkQueue"))
                .singleElement().satisfies(q -> assertThat(q.visibilityTimeoutSeconds()).isEqualTo(2));
        assertThat(status.queues()).filteredOn(q -> q.logicalId().equals("WorkDeadLetterQueue"))
                .singleElement().as("a queue's own factor, over SQS's default 30 s")
                .satisfies(q -> assertThat(q.visibilityTimeoutSeconds()).isEqualTo(15));
        assertThat(status.queues()).filteredOn(q -> q.logicalId().equals("StreamFailureQueue"))
                .singleElement().satisfies(q -> assertThat(q.visibilityTimeoutSeconds()).isEqualTo(1));
    }

    @Test
    @Order(3) // last: records behind a poison record in its batch share its fate (the on-failure destination)
    void poisonStillEndsInItsDeadLetterQueuesUnderFaults() throws Exception {
        put("poison-1", 1, "poison");
        String queue = cloud.physicalId("WorkQueue");
        cloud.aws().sqs().sendMessage(b -> b.queueUrl(queue).messageBody("poison-message"));
        String streamFailures = cloud.physicalId("StreamFailureQueue");
        String deadLetters = cloud.physicalId("WorkDeadLetterQueue");
        List<Message> failed = new ArrayList<>();
        List<Message> dead = new ArrayList<>();
        await(() -> {
            failed.addAll(cloud.aws().sqs().receiveMessage(b -> b.queueUrl(streamFailures).maxNumberOfMessages(10)).messages());
            dead.addAll(cloud.aws().sqs().receiveMessage(b -> b.queueUrl(deadLetters).maxNumberOfMessages(10)).messages());
            return !failed.isEmpty() && !dead.isEmpty();
        }, Duration.ofSeconds(90), "poison in both dead-letter queues");
        assertThat(failed.get(0).body()).contains("RetryAttemptsExhausted").contains("DDBStreamBatchInfo");
        assertThat(dead).extracting(Message::body).containsOnly("poison-message");
    }

    @Test
    @Order(2)
    void twoInstancesAnswerTwoRequestsAtOnce() throws Exception {
        String token = cloud.issueToken("p", "admin");
        long t0 = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(HTTP.sendAsync(HttpRequest.newBuilder(cloud.apiUrl().resolve("/slow")).header("Authorization", "Bearer " + token)
                    .build(), HttpResponse.BodyHandlers.ofString()));
        }
        Set<String> pids = new HashSet<>();
        for (CompletableFuture<HttpResponse<String>> c : calls) {
            HttpResponse<String> r = c.join();
            assertThat(r.statusCode()).isEqualTo(200);
            pids.add(r.headers().firstValue("x-pid").orElseThrow());
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(pids).as("both instances answered").hasSize(2);
        assertThat(ms).as("four half-second requests on two instances take about a second, not two").isLessThan(1900);
    }
}
