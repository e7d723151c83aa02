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
 * <p>Started with a {@link CapacityMeter} and {@link CloudUsage}, the gate also counts what each allowed call is billed
 * as, for the function: where the local cloud's cost figures come from.
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
    private final Arns arns;
    private final URI target;
    private final PrintStream console;
    private final CapacityMeter capacity;
    private final CloudUsage usage;
    private final HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private IamGate(String function, List<Statement> statements, Arns arns, URI target, PrintStream console,
                    CapacityMeter capacity, CloudUsage usage) throws IOException {
        this.function = function;
        this.statements = statements;
        this.arns = arns;
        this.target = target;
        this.console = console;
        this.capacity = capacity;
        this.usage = usage;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "iam-gate-" + function);
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    static IamGate start(String function, Object policies, Arns arns, URI target, PrintStream console) {
        return start(function, policies, arns, target, console, null, null);
    }

    /**
     * A gate that also meters what it forwards: DynamoDB through {@code capacity} (units by AWS's rules, reported to the
     * function when it asks), SQS, SES and S3 requests counted for the function in {@code usage} ({@link RequestMeter}).
     */
    static IamGate start(String function, Object policies, Arns arns, URI target, PrintStream console, CapacityMeter capacity,
                         CloudUsage usage) {
        try {
            return new IamGate(function, statements(policies), arns, target, console, capacity, usage);
        } catch (IOException e) {
            throw new IllegalStateException("IAM gate of " + function + ": " + e.getMessage(), e);
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
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

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Call call = new Call(exchange.getRequestMethod().toUpperCase(Locale.ROOT), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body);
            for (Need need : needs(call)) {
                if (!allows(need)) {
                    deny(exchange, call, need);
                    return;
                }
            }
            String amzTarget = call.header("X-Amz-Target");
            String operation = amzTarget == null ? "" : amzTarget.substring(amzTarget.indexOf('.') + 1);
            CapacityMeter.Answer answer;
            if (capacity != null && amzTarget != null && amzTarget.startsWith("DynamoDB_20120810.") && CapacityMeter.meters(operation)) {
                answer = capacity.forward(function, operation, body, call.header("Authorization"), () -> send(exchange, body));
            } else {
                answer = send(exchange, body);
                if (usage != null) {
                    RequestMeter.count(function, call, answer.status(), answer.body(), usage);
                }
            }
            reply(exchange, answer);
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

    /** The emulator's answer to the request as it came. */
    private CapacityMeter.Answer send(HttpExchange exchange, byte[] body) throws IOException {
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
        return new CapacityMeter.Answer(response.statusCode(), response.headers().map(), response.body());
    }

    private static void reply(HttpExchange exchange, CapacityMeter.Answer answer) throws IOException {
        boolean head = exchange.getRequestMethod().equalsIgnoreCase("HEAD");
        answer.headers().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            // A HEAD answer's Content-Length is the object's size (S3 HeadObject), not the length of a body.
            if ((!HOP_HEADERS.contains(lower) || head && lower.equals("content-length")) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        byte[] out = answer.body();
        exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
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
        server.stop(0);
    }
}
