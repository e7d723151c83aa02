package org.therapyops.localcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The simulated clearinghouse against a real DynamoDB stream (moto) and a small receiver standing in for the HTTP API:
 * what it posts, in which order, signed how, retried when, and what it leaves alone.
 */
class ClearinghouseSimulatorTest {

    /** What the receiver got: the path, the Standard Webhooks headers, the content type and the body. */
    record Received(String path, String id, long timestamp, String signature, String contentType, String body) {
    }

    static Emulator emulator;
    static AwsClients aws;
    static HttpServer receiver;
    static ClearinghouseSimulator simulator;
    static final String TABLE = "clearinghouse-test-claims";
    static final String SECRET = WebhookSigner.newSecret();
    static final List<Received> received = new CopyOnWriteArrayList<>();
    /** Webhook ids the receiver answers 500 to, once each; and ones it always answers 500 to. */
    static final Set<String> failOnce = ConcurrentHashMap.newKeySet();
    static final Set<String> failAlways = ConcurrentHashMap.newKeySet();
    static final ByteArrayOutputStream console = new ByteArrayOutputStream();
    static final List<String> responderSaw = new CopyOnWriteArrayList<>();

    /** A stand-in for the real 999 / 277CA / 835 writers: names each document after what it answers. */
    static final ClearinghouseResponder STAND_IN = (x12, now) -> {
        responderSaw.add(x12);
        String control = x12.substring(x12.indexOf("ISA13=") + 6, x12.indexOf('~'));
        return List.of(new ClearinghouseResponder.Document("999", null, "999 accepting " + control),
                new ClearinghouseResponder.Document("277CA", null, "277CA for " + control),
                new ClearinghouseResponder.Document("835", "application/edi-x12; charset=utf-8", "835 paying " + control));
    };

    @BeforeAll
    static void start() throws Exception {
        emulator = Emulator.start(null, Files.createTempDirectory("clearinghouse-test"));
        aws = new AwsClients(emulator.endpoint());
        String stream = aws.dynamoDb().createTable(b -> b.tableName(TABLE).billingMode("PAY_PER_REQUEST")
                .keySchema(k -> k.attributeName("pk").keyType("HASH"), k -> k.attributeName("sk").keyType("RANGE"))
                .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"), a -> a.attributeName("sk").attributeType("S"))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType("NEW_AND_OLD_IMAGES")))
                .tableDescription().latestStreamArn();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            received.add(new Received(exchange.getRequestURI().getRawPath(), id,
                    Long.parseLong(exchange.getRequestHeaders().getFirst("webhook-timestamp")),
                    exchange.getRequestHeaders().getFirst("webhook-signature"), exchange.getRequestHeaders().getFirst("Content-Type"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            boolean fail = failAlways.contains(id) || failOnce.remove(id);
            byte[] out = (fail ? "{\"message\":\"down\"}" : "{\"received\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(fail ? 500 : 202, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        receiver.start();
        simulator = new ClearinghouseSimulator(STAND_IN, URI.create("http://127.0.0.1:" + receiver.getAddress().getPort()),
                new ClearinghouseSimulator.Retry(3, Duration.ofMillis(50)), Clock.systemUTC(), new PrintStream(console, true, StandardCharsets.UTF_8));
        simulator.watch(aws, TABLE, stream);
        simulator.connect("practice-1", "int-1", SECRET);
    }

    @AfterAll
    static void stop() {
        if (simulator != null) {
            simulator.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
        if (aws != null) {
            aws.close();
        }
        if (emulator != null) {
            emulator.close();
        }
        String log = console.toString(StandardCharsets.UTF_8);
        System.out.print(log);
        assertThat(log).as("the console never shows a secret").doesNotContain(SECRET.substring("whsec_".length()));
        assertThat(log).as("nor a body").doesNotContain("ISA13=").doesNotContain("accepting");
    }

    @BeforeEach
    void clear() {
        received.clear();
    }

    /** Writes a batch item as the API does: in a transaction, beside the claims it submits. */
    static void submitBatch(String practiceId, String batchId, long control) {
        aws.dynamoDb().transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().put(p -> p.tableName(TABLE).item(Map.of(
                        "pk", AttributeValue.fromS(practiceId), "sk", AttributeValue.fromS("BATCH#" + batchId),
                        "type", AttributeValue.fromS("BATCH"), "isa13", AttributeValue.fromN(Long.toString(control)),
                        "x12", AttributeValue.fromS("ISA*00*ISA13=" + control + "~GS*HC~ST*837*0001~")))
                        .conditionExpression("attribute_not_exists(pk)")).build(),
                TransactWriteItem.builder().put(p -> p.tableName(TABLE).item(Map.of(
                        "pk", AttributeValue.fromS(practiceId), "sk", AttributeValue.fromS("CLAIM#c-" + batchId),
                        "type", AttributeValue.fromS("CLAIM"), "status", AttributeValue.fromS("SUBMITTED")))).build()));
    }

    static List<Received> of(String batchId) {
        return received.stream().filter(r -> r.id().startsWith("sim-" + batchId + "-")).toList();
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within 20 s; received " + received.stream().map(Received::id).toList());
            }
            Thread.sleep(50);
        }
    }

    @Test
    void postsTheRespondersDocumentsInOrderSignedWithDeterministicIds() throws Exception {
        long before = Instant.now().getEpochSecond();
        submitBatch("practice-1", "b-1", 101);
        await(() -> of("b-1").size() == 3);
        List<Received> got = of("b-1");
        assertThat(got).extracting(Received::id).containsExactly("sim-b-1-999", "sim-b-1-277CA", "sim-b-1-835");
        assertThat(got).extracting(Received::path).containsOnly("/webhooks/int-1");
        assertThat(got).extracting(Received::body).containsExactly("999 accepting 101", "277CA for 101", "835 paying 101");
        assertThat(got).extracting(Received::contentType)
                .containsExactly("application/edi-x12", "application/edi-x12", "application/edi-x12; charset=utf-8");
        for (Received r : got) {
            assertThat(r.timestamp()).isBetween(before, Instant.now().getEpochSecond());
            assertThat(r.signature()).isEqualTo(WebhookSigner.sign(SECRET, r.id(), r.timestamp(), r.body().getBytes(StandardCharsets.UTF_8)));
            assertThat(WebhookSigner.verify(SECRET, r.id(), r.timestamp(), r.body().getBytes(StandardCharsets.UTF_8), r.signature())).isTrue();
        }
        assertThat(responderSaw).anyMatch(x12 -> x12.contains("ISA13=101~"));
    }

    @Test
    void aDeliveryAnswered500IsRetriedWithTheSameIdAndAFreshSignature() throws Exception {
        failOnce.add("sim-b-2-277CA");
        long failedBefore = simulator.status().failed();
        submitBatch("practice-1", "b-2", 102);
        await(() -> of("b-2").size() == 4);
        List<Received> got = of("b-2");
        assertThat(got).extracting(Received::id).containsExactly("sim-b-2-999", "sim-b-2-277CA", "sim-b-2-277CA", "sim-b-2-835");
        assertThat(WebhookSigner.verify(SECRET, got.get(2).id(), got.get(2).timestamp(), got.get(2).body().getBytes(StandardCharsets.UTF_8),
                got.get(2).signature())).isTrue();
        Status.ClearinghouseStatus status = simulator.status();
        assertThat(status.failed()).isEqualTo(failedBefore + 1);
        assertThat(status.recent()).filteredOn(o -> o.webhookId().equals("sim-b-2-277CA"))
                .extracting(Status.Outcome::attempt, Status.Outcome::status).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, 500), org.assertj.core.groups.Tuple.tuple(2, 202));
    }

