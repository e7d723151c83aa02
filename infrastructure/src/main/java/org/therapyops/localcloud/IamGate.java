package org.therapyops.localcloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A function's AWS endpoint: checks each call against the function's IAM policy statements from the template (its
 * {@code Policies}), as Lambda's execution role would, and forwards the allowed ones to the emulator. A call the policy
 * does not allow gets AccessDenied, so a permission missing from template.yaml fails a test instead of a deployment.
 *
 * <p>Understood: DynamoDB and SQS (JSON protocol, {@code X-Amz-Target}: action from the target, resources from the
 * body's table, index and queue), SES v2 SendEmail (resource: the sender identity), and S3 in path style (a request
 * signed for {@code s3}: action from the method and subresource, resource {@code arn:aws:s3:::<bucket>} or
 * {@code arn:aws:s3:::<bucket>/<key>}). Any other call is forwarded unchecked. Only Allow statements with Action and
 * Resource are read (no conditions, no NotAction). A denial answers in the service's own error shape, so the SDK
 * raises the exception it raises on AWS.
 *
 * <p>Metered ({@link #meter}), the gate also counts what each forwarded call is billed as, for the function: where the
 * local cloud's cost figures come from.
 */
final class IamGate implements AutoCloseable {

    /** One Allow statement: action and resource patterns ({@code *} wildcards, actions case-insensitive). */
    record Statement(List<Pattern> actions, List<Pattern> resources) {
    }

    /** What a call needs: one action on one resource. */
    record Need(String action, String resource) {
        String service() {
            return action.substring(0, Math.max(0, action.indexOf(':'))).toLowerCase(Locale.ROOT);
        }
    }

    /** One request as it reached the gate; header names case-insensitive. */
    record Call(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            for (Map.Entry<String, List<String>> h : headers.entrySet()) {
                if (h.getKey().equalsIgnoreCase(name) && !h.getValue().isEmpty()) {
                    return h.getValue().get(0);
                }
            }
            return null;
        }

        /** Query parameters, decoded, in order; a parameter without a value maps to "". */
        Map<String, String> query() {
            Map<String, String> out = new LinkedHashMap<>();
            if (rawQuery != null && !rawQuery.isEmpty()) {
                for (String pair : rawQuery.split("&")) {
                    int eq = pair.indexOf('=');
                    out.putIfAbsent(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
                }
            }
            return out;
        }
    }

    /** Resource ARNs of the emulator's tables and queues, by table name and by queue URL or name. */
    interface Arns {
        String table(String name);

        String queue(String urlOrName);

        String emailIdentity(String identity);
    }

    private static final Set<String> HOP_HEADERS = Set.of("connection", "content-length", "expect", "host", "upgrade",
            "transfer-encoding", "keep-alive");

    private final String function;
    private final List<Statement> statements;
    private final boolean enforce;
    private final Arns arns;
    private final URI target;
    private final PrintStream console;
    private final FaultInjector faults;
    private final ClientRequestTokens tokens;
    private volatile CapacityMeter capacity;
    private volatile CloudUsage usage;
    /** One port per instance of the function, so that a call tells which process made it. */
    private final List<HttpServer> servers = new ArrayList<>();
    private final java.util.concurrent.ExecutorService executor;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private IamGate(String function, List<Statement> statements, boolean enforce, Arns arns, URI target, PrintStream console,
                    int instances, FaultInjector faults, ClientRequestTokens tokens) throws IOException {
        this.function = function;
        this.tokens = tokens;
        this.statements = statements;
        this.enforce = enforce;
        this.arns = arns;
        this.target = target;
        this.console = console;
        this.faults = faults;
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "iam-gate-" + function);
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < Math.max(1, instances); i++) {
            int instance = i;
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> handle(exchange, instance));
            server.setExecutor(executor);
            server.start();
            servers.add(server);
        }
    }

    static IamGate start(String function, Object policies, Arns arns, URI target, PrintStream console) {
        return start(function, policies, true, arns, target, console, 1, null, new ClientRequestTokens());
    }

    /**
     * A gate for a function's instances: {@code enforce} checks calls against the policies (else every call is
     * forwarded, for Options.enforceIam(false) with faults on); {@code faults}, null for none, fails and delays calls
     * and fires armed crashes; {@code tokens}, shared by every gate of a cloud, makes TransactWriteItems idempotent
     * by its ClientRequestToken as DynamoDB does (null: forwarded as is, as moto takes it).
     */
    static IamGate start(String function, Object policies, boolean enforce, Arns arns, URI target, PrintStream console,
                         int instances, FaultInjector faults, ClientRequestTokens tokens) {
        try {
            return new IamGate(function, statements(policies), enforce, arns, target, console, instances, faults, tokens);
        } catch (IOException e) {
            throw new IllegalStateException("IAM gate of " + function + ": " + e.getMessage(), e);
        }
    }

    /** The first instance's endpoint. */
    URI endpoint() {
        return endpoint(0);
    }

    /** The endpoint an instance of the function calls AWS at. */
    URI endpoint(int instance) {
        return URI.create("http://127.0.0.1:" + servers.get(instance).getAddress().getPort());
    }

    /** The Allow statements of a function's resolved {@code Policies} (inline policy documents). */
    static List<Statement> statements(Object policies) {
        List<Statement> out = new ArrayList<>();
        if (!(policies instanceof List<?> documents)) {
            return out;
        }
        for (Object document : documents) {
            for (Object s : list(Template.mapOf(document).get("Statement"))) {
                Map<String, Object> statement = Template.mapOf(s);
                if (!"Allow".equals(String.valueOf(statement.get("Effect")))) {
                    continue;
                }
                out.add(new Statement(list(statement.get("Action")).stream().map(a -> glob(String.valueOf(a), true)).toList(),
                        list(statement.get("Resource")).stream().map(r -> glob(String.valueOf(r), false)).toList()));
            }
        }
        return out;
    }

    boolean allows(Need need) {
        for (Statement s : statements) {
            if (s.actions().stream().anyMatch(p -> p.matcher(need.action()).matches())
                    && s.resources().stream().anyMatch(p -> p.matcher(need.resource()).matches())) {
                return true;
            }
        }
        return false;
    }

    /** What a JSON-protocol call (DynamoDB, SQS, SES v2) needs, for callers that have its parsed body. */
    List<Need> needs(String method, String path, String amzTarget, JsonNode body) {
        Map<String, List<String>> headers = amzTarget == null ? Map.of() : Map.of("X-Amz-Target", List.of(amzTarget));
        return needs(new Call(method, path, null, headers, body.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** The action-resource pairs a request needs; empty for a call this gate does not understand. */
    List<Need> needs(Call call) {
        List<Need> needs = new ArrayList<>();
        String amzTarget = call.header("X-Amz-Target");
        if (amzTarget != null && amzTarget.startsWith("DynamoDB_20120810.")) {
            JsonNode body = json(call.body());
            String op = amzTarget.substring(amzTarget.indexOf('.') + 1);
            switch (op) {
                case "TransactWriteItems", "TransactGetItems" -> {
                    for (JsonNode item : body.path("TransactItems")) {
                        Iterator<Map.Entry<String, JsonNode>> kinds = item.fields();
                        while (kinds.hasNext()) {
                            Map.Entry<String, JsonNode> kind = kinds.next();
                            String action = switch (kind.getKey()) {
                                case "ConditionCheck" -> "ConditionCheckItem";
                                default -> kind.getKey() + "Item";
                            };
                            needs.add(new Need("dynamodb:" + action, arns.table(kind.getValue().path("TableName").asText())));
                        }
                    }
                }
                case "BatchGetItem", "BatchWriteItem" -> body.path("RequestItems").fieldNames()
                        .forEachRemaining(table -> needs.add(new Need("dynamodb:" + op, arns.table(table))));
                default -> {
                    String table = arns.table(body.path("TableName").asText());
                    String index = body.path("IndexName").asText("");
                    needs.add(new Need("dynamodb:" + op, index.isEmpty() ? table : table + "/index/" + index));
                }
            }
        } else if (amzTarget != null && amzTarget.startsWith("AmazonSQS.")) {
            JsonNode body = json(call.body());
            String op = amzTarget.substring(amzTarget.indexOf('.') + 1);
            String queue = body.hasNonNull("QueueUrl") ? body.get("QueueUrl").asText() : body.path("QueueName").asText();
            needs.add(new Need("sqs:" + op, arns.queue(queue)));
        } else if ("s3".equals(signingService(call))) {
            needs.addAll(S3Needs.of(call));
        } else if ("POST".equals(call.method()) && call.rawPath().startsWith("/v2/email/outbound-emails")) {
            String from = json(call.body()).path("FromEmailAddress").asText("");
            String address = from.contains("<") ? from.substring(from.indexOf('<') + 1, from.indexOf('>')) : from;
            needs.add(new Need("ses:SendEmail", arns.emailIdentity(address.strip())));
        }
        return needs;
    }

    /** The service a SigV4 request is signed for: the fourth part of its credential scope (header or presigned URL). */
    static String signingService(Call call) {
        String credential = null;
        String authorization = call.header("Authorization");
        if (authorization != null && authorization.contains("Credential=")) {
            credential = authorization.substring(authorization.indexOf("Credential=") + "Credential=".length());
            int end = credential.indexOf(',');
            credential = end < 0 ? credential : credential.substring(0, end);
        } else if (call.rawQuery() != null) {
            credential = call.query().get("X-Amz-Credential");
        }
        if (credential == null) {
            return null;
        }
        String[] scope = credential.trim().split("/");
        return scope.length >= 5 ? scope[3] : null;
    }

    private void handle(HttpExchange exchange, int instance) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Call call = new Call(exchange.getRequestMethod().toUpperCase(Locale.ROOT), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body);
            List<Need> needs = needs(call);
            if (enforce) {
                for (Need need : needs) {
                    if (!allows(need)) {
                        deny(exchange, call, need);
                        return;
                    }
                }
            }
            String service = needs.isEmpty() ? signingService(call) : needs.get(0).service();
            boolean loseAnswer = false;
            if (faults != null) {
                FaultInjector.GateFault fault = faults.atGate(function, service);
                if (fault != null && fault.kind().equals(FaultInjector.LOST)) {
                    loseAnswer = true;
                } else if (fault != null && !fault.kind().equals(FaultInjector.LATENCY)) {
                    inject(exchange, call, service, fault);
                    return;
                } else if (fault != null) {
                    sleep(fault.delayMs());
                }
            }
            String token = null;
            if (tokens != null && "DynamoDB_20120810.TransactWriteItems".equals(call.header("X-Amz-Target"))) {
                JsonNode request = json(body);
                token = ClientRequestTokens.token(request);
                if (token != null && tokens.decide(token, request) instanceof ClientRequestTokens.Reply reply) {
                    // Answered as DynamoDB answers a repeated token: nothing reaches the emulator.
                    answer(exchange, loseAnswer ? lostAnswer(service) : reply.answer());
                    return;
                }
            }
            ClientRequestTokens.Answer answer;
            try {
                answer = metered(call, body, () -> forward(exchange, body));
            } catch (IOException | RuntimeException e) {
                if (token != null) {
                    tokens.completed(token, null);
                }
                throw e;
            }
            if (token != null) {
                tokens.completed(token, answer);
            }
            if (faults != null && isWrite(call) && answer.status() < 300) {
                Runnable crash = faults.afterWrite(function, instance);
                if (crash != null) {
                    // An armed crash fires: the write went through and the process is gone before it hears so.
                    crash.run();
                    return;
                }
            }
            answer(exchange, loseAnswer ? lostAnswer(service) : answer);
        }
    }

    /**
     * Meters what the gate forwards, for the function: DynamoDB through the {@link CapacityMeter} (units by AWS's rules,
     * returned as the answer's ConsumedCapacity when the call asks), SQS, SES and S3 by {@link RequestMeter}; calls
     * answered by an injected fault never reach here (AWS bills no throttle).
     */
    void meter(CapacityMeter capacity, CloudUsage usage) {
        this.capacity = capacity;
        this.usage = usage;
    }

    private ClientRequestTokens.Answer metered(Call call, byte[] body, CapacityMeter.Forwarder forwarder) throws IOException {
        String amzTarget = call.header("X-Amz-Target");
        String operation = amzTarget == null ? "" : amzTarget.substring(amzTarget.indexOf('.') + 1);
        CapacityMeter c = capacity;
        if (c != null && amzTarget != null && amzTarget.startsWith("DynamoDB_20120810.") && CapacityMeter.meters(operation)) {
            return c.forward(function, operation, body, call.header("Authorization"), forwarder);
        }
        ClientRequestTokens.Answer answer = forwarder.forward();
        CloudUsage u = usage;
        if (u != null) {
            RequestMeter.count(function, call, answer.status(), answer.body(), u);
        }
        return answer;
    }

    /** What the client hears when its answer is lost after AWS applied the call: the service's 500. */
    private static ClientRequestTokens.Answer lostAnswer(String service) throws IOException {
        Denial d = serverError(service == null ? "dynamodb" : service);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        d.headers().forEach((k, v) -> headers.put(k, List.of(v)));
        return new ClientRequestTokens.Answer(d.status(), headers, d.body());
    }

    /** Whether a call changes something at AWS (the writes after which an armed crash fires). */
    static boolean isWrite(Call call) {
        String amzTarget = call.header("X-Amz-Target");
        if (amzTarget != null) {
            String op = amzTarget.substring(amzTarget.indexOf('.') + 1);
            if (amzTarget.startsWith("DynamoDB_20120810.")) {
                return Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems").contains(op);
            }
            if (amzTarget.startsWith("AmazonSQS.")) {
                return op.startsWith("Send") || op.startsWith("Delete") || op.startsWith("ChangeMessageVisibility")
                        || op.equals("PurgeQueue");
            }
            return false;
        }
        if ("s3".equals(signingService(call))) {
            return Set.of("PUT", "POST", "DELETE").contains(call.method());
        }
        return "POST".equals(call.method()) && call.rawPath().startsWith("/v2/email/outbound-emails");
    }

    /** Answers a call with an injected fault instead of forwarding it (nothing reaches AWS). */
    private void inject(HttpExchange exchange, Call call, String service, FaultInjector.GateFault fault) throws IOException {
        if (fault.kind().equals(FaultInjector.TIMEOUT)) {
            // Held past the SDK's socket timeout, then dropped unanswered: the SDK has given up and retried by then.
            sleep(fault.delayMs());
            return;
        }
        Denial d = fault.kind().equals(FaultInjector.THROTTLE) ? throttle(service, faults.draw("kind/" + function) < 0.5)
                : serverError(service);
        d.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        boolean head = call.method().equals("HEAD");
        exchange.sendResponseHeaders(d.status(), head ? -1 : d.body().length);
        if (!head) {
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(d.body());
            }
        }
    }

    /** A service's throttling error as it sends it; for DynamoDB one of its two kinds. */
    static Denial throttle(String service, boolean first) throws IOException {
        String requestId = UUID.randomUUID().toString();
        return switch (service) {
            case "s3" -> s3Error(503, "SlowDown", "Please reduce your request rate.", requestId);
            case "ses" -> new Denial(429, Map.of("Content-Type", "application/json", "x-amzn-ErrorType", "TooManyRequestsException",
                    "x-amzn-RequestId", requestId), Json.MAPPER.writeValueAsBytes(Map.of("message", "Too many requests")));
            case "sqs" -> new Denial(400, Map.of("Content-Type", "application/x-amz-json-1.0", "x-amzn-RequestId", requestId,
                    "x-amzn-query-error", "RequestThrottled;Sender"), Json.MAPPER.writeValueAsBytes(Map.of(
                    "__type", "com.amazonaws.sqs#RequestThrottled", "message", "Request is throttled.")));
            default -> first
                    ? dynamoError(400, "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",
                            "The level of configured provisioned throughput for the table was exceeded.", requestId)
                    : dynamoError(400, "com.amazon.coral.availability#ThrottlingException", "Rate of requests exceeds the allowed throughput.",
                            requestId);
        };
    }

    /** A service's 500 as it sends it. */
    static Denial serverError(String service) throws IOException {
        String requestId = UUID.randomUUID().toString();
        return switch (service) {
            case "s3" -> s3Error(500, "InternalError", "We encountered an internal error. Please try again.", requestId);
            case "ses" -> new Denial(500, Map.of("Content-Type", "application/json", "x-amzn-ErrorType", "InternalServiceErrorException",
                    "x-amzn-RequestId", requestId), Json.MAPPER.writeValueAsBytes(Map.of("message", "Internal service error")));
            case "sqs" -> new Denial(500, Map.of("Content-Type", "application/x-amz-json-1.0", "x-amzn-RequestId", requestId,
                    "x-amzn-query-error", "InternalError;Receiver"), Json.MAPPER.writeValueAsBytes(Map.of(
                    "__type", "com.amazonaws.sqs#InternalError", "message", "We encountered an internal error. Please try again.")));
            default -> dynamoError(500, "com.amazonaws.dynamodb.v20120810#InternalServerError", "Internal server error", requestId);
        };
    }

    private static Denial dynamoError(int status, String type, String message, String requestId) throws IOException {
        return new Denial(status, Map.of("Content-Type", "application/x-amz-json-1.0", "x-amzn-RequestId", requestId,
                "x-amzn-ErrorType", type.substring(type.indexOf('#') + 1)), Json.MAPPER.writeValueAsBytes(Map.of("__type", type,
                "message", message)));
    }

    private static Denial s3Error(int status, String code, String message, String requestId) {
        return new Denial(status, Map.of("Content-Type", "application/xml", "x-amz-request-id", requestId, "x-amz-id-2", requestId),
                ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + message
                        + "</Message><RequestId>" + requestId + "</RequestId><HostId>" + requestId + "</HostId></Error>")
                        .getBytes(StandardCharsets.UTF_8));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static JsonNode json(byte[] body) {
        try {
            JsonNode n = body.length == 0 ? null : Json.MAPPER.readTree(body);
            return n == null ? Json.MAPPER.createObjectNode() : n;
        } catch (IOException notJson) {
            return Json.MAPPER.createObjectNode();
        }
    }

    static String decode(String s) {
        // a path or query component: '+' is a plus sign, not a space
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private void deny(HttpExchange exchange, Call call, Need need) throws IOException {
        String message = "User: arn:aws:sts::" + TemplateResolver.ACCOUNT_ID + ":assumed-role/" + function
                + " is not authorized to perform: " + need.action() + " on resource: " + need.resource()
                + " because no identity-based policy allows the " + need.action() + " action";
        console.println("[local-cloud] IAM denied " + function + ": " + need.action() + " on " + need.resource()
                + " (add it to the function's Policies in template.yaml)");
        Denial d = denial(need, message);
        d.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        boolean head = call.method().equals("HEAD");
        exchange.sendResponseHeaders(d.status(), head ? -1 : d.body().length);
        if (!head) {
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(d.body());
            }
        }
    }

    /** An AccessDenied answer as the service sends it. */
    record Denial(int status, Map<String, String> headers, byte[] body) {
    }

    static Denial denial(Need need, String message) throws IOException {
        String requestId = UUID.randomUUID().toString();
        return switch (need.service()) {
            // REST-XML: the SDK reads the code from the XML; HEAD answers carry no body, only the status.
            case "s3" -> new Denial(403, Map.of("Content-Type", "application/xml", "x-amz-request-id", requestId,
                    "x-amz-id-2", requestId), ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code><Message>"
                    + xml(message) + "</Message><RequestId>" + requestId + "</RequestId><HostId>" + requestId
                    + "</HostId></Error>").getBytes(StandardCharsets.UTF_8));
            // REST-JSON: the error type travels in a header.
            case "ses" -> new Denial(403, Map.of("Content-Type", "application/json", "x-amzn-ErrorType", "AccessDeniedException",
                    "x-amzn-RequestId", requestId), Json.MAPPER.writeValueAsBytes(Map.of("message", message)));
            // JSON 1.0 with the query-compatible code SQS's SDKs read first; 403 as SQS's query protocol answers it.
            case "sqs" -> new Denial(403, Map.of("Content-Type", "application/x-amz-json-1.0", "x-amzn-RequestId", requestId,
                    "x-amzn-query-error", "AccessDenied;Sender"), Json.MAPPER.writeValueAsBytes(Map.of(
                    "__type", "com.amazon.coral.service#AccessDeniedException", "message", message)));
            default -> new Denial(400, Map.of("Content-Type", "application/x-amz-json-1.0", "x-amzn-RequestId", requestId,
                    "x-amzn-ErrorType", "AccessDeniedException"), Json.MAPPER.writeValueAsBytes(Map.of(
                    "__type", "com.amazonaws.dynamodb.v20120810#AccessDeniedException", "message", message)));
        };
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Forwards the call to the emulator; its answer. */
    private ClientRequestTokens.Answer forward(HttpExchange exchange, byte[] body) throws IOException {
        URI uri = target.resolve(exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(120))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        boolean head = exchange.getRequestMethod().equalsIgnoreCase("HEAD");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            // A HEAD answer's Content-Length is the object's size (S3 HeadObject), not the length of a body.
            if ((!HOP_HEADERS.contains(lower) || head && lower.equals("content-length")) && !name.startsWith(":")) {
                headers.put(name, values);
            }
        });
        return new ClientRequestTokens.Answer(response.statusCode(), headers, response.body());
    }

    /** Sends an answer to the function. */
    private static void answer(HttpExchange exchange, ClientRequestTokens.Answer answer) throws IOException {
        answer.headers().forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
        boolean head = exchange.getRequestMethod().equalsIgnoreCase("HEAD");
        byte[] out = answer.body();
        exchange.sendResponseHeaders(answer.status(), head || out.length == 0 ? -1 : out.length);
        if (!head && out.length > 0) {
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(out);
            }
        }
    }

    private static List<?> list(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> l ? l : List.of(value);
    }

    private static Pattern glob(String value, boolean ignoreCase) {
        String regex = Arrays.stream(value.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining(".*"));
        return Pattern.compile(regex, ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
    }

    @Override
    public void close() {
        servers.forEach(server -> server.stop(0));
        executor.shutdownNow();
    }
}
