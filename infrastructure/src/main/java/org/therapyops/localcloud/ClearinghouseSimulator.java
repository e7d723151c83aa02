package org.therapyops.localcloud;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;

/**
 * The simulated clearinghouse (local only, never deployed): reads the claims table's stream with its own iterator
 * (beside, not instead of, the template's mappings), answers each new 837P batch item ({@code type} BATCH, {@code pk}
 * the practice, {@code sk} {@code BATCH#<id>}, {@code x12} the file) of a connected practice with the responder's
 * documents, and posts them in order, signed as Standard Webhooks, to {@code POST /webhooks/{integrationId}}.
 *
 * <p>Webhook ids are {@code sim-<batchId>-<document name>}, so a re-post is a duplicate to the receiver. A POST answered
 * non-2xx, or not answered, is retried with a doubling wait, re-signed with a fresh timestamp; when the last attempt
 * fails, the batch's later documents are not sent (they would arrive out of order). Secrets stay in memory; the
 * console gets ids and status codes, never bodies or secrets.
 */
public final class ClearinghouseSimulator implements AutoCloseable {

    public static final String DEFAULT_CONTENT_TYPE = "application/edi-x12";
    private static final int RECENT = 50;
    private static final long POLL_MILLIS = 250;

    /** How a webhook POST is retried: attempts in all (first included), and the wait before the first retry, doubling. */
    public record Retry(int attempts, Duration firstDelay) {
        public static final Retry DEFAULT = new Retry(4, Duration.ofMillis(500));

        public Retry {
            if (attempts < 1 || firstDelay.isNegative()) {
                throw new IllegalArgumentException("attempts must be at least 1 and the delay not negative");
            }
        }
    }

    /**
     * One delivery to push now, through {@link #deliver(Delivery)} or {@code POST /_local/clearinghouse/deliver}: a null
     * content type is {@code application/edi-x12}, a null webhook id a new {@code sim-manual-<uuid>}, a null timestamp
     * now; {@code forge} signs with a wrong key.
     */
    public record Delivery(String integrationId, String body, String contentType, String webhookId, Long timestamp, boolean forge) {
        public static Delivery of(String integrationId, String body) {
            return new Delivery(integrationId, body, null, null, null, false);
        }

        public Delivery withContentType(String type) {
            return new Delivery(integrationId, body, type, webhookId, timestamp, forge);
        }

        public Delivery withWebhookId(String id) {
            return new Delivery(integrationId, body, contentType, id, timestamp, forge);
        }

        /** Unix seconds, e.g. an hour ago to send a stale delivery. */
        public Delivery withTimestamp(long epochSeconds) {
            return new Delivery(integrationId, body, contentType, webhookId, epochSeconds, forge);
        }

        public Delivery forged() {
            return new Delivery(integrationId, body, contentType, webhookId, timestamp, true);
        }
    }

    /** What the webhook endpoint answered: its HTTP status and body. */
    public record Answer(int status, String body) {
    }

    /** Thrown by {@link #deliver(Delivery)} for an integration that was never connected. */
    public static final class UnknownIntegrationException extends IllegalArgumentException {
        UnknownIntegrationException(String integrationId) {
            super("integration " + integrationId + " is not connected to the clearinghouse simulator");
        }
    }

    /** A connected integration; toString leaves the secret out, so that no log line can carry it. */
    private record Integration(String practiceId, String integrationId, String secret) {
        @Override
        public String toString() {
            return practiceId + "/" + integrationId;
        }
    }

    private final ClearinghouseResponder responder;
    private final URI gateway;
    private final Retry retry;
    private final Clock clock;
    private final PrintStream console;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Integration> byPractice = new ConcurrentHashMap<>();
    private final Map<String, Integration> byIntegration = new ConcurrentHashMap<>();
    private final ExecutorService poster = Executors.newSingleThreadExecutor(r -> daemon(r, "clearinghouse-post"));
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong unconnected = new AtomicLong();
    private final AtomicLong responderErrors = new AtomicLong();
    private final AtomicLong posted = new AtomicLong();
    private final AtomicLong answered2xx = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong abandoned = new AtomicLong();
    private final AtomicLong notSent = new AtomicLong();
    private final Deque<Status.Outcome> recent = new ArrayDeque<>();
    private volatile boolean running = true;
    private volatile String table;
    private Thread reader;