    @Test
    void aDeliveryStillFailingAfterTheLastRetryIsAbandonedAndTheLaterDocumentsWait() throws Exception {
        failAlways.add("sim-b-3-999");
        long abandoned = simulator.status().abandoned();
        long notSent = simulator.status().notSent();
        submitBatch("practice-1", "b-3", 103);
        // the abandoned delivery and the documents held back are counted one after the other: wait for both
        await(() -> simulator.status().abandoned() == abandoned + 1 && simulator.status().notSent() >= notSent + 2);
        assertThat(of("b-3")).extracting(Received::id).containsExactly("sim-b-3-999", "sim-b-3-999", "sim-b-3-999");
        assertThat(simulator.status().notSent()).isEqualTo(notSent + 2);
        failAlways.clear();
    }

    @Test
    void batchesOfPracticesNotConnectedAndItemsThatAreNoBatchAreLeftAlone() throws Exception {
        submitBatch("practice-1", "b-4", 105);
        await(() -> of("b-4").size() == 3);
        received.clear();
        long unconnected = simulator.status().unconnectedBatches();
        submitBatch("practice-elsewhere", "b-x", 900);
        aws.dynamoDb().putItem(b -> b.tableName(TABLE).item(Map.of("pk", AttributeValue.fromS("practice-1"),
                "sk", AttributeValue.fromS("CLAIM#c-9"), "type", AttributeValue.fromS("CLAIM"))));
        aws.dynamoDb().putItem(b -> b.tableName(TABLE).item(Map.of("pk", AttributeValue.fromS("practice-1"),
                "sk", AttributeValue.fromS("NOTE#n-1"), "type", AttributeValue.fromS("NOTE"), "x12", AttributeValue.fromS("ISA13=1~"))));
        // A MODIFY of a batch (e.g. its acknowledgement recorded) is not a new submission.
        aws.dynamoDb().updateItem(b -> b.tableName(TABLE).key(Map.of("pk", AttributeValue.fromS("practice-1"),
                "sk", AttributeValue.fromS("BATCH#b-4"))).updateExpression("SET acknowledged = :t")
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromBool(true))));
        // The stream is in order: once the marker batch is answered, everything above was read.
        submitBatch("practice-1", "b-marker", 104);
        await(() -> of("b-marker").size() == 3);
        assertThat(received).extracting(Received::id).allMatch(id -> id.startsWith("sim-b-marker-"));
        assertThat(simulator.status().unconnectedBatches()).isEqualTo(unconnected + 1);
    }

    @Test
    void aDeliveryPushedByHandIsSignedAsAskedAndAnsweredWithTheWebhooksStatus() throws Exception {
        ClearinghouseSimulator.Answer ok = simulator.deliver(ClearinghouseSimulator.Delivery.of("int-1", "ISA*any file~")
                .withWebhookId("manual-1"));
        assertThat(ok.status()).isEqualTo(202);
        assertThat(ok.body()).isEqualTo("{\"received\":\"manual-1\"}");
        Received r = received.get(received.size() - 1);
        assertThat(r.contentType()).isEqualTo("application/edi-x12");
        assertThat(WebhookSigner.verify(SECRET, "manual-1", r.timestamp(), "ISA*any file~".getBytes(StandardCharsets.UTF_8), r.signature())).isTrue();

        simulator.deliver(ClearinghouseSimulator.Delivery.of("int-1", "{}").withContentType("application/json").withTimestamp(1_000_000_000L).forged());
        Received forged = received.get(received.size() - 1);
        assertThat(forged.id()).startsWith("sim-manual-");
        assertThat(forged.timestamp()).isEqualTo(1_000_000_000L);
        assertThat(forged.contentType()).isEqualTo("application/json");
        assertThat(WebhookSigner.verify(SECRET, forged.id(), forged.timestamp(), "{}".getBytes(StandardCharsets.UTF_8), forged.signature()))
                .as("signed with a wrong key").isFalse();

        assertThatThrownBy(() -> simulator.deliver(ClearinghouseSimulator.Delivery.of("int-unknown", "x")))
                .isInstanceOf(ClearinghouseSimulator.UnknownIntegrationException.class);
    }

    @Test
    void withoutASimulatorTheLocalEndpointsSaySo() throws Exception {
        HttpApiGateway.LocalAnswer off = ClearinghouseSimulator.off("POST", "/deliver", new byte[0]);
        assertThat(off.status()).isEqualTo(404);
        assertThat(off.json()).contains("clearinghouseResponder");
    }

    @Test
    void theLocalEndpointsConnectAndDeliverWithoutEverEchoingTheSecret() throws Exception {
        String secret = WebhookSigner.newSecret();
        HttpApiGateway.LocalAnswer connected = simulator.handle("POST", "/integrations",
                ("{\"practiceId\":\"practice-2\",\"integrationId\":\"int-2\",\"secret\":\"" + secret + "\"}").getBytes(StandardCharsets.UTF_8));
        assertThat(connected.status()).isEqualTo(201);
        assertThat(connected.json()).doesNotContain(secret.substring(6));
        assertThat(simulator.handle("GET", "/integrations", new byte[0]).json()).contains("\"integrationId\":\"int-2\"")
                .doesNotContain(secret.substring(6));
        HttpApiGateway.LocalAnswer bad = simulator.handle("POST", "/integrations",
                "{\"practiceId\":\"p\",\"integrationId\":\"i\",\"secret\":\"whsec_not base64 at all\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json()).doesNotContain("not base64 at all");

        HttpApiGateway.LocalAnswer delivered = simulator.handle("POST", "/deliver",
                "{\"integrationId\":\"int-2\",\"body\":\"ISA*x~\",\"webhookId\":\"manual-2\",\"timestamp\":1700000000}".getBytes(StandardCharsets.UTF_8));
        assertThat(delivered.status()).isEqualTo(200);
        JsonNode answer = Json.MAPPER.readTree(delivered.json());
        assertThat(answer.path("status").asInt()).isEqualTo(202);
        assertThat(answer.path("body").asText()).isEqualTo("{\"received\":\"manual-2\"}");
        Received r = received.get(received.size() - 1);
        assertThat(r.path()).isEqualTo("/webhooks/int-2");
        assertThat(r.signature()).isEqualTo(WebhookSigner.sign(secret, "manual-2", 1700000000L, "ISA*x~".getBytes(StandardCharsets.UTF_8)));

        assertThat(simulator.handle("POST", "/deliver", "{\"integrationId\":\"nope\",\"body\":\"x\"}".getBytes(StandardCharsets.UTF_8))
                .status()).isEqualTo(404);
        assertThat(simulator.handle("POST", "/deliver", "{\"body\":\"x\"}".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(400);
        assertThat(simulator.status().integrations()).contains(new Status.Connection("practice-2", "int-2"));
    }
}
