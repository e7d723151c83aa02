package org.therapyops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.therapyops.localcloud.CapacityRules;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An HTTP proxy on loopback in front of the AWS emulator that records what the local cloud's processes ask of
 * DynamoDB, DynamoDB Streams, SQS and SES. DynamoDB requests pass one at a time; for writes the proxy reads each
 * written item straight from the emulator (GetItem, ConsistentRead, not recorded) just before forwarding and just
 * after the response, so the before/after images are exact. Everything is forwarded unchanged.
 */
final class RecordingProxy implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> HOP_HEADERS = Set.of("host", "content-length", "connection", "expect", "upgrade",
            "transfer-encoding", "keep-alive");

    /** One recorded request. service: dynamodb, streams, sqs or ses. */
    record Call(long at, String step, String caller, String service, String operation, JsonNode request, JsonNode response,
                int status, String errorType, List<CapacityRules.Image> images, boolean emptyPoll) {
    }

    private final URI upstream;
    private final HttpServer server;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "recording-proxy");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ReentrantLock dynamoLock = new ReentrantLock();
    private final Map<String, List<String>> keyNames = new ConcurrentHashMap<>();
    private final Map<String, String> jarLabels;
    private final List<Call> calls = new ArrayList<>();
    private volatile boolean recording;
    private volatile String step = "";
    private volatile long lastActivity = System.nanoTime();

    private RecordingProxy(URI upstream, Map<String, String> jarLabels) throws IOException {
        this.upstream = upstream;
        this.jarLabels = jarLabels;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(workers);
        server.createContext("/", this::handle);
        server.start();
    }

    /** jarLabels: deployable jar file name (api.jar) → function logical id, to name the calling process. */
    static RecordingProxy start(URI upstream, Map<String, String> jarLabels) throws IOException {
        return new RecordingProxy(upstream, jarLabels);
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void step(String name) {
        this.step = name;
    }

    void startRecording() {
        synchronized (calls) {
            calls.clear();
        }
        recording = true;
    }

    List<Call> stopRecording() {
        recording = false;
        synchronized (calls) {
            return new ArrayList<>(calls);
        }
    }

    /**
     * Waits until no request that does work (any DynamoDB, SQS or SES request other than stream reads and empty queue
     * polls) arrived or finished for the given time.
     */
    void awaitQuiet(long quietMillis, long maxMillis) throws InterruptedException {
        long deadline = System.nanoTime() + maxMillis * 1_000_000;
        while (System.nanoTime() < deadline) {
            if (System.nanoTime() - lastActivity >= quietMillis * 1_000_000 && !dynamoLock.isLocked()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the system did not become quiet within " + maxMillis + " ms");
    }

    // ------------------------------------------------------------------ forwarding

    private void handle(HttpExchange exchange) throws IOException {
        try {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            target = target == null ? "" : target;
            Forwarded forwarded;
            if (target.startsWith("DynamoDB_20120810.")) {
                forwarded = dynamo(exchange, target.substring(target.indexOf('.') + 1), body);
            } else {
                forwarded = forward(exchange, body);
                recordOther(exchange, target, body, forwarded);
            }
            respond(exchange, forwarded);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | IOException e) {
            byte[] message = ("recording proxy: " + e).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(502, message.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(message);
            }
        } finally {
            exchange.close();
        }
    }

    private record Forwarded(int status, Map<String, List<String>> headers, byte[] body) {
    }

    private Forwarded forward(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        URI uri = exchange.getRequestURI();
        HttpRequest.Builder request = HttpRequest.newBuilder(upstream.resolve(uri.getRawPath()
                        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase())) {
                values.forEach(v -> request.header(name, v));
            }
        });
        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Forwarded(response.statusCode(), response.headers().map(), response.body());
    }

    private static void respond(HttpExchange exchange, Forwarded forwarded) throws IOException {
        forwarded.headers().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase()) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, new ArrayList<>(values));
            }
        });
        boolean noBody = forwarded.body().length == 0 || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(forwarded.status(), noBody ? -1 : forwarded.body().length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(forwarded.body());
            }
        }
    }

    // ------------------------------------------------------------------ DynamoDB

    private Forwarded dynamo(HttpExchange exchange, String operation, byte[] body) throws IOException, InterruptedException {
        lastActivity = System.nanoTime();
        String caller = recording ? caller(exchange) : "";
        dynamoLock.lock();
        try {
            boolean record = recording;
            String stepAtArrival = step;
            JsonNode request = record ? JSON.readTree(body) : null;
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            List<CapacityRules.Image> images = new ArrayList<>();
            List<String[]> targets = new ArrayList<>(); // table, action
            List<JsonNode> keys = new ArrayList<>();
            if (record && CapacityRules.WRITES.contains(operation)) {
                writtenItems(operation, request, authorization, targets, keys);
            }
            List<JsonNode> before = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                before.add(read(targets.get(i)[0], keys.get(i), authorization));
            }
            Forwarded forwarded = forward(exchange, body);
            if (record) {
                for (int i = 0; i < keys.size(); i++) {
                    images.add(new CapacityRules.Image(targets.get(i)[0], targets.get(i)[1], keys.get(i), before.get(i),
                            read(targets.get(i)[0], keys.get(i), authorization)));
                }
                JsonNode response = forwarded.body().length == 0 ? null : JSON.readTree(forwarded.body());
                String error = forwarded.status() >= 400 && response != null ? errorType(response) : null;
                add(new Call(System.nanoTime(), stepAtArrival, caller, "dynamodb", operation, request, response,
                        forwarded.status(), error, images, false));
            }
            return forwarded;
        } finally {
            dynamoLock.unlock();
            lastActivity = System.nanoTime();
        }
    }

    private static String errorType(JsonNode response) {
        String type = response.path("__type").asText("");
        return type.substring(type.lastIndexOf('#') + 1);
    }

    /** The (table, action) and key of every item a write request touches, in request order. */
    private void writtenItems(String operation, JsonNode request, String authorization, List<String[]> targets,
                              List<JsonNode> keys) throws IOException, InterruptedException {
        switch (operation) {
            case "PutItem" -> {
                String table = request.path("TableName").asText();
                targets.add(new String[]{table, "Put"});
                keys.add(keyOf(table, request.get("Item"), authorization));
            }
            case "UpdateItem", "DeleteItem" -> {
                targets.add(new String[]{request.path("TableName").asText(), operation.replace("Item", "")});
                keys.add(request.get("Key"));
            }
            case "TransactWriteItems" -> {
                for (JsonNode item : request.path("TransactItems")) {
                    Map.Entry<String, JsonNode> action = item.fields().next();
                    String table = action.getValue().path("TableName").asText();
                    targets.add(new String[]{table, action.getKey()});
                    keys.add(action.getKey().equals("Put") ? keyOf(table, action.getValue().get("Item"), authorization)
                            : action.getValue().get("Key"));
                }
            }
            case "BatchWriteItem" -> {
                for (Iterator<Map.Entry<String, JsonNode>> it = request.path("RequestItems").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    for (JsonNode w : e.getValue()) {
                        if (w.has("PutRequest")) {
                            targets.add(new String[]{e.getKey(), "Put"});
                            keys.add(keyOf(e.getKey(), w.path("PutRequest").get("Item"), authorization));
                        } else {
                            targets.add(new String[]{e.getKey(), "Delete"});
                            keys.add(w.path("DeleteRequest").get("Key"));
                        }
                    }
                }
            }
            default -> { }
        }
    }

    private JsonNode keyOf(String table, JsonNode item, String authorization) throws IOException, InterruptedException {
        List<String> names = keyNames.get(table);
        if (names == null) {
            JsonNode described = call("DescribeTable", JSON.createObjectNode().put("TableName", table), authorization);
            names = new ArrayList<>();
            for (JsonNode k : described.path("Table").path("KeySchema")) {
                names.add(k.path("AttributeName").asText());
            }
            keyNames.put(table, names);
        }
        ObjectNode key = JSON.createObjectNode();
        for (String n : names) {
            key.set(n, item.get(n));
        }
        return key;
    }

    /** The item as it is now, read straight from the emulator (not recorded); null when there is none. */
    private JsonNode read(String table, JsonNode key, String authorization) throws IOException, InterruptedException {
        ObjectNode get = JSON.createObjectNode().put("TableName", table).put("ConsistentRead", true);
        get.set("Key", key);
        JsonNode item = call("GetItem", get, authorization).get("Item");
        return item == null || item.isEmpty() ? null : item;
    }

    private JsonNode call(String operation, JsonNode body, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(upstream.resolve("/"))
                .header("X-Amz-Target", "DynamoDB_20120810." + operation)
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(operation + " for the proxy's image failed: " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    // ------------------------------------------------------------------ streams, SQS, SES

    private void recordOther(HttpExchange exchange, String target, byte[] body, Forwarded forwarded) {
        String service;
        String operation;
        String text = new String(body, StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        if (target.startsWith("DynamoDBStreams_20120810.")) {
            service = "streams";
            operation = target.substring(target.indexOf('.') + 1);
        } else if (target.startsWith("AmazonSQS.")) {
            service = "sqs";
            operation = target.substring(target.indexOf('.') + 1);
        } else if (text.contains("Action=") && (text.contains("QueueUrl=") || text.contains("Action=SendMessage")
                || text.contains("Action=ReceiveMessage") || text.contains("Action=DeleteMessage"))) {
            service = "sqs";
            operation = formValue(text, "Action");
        } else if (path.startsWith("/v2/email/outbound-emails") || text.contains("Action=SendEmail") || text.contains("Action=SendRawEmail")) {
            service = "ses";
            operation = "SendEmail";
        } else {
            return; // the emulator's own API, queue set-up...
        }
        String responseText = new String(forwarded.body(), StandardCharsets.UTF_8);
        boolean emptyPoll = service.equals("streams")
                || operation.equals("ReceiveMessage") && !responseText.contains("\"Messages\"") && !responseText.contains("<Message>");
        if (!emptyPoll) {
            lastActivity = System.nanoTime();
        }
        if (recording) {
            add(new Call(System.nanoTime(), step, service.equals("streams") ? "local cloud (stream mapping)" : caller(exchange),
                    service, operation, null, null, forwarded.status(), null, List.of(), emptyPoll));
        }
    }

    private static String formValue(String form, String name) {
        for (String pair : form.split("&")) {
            if (pair.startsWith(name + "=")) {
                return java.net.URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return "?";
    }

    private void add(Call call) {
        synchronized (calls) {
            calls.add(call);
        }
    }

    // ------------------------------------------------------------------ who called

    /**
     * The process on the other end of the connection, found through /proc (Linux): the socket's inode in
     * /proc/net/tcp, then the descendant process holding it. Named by its deployable jar, else "local cloud" for this
     * JVM (event source mappings), else "unknown".
     */
    private String caller(HttpExchange exchange) {
        try {
            int port = exchange.getRemoteAddress().getPort();
            int proxyPort = server.getAddress().getPort();
            String inode = null;
            for (String file : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
                Path p = Path.of(file);
                if (!Files.exists(p)) {
                    continue;
                }
                for (String line : Files.readAllLines(p)) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 9 && f[1].contains(":") && f[2].contains(":")
                            && Integer.parseInt(f[1].substring(f[1].lastIndexOf(':') + 1), 16) == port
                            && Integer.parseInt(f[2].substring(f[2].lastIndexOf(':') + 1), 16) == proxyPort) {
                        inode = f[9];
                    }
                }
            }
            if (inode == null) {
                return "unknown";
            }
            String socket = "socket:[" + inode + "]";
            List<ProcessHandle> candidates = new ArrayList<>();
            candidates.add(ProcessHandle.current());
            ProcessHandle.current().descendants().forEach(candidates::add);
            for (ProcessHandle process : candidates) {
                Path fds = Path.of("/proc/" + process.pid() + "/fd");
                try (var links = Files.list(fds)) {
                    boolean holds = links.anyMatch(l -> {
                        try {
                            return Files.readSymbolicLink(l).toString().equals(socket);
                        } catch (IOException e) {
                            return false;
                        }
                    });
                    if (holds) {
                        return label(process);
                    }
                } catch (IOException ignored) {
                    // process gone
                }
            }
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
        return "unknown";
    }

    private String label(ProcessHandle process) throws IOException {
        if (process.pid() == ProcessHandle.current().pid()) {
            return "local cloud (mappings)";
        }
        String cmdline = Files.readString(Path.of("/proc/" + process.pid() + "/cmdline")).replace('\0', ' ');
        for (Map.Entry<String, String> jar : jarLabels.entrySet()) {
            if (cmdline.contains("/" + jar.getKey())) {
                return jar.getValue();
            }
        }
        return "pid " + process.pid();
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