    /**
     * @param gateway the HTTP API's base URL; deliveries go to {@code <gateway>/webhooks/<integrationId>}
     */
    public ClearinghouseSimulator(ClearinghouseResponder responder, URI gateway, Retry retry, Clock clock, PrintStream console) {
        this.responder = responder;
        this.gateway = gateway;
        this.retry = retry;
        this.clock = clock;
        this.console = console;
    }

    /**
     * Acts for a practice's integration from now on: its batches are answered, signed with this secret. A practice has
     * one integration; connecting again replaces it (and its secret).
     *
     * @param secret {@code whsec_} + base64, as the receiver stores it
     * @throws IllegalArgumentException for a blank id or a malformed secret (the message never contains it)
     */
    public synchronized void connect(String practiceId, String integrationId, String secret) {
        if (practiceId == null || practiceId.isBlank() || integrationId == null || integrationId.isBlank()) {
            throw new IllegalArgumentException("practiceId and integrationId are required");
        }
        if (!WebhookSigner.isValidSecret(secret)) {
            throw new IllegalArgumentException("the secret must be whsec_ followed by base64");
        }
        Integration integration = new Integration(practiceId, integrationId, secret);
        Integration previous = byPractice.put(practiceId, integration);
        if (previous != null && !previous.integrationId().equals(integrationId)) {
            byIntegration.remove(previous.integrationId());
        }
        Integration other = byIntegration.put(integrationId, integration);
        if (other != null && !other.practiceId().equals(practiceId)) {
            byPractice.remove(other.practiceId(), other);
        }
        console.println("[local-cloud] clearinghouse: acting for integration " + integration);
    }

