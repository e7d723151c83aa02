package org.therapyops.localcloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lambda's Runtime API (2018-06-01) for one function process: hands it events on /invocation/next and completes
 * each invocation's future with what it posts back.
 */
public final class RuntimeApiServer implements AutoCloseable {

    private static final String PREFIX = "/2018-06-01/runtime/";

    private record Invocation(String requestId, byte[] event, Duration timeout, CompletableFuture<InvocationResult> result) {
    }

    private final String functionArn;
    private final HttpServer server;
    private final ExecutorService executor;
    private final LinkedBlockingDeque<Invocation> queue = new LinkedBlockingDeque<>();
    private final Map<String, Invocation> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger generation = new AtomicInteger();
    /** When each in-flight invocation's event was handed to the process (System.nanoTime()). */
    private final Map<String, Long> handedAt = new ConcurrentHashMap<>();
    private volatile java.util.function.LongConsumer onDuration = nanos -> { };
    private volatile CompletableFuture<Long> firstNext = new CompletableFuture<>();
    private volatile CompletableFuture<String> initError = new CompletableFuture<>();
    private volatile boolean closed;

    /** Binds a Runtime API on a free loopback port. */
    public RuntimeApiServer(String functionArn) {
        this.functionArn = functionArn;
        try {
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind the Runtime API: " + e.getMessage(), e);
        }
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "runtime-api-" + server.getAddress().getPort());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext(PREFIX, this::handle);
        server.start();
    }

    /** The value of AWS_LAMBDA_RUNTIME_API for the process this server serves. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues an event; the future completes with the function's response or error (never exceptionally). */
    public CompletableFuture<InvocationResult> invoke(byte[] event, Duration timeout) {
        Invocation inv = new Invocation(UUID.randomUUID().toString(), event, timeout, new CompletableFuture<>());
        queue.add(inv);
        return inv.result();
    }

    /**
     * Called with each invocation's duration in nanoseconds, as Lambda measures it: from handing the event to the
     * process until its response or error is posted (or until it is failed: timeout, exit).
     */
    public void onDuration(java.util.function.LongConsumer listener) {
        this.onDuration = listener;
    }

    private void ended(String requestId) {
        Long at = handedAt.remove(requestId);
        if (at != null) {
            onDuration.accept(System.nanoTime() - at);
        }
    }

    /** Completes (with System.nanoTime()) when the current process first asks for an event: its init is done. */
    public CompletableFuture<Long> firstNext() {
        return firstNext;
    }

    /** Completes with the error type when the current process reports an init error. */
    public CompletableFuture<String> initError() {
        return initError;
    }

    /**
     * Starts serving a new process: fails what the previous one had in flight, and stops handing events to the
     * long polls the dead process left open.
     */
    public void newProcess(String failInFlightWith, String message) {
        generation.incrementAndGet();
        failInFlight(failInFlightWith, message);
        firstNext = new CompletableFuture<>();
        initError = new CompletableFuture<>();
    }

    /** Fails every invocation the process is working on (timeout, exit). */
    public void failInFlight(String errorType, String message) {
        for (String id : inFlight.keySet()) {
            Invocation inv = inFlight.remove(id);
            if (inv != null) {
                ended(id);
                inv.result().complete(InvocationResult.error(id, errorType, message));
            }
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath().substring(PREFIX.length());
            String method = ex.getRequestMethod();
            if (method.equals("GET") && path.equals("invocation/next")) {
                next(ex);
            } else if (method.equals("POST") && path.equals("init/error")) {
                JsonNode body = readJson(ex);
                initError.complete(errorType(ex, body));
                send(ex, 202, "{\"status\":\"OK\"}");
            } else if (method.equals("POST") && path.startsWith("invocation/")) {
                String[] parts = path.split("/");
                Invocation inv = parts.length == 3 ? inFlight.remove(parts[1]) : null;
                if (inv == null) {
                    send(ex, 400, "{\"errorMessage\":\"unknown or finished request id\",\"errorType\":\"InvalidRequestID\"}");
                    return;
                }
                ended(inv.requestId());
                if (parts[2].equals("response")) {
                    inv.result().complete(InvocationResult.ok(inv.requestId(), readAll(ex.getRequestBody())));
                } else {
                    JsonNode body = readJson(ex);
                    String message = body.path("errorMessage").asText("");
                    inv.result().complete(InvocationResult.error(inv.requestId(), errorType(ex, body), message));
                }
                send(ex, 202, "{\"status\":\"OK\"}");
            } else {
                send(ex, 404, "{\"errorMessage\":\"not found\"}");
            }
        }
    }

    private void next(HttpExchange ex) throws IOException {
        int myGeneration = generation.get();
        firstNext.complete(System.nanoTime());
        Invocation inv;
        while (true) {
            try {
                inv = queue.poll(250, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (closed || myGeneration != generation.get()) {
                // This long poll belongs to a process that is gone: leave the event for its successor.
                if (inv != null) {
                    queue.addFirst(inv);
                }
                return;
            }
            if (inv != null && !inv.result().isDone()) {
                break;
            }
        }
        inFlight.put(inv.requestId(), inv);
        long deadline = System.currentTimeMillis() + inv.timeout().toMillis();
        var headers = ex.getResponseHeaders();
        // The RIC's native client crashes the JVM on a response without Content-Type.
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", inv.requestId());
        headers.set("Lambda-Runtime-Deadline-Ms", String.valueOf(deadline));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        headers.set("Lambda-Runtime-Trace-Id", "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000)
                + "-" + inv.requestId().replace("-", "").substring(0, 24) + ";Parent=" + inv.requestId().replace("-", "").substring(0, 16) + ";Sampled=0");
        handedAt.put(inv.requestId(), System.nanoTime());
        ex.sendResponseHeaders(200, inv.event().length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(inv.event());
        } catch (IOException gone) {
            inFlight.remove(inv.requestId());
            handedAt.remove(inv.requestId());
            queue.addFirst(inv);
        }
    }

    private static String errorType(HttpExchange ex, JsonNode body) {
        String header = ex.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
        if (header != null && !header.isBlank()) {
            return header;
        }
        String type = body.path("errorType").asText("");
        return type.isEmpty() ? "Unhandled" : type;
    }

    private static JsonNode readJson(HttpExchange ex) {
        try {
            return Json.MAPPER.readTree(readAll(ex.getRequestBody()));
        } catch (IOException | RuntimeException e) {
            return Json.MAPPER.createObjectNode();
        }
    }

    static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        closed = true;
        failInFlight("Runtime.Unavailable", "the local cloud is stopping");
        for (Invocation inv : queue) {
            inv.result().complete(InvocationResult.error(inv.requestId(), "Runtime.Unavailable", "the local cloud is stopping"));
        }
        queue.clear();
        server.stop(0);
        executor.shutdownNow();
    }
}