    /**
     * Signs (with the connected secret, or a wrong key when forged) and posts one delivery now, once, without retries.
     *
     * @throws UnknownIntegrationException when the integration is not connected
     * @throws java.io.UncheckedIOException when the HTTP API does not answer
     */
    public Answer deliver(Delivery delivery) {
        Integration integration = byIntegration.get(delivery.integrationId());
        if (integration == null) {
            throw new UnknownIntegrationException(delivery.integrationId());
        }
        if (delivery.body() == null) {
            throw new IllegalArgumentException("a delivery needs a body");
        }
        String id = delivery.webhookId() != null ? delivery.webhookId() : "sim-manual-" + UUID.randomUUID();
        long timestamp = delivery.timestamp() != null ? delivery.timestamp() : clock.instant().getEpochSecond();
        String secret = delivery.forge() ? WebhookSigner.newSecret() : integration.secret();
        String contentType = delivery.contentType() != null ? delivery.contentType() : DEFAULT_CONTENT_TYPE;
        try {
            return post(integration, id, 1, timestamp, secret, contentType, delivery.body().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("POST /webhooks/" + integration.integrationId() + " " + id + ": no answer ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** Starts reading a table's stream from now on (LATEST), on a thread of its own. */
    void watch(AwsClients aws, String tableName, String streamArn) {
        this.table = tableName;
        List<String> iterators = new ArrayList<>();
        // Iterators are taken before returning, so that batches written after start-up are all seen.
        for (Shard shard : aws.streams().describeStream(b -> b.streamArn(streamArn)).streamDescription().shards()) {
            iterators.add(aws.streams().getShardIterator(b -> b.streamArn(streamArn).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.LATEST)).shardIterator());
        }
        reader = daemon(() -> read(aws, iterators), "clearinghouse-stream");
        reader.start();
    }

    private void read(AwsClients aws, List<String> iterators) {
        while (running) {
            try {
                boolean any = false;
                for (int i = 0; i < iterators.size(); i++) {
                    String it = iterators.get(i);
                    if (it == null) {
                        continue; // a closed shard
                    }
                    GetRecordsResponse response = aws.streams().getRecords(b -> b.shardIterator(it).limit(1000));
                    iterators.set(i, response.nextShardIterator());
                    response.records().forEach(this::accept);
                    any |= !response.records().isEmpty();
                }
                if (!any) {
                    Thread.sleep(POLL_MILLIS);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (running) {
                    console.println("[local-cloud] clearinghouse: stream read failed: " + e.getClass().getSimpleName());
                    pause(1000);
                }
            }
        }
    }

    /** One stream record: a new BATCH item of a connected practice is answered; everything else is passed over. */
    void accept(Record record) {
        if (!"INSERT".equals(record.eventNameAsString()) || !record.dynamodb().hasNewImage()) {
            return; // moto's first INSERT of an UpdateItem holds keys only: its second one has the image
        }
        Map<String, AttributeValue> image = record.dynamodb().newImage();
        String sk = text(image.get("sk"));
        if (!"BATCH".equals(text(image.get("type"))) || sk == null || !sk.startsWith("BATCH#")) {
            return;
        }
        String practiceId = text(image.get("pk"));
        String batchId = sk.substring("BATCH#".length());
        Integration integration = practiceId == null ? null : byPractice.get(practiceId);
        if (integration == null) {
            unconnected.incrementAndGet();
            console.println("[local-cloud] clearinghouse: batch " + batchId + " of practice " + practiceId
                    + " not answered (the practice is not connected)");
            return;
        }
        String x12 = text(image.get("x12"));
        if (x12 == null) {
            responderErrors.incrementAndGet();
            console.println("[local-cloud] clearinghouse: batch " + batchId + " of practice " + practiceId
                    + " not answered (the item has no x12 attribute)");
            return;
        }
        batches.incrementAndGet();
        poster.execute(() -> answer(integration, batchId, x12));
    }

    private void answer(Integration integration, String batchId, String x12) {
        List<ClearinghouseResponder.Document> documents;
        try {
            documents = responder.respond(x12, clock.instant());
        } catch (RuntimeException e) {
            responderErrors.incrementAndGet();
            console.println("[local-cloud] clearinghouse: batch " + batchId + ": the responder failed (" + e.getClass().getSimpleName() + ")");
            return;
        }
        console.println("[local-cloud] clearinghouse: batch " + batchId + " of integration " + integration + ": "
                + documents.size() + " document(s)");
        for (int i = 0; i < documents.size() && running; i++) {
            ClearinghouseResponder.Document d = documents.get(i);
            String id = "sim-" + batchId + "-" + d.name();
            if (!postWithRetries(integration, id, d.contentType() == null ? DEFAULT_CONTENT_TYPE : d.contentType(),
                    (d.body() == null ? "" : d.body()).getBytes(StandardCharsets.UTF_8))) {
                int rest = documents.size() - i - 1;
                notSent.addAndGet(rest);
                if (rest > 0) {
                    console.println("[local-cloud] clearinghouse: batch " + batchId + ": " + rest
                            + " later document(s) not sent after " + id + " failed");
                }
                return;
            }
        }
    }

    private boolean postWithRetries(Integration integration, String id, String contentType, byte[] body) {
        long wait = retry.firstDelay().toMillis();
        for (int attempt = 1; attempt <= retry.attempts() && running; attempt++) {
            int status;
            try {
                status = post(integration, id, attempt, clock.instant().getEpochSecond(), integration.secret(), contentType, body).status();
            } catch (IOException e) {
                status = 0;
            }
            if (status >= 200 && status < 300) {
                return true;
            }
            if (attempt < retry.attempts()) {
                pause(wait);
                wait *= 2;
            }
        }
        abandoned.incrementAndGet();
        console.println("[local-cloud] clearinghouse: " + id + " abandoned after " + retry.attempts() + " attempt(s)");
        return false;
    }

    /** One signed POST; counted, logged (ids and status only) and remembered in the recent outcomes. */
    private Answer post(Integration integration, String id, int attempt, long timestamp, String secret, String contentType,
                        byte[] body) throws IOException {
        URI uri = gateway.resolve("/webhooks/" + URLEncoder.encode(integration.integrationId(), StandardCharsets.UTF_8).replace("+", "%20"));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType)
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSigner.sign(secret, id, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        posted.incrementAndGet();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            (status >= 200 && status < 300 ? answered2xx : failed).incrementAndGet();
            outcome(id, integration, attempt, status);
            return new Answer(status, response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed.incrementAndGet();
            outcome(id, integration, attempt, 0);
            throw new IOException("interrupted", e);
        } catch (IOException e) {
            failed.incrementAndGet();
            outcome(id, integration, attempt, 0);
            throw e;
        }
    }

    private void outcome(String id, Integration integration, int attempt, int status) {
        console.println("[local-cloud] clearinghouse: POST /webhooks/" + integration.integrationId() + " " + id
                + " -> " + (status == 0 ? "no answer" : String.valueOf(status)) + (attempt > 1 ? " (attempt " + attempt + ")" : ""));
        synchronized (recent) {
            recent.addLast(new Status.Outcome(id, integration.integrationId(), attempt, status, clock.instant().toString()));
            while (recent.size() > RECENT) {
                recent.removeFirst();
            }
        }
    }

    public Status.ClearinghouseStatus status() {
        List<Status.Connection> connections = byPractice.values().stream()
                .map(i -> new Status.Connection(i.practiceId(), i.integrationId()))
                .sorted(java.util.Comparator.comparing(Status.Connection::practiceId)).toList();
        List<Status.Outcome> latest;
        synchronized (recent) {
            latest = List.copyOf(recent);
        }
        return new Status.ClearinghouseStatus(connections, table, batches.get(), unconnected.get(), responderErrors.get(),
                posted.get(), answered2xx.get(), failed.get(), abandoned.get(), notSent.get(), latest);
    }

    /**
     * {@code /_local/clearinghouse/...}: {@code POST /integrations} {@code {"practiceId","integrationId","secret"}},
     * {@code GET /integrations}, {@code POST /deliver} {@code {"integrationId","body","contentType"?,"webhookId"?,
     * "timestamp"?,"forge"?}} answering {@code {"status","body"}} (the webhook's).
     */
    HttpApiGateway.LocalAnswer handle(String method, String path, byte[] body) throws IOException {
        switch (path) {
            case "/integrations" -> {
                if (method.equals("GET")) {
                    return json(200, Map.of("integrations", status().integrations()));
                }
                if (!method.equals("POST")) {
                    return json(405, Map.of("message", "POST or GET /_local/clearinghouse/integrations"));
                }
                JsonNode req = parse(body);
                try {
                    connect(field(req, "practiceId"), field(req, "integrationId"), field(req, "secret"));
                } catch (IllegalArgumentException e) {
                    return json(400, Map.of("message", e.getMessage() + "; expected {\"practiceId\",\"integrationId\",\"secret\"}"));
                }
                return json(201, Map.of("practiceId", field(req, "practiceId"), "integrationId", field(req, "integrationId")));
            }
            case "/deliver" -> {
                if (!method.equals("POST")) {
                    return json(405, Map.of("message", "POST /_local/clearinghouse/deliver"));
                }
                JsonNode req = parse(body);
                if (field(req, "integrationId") == null || field(req, "body") == null
                        || req.has("timestamp") && !req.get("timestamp").canConvertToLong()) {
                    return json(400, Map.of("message", "expected {\"integrationId\",\"body\",\"contentType\"?,\"webhookId\"?,"
                            + "\"timestamp\"? (epoch seconds),\"forge\"?}"));
                }
                Delivery d = new Delivery(field(req, "integrationId"), field(req, "body"), field(req, "contentType"),
                        field(req, "webhookId"), req.hasNonNull("timestamp") ? req.get("timestamp").asLong() : null,
                        req.path("forge").asBoolean(false));
                try {
                    Answer a = deliver(d);
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("status", a.status());
                    out.put("body", a.body());
                    return json(200, out);
                } catch (UnknownIntegrationException e) {
                    return json(404, Map.of("message", e.getMessage()));
                } catch (java.io.UncheckedIOException e) {
                    return json(502, Map.of("message", e.getMessage()));
                }
            }
            default -> {
                return json(404, Map.of("message", "POST /_local/clearinghouse/integrations or /_local/clearinghouse/deliver"));
            }
        }
    }

    /** The /_local/clearinghouse answer when the local cloud runs without a simulator. */
    static HttpApiGateway.LocalAnswer off(String method, String path, byte[] body) throws IOException {
        return json(404, Map.of("message", "no clearinghouse simulator runs: start the local cloud with a clearinghouse responder"
                + " (LocalCloud.Options.clearinghouseResponder)"));
    }

    private static HttpApiGateway.LocalAnswer json(int status, Object value) throws IOException {
        return new HttpApiGateway.LocalAnswer(status, Json.MAPPER.writeValueAsString(value));
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode n = Json.MAPPER.readTree(body);
            return n == null ? Json.MAPPER.createObjectNode() : n;
        } catch (IOException e) {
            return Json.MAPPER.createObjectNode();
        }
    }

    private static String field(JsonNode n, String name) {
        return n.hasNonNull(name) ? n.get(name).asText() : null;
    }

    private static String text(AttributeValue v) {
        if (v == null) {
            return null;
        }
        return v.s() != null ? v.s() : v.b() != null ? v.b().asUtf8String() : null;
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() {
        running = false;
        if (reader != null) {
            reader.interrupt();
        }
        poster.shutdownNow();
    }
}
