package org.therapyops.localcloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A function's AWS endpoint: checks each call against the function's IAM policy statements from the template (its
 * {@code Policies}), as Lambda's execution role would, and forwards the allowed ones to the emulator. A call the policy
 * does not allow gets AccessDenied, so a permission missing from template.yaml fails a test instead of a deployment.
 *
 * <p>Understood: DynamoDB and SQS (JSON protocol, {@code X-Amz-Target}: action from the target, resources from the
 * body's table, index and queue), and SES v2 SendEmail (resource: the sender identity). Any other call is forwarded
 * unchecked. Only Allow statements with Action and Resource are read (no conditions, no NotAction).
 */
final class IamGate implements AutoCloseable {

    /** One Allow statement: action and resource patterns ({@code *} wildcards, actions case-insensitive). */
    record Statement(List<Pattern> actions, List<Pattern> resources) {
    }

    /** What a call needs: one action on one resource. */
    record Need(String action, String resource) {
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
    private final HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private IamGate(String function, List<Statement> statements, Arns arns, URI target, PrintStream console) throws IOException {
        this.function = function;
        this.statements = statements;
        this.arns = arns;
        this.target = target;
        this.console = console;
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
        try {
            return new IamGate(function, statements(policies), arns, target, console);
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

    /** The action-resource pairs a request needs; empty for a call this gate does not understand. */
    List<Need> needs(String method, String path, String amzTarget, JsonNode body) {
        List<Need> needs = new ArrayList<>();
        if (amzTarget != null && amzTarget.startsWith("DynamoDB_20120810.")) {
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
            String op = amzTarget.substring(amzTarget.indexOf('.') + 1);
            String queue = body.hasNonNull("QueueUrl") ? body.get("QueueUrl").asText() : body.path("QueueName").asText();
            needs.add(new Need("sqs:" + op, arns.queue(queue)));
        } else if ("POST".equals(method) && path.startsWith("/v2/email/outbound-emails")) {
            String from = body.path("FromEmailAddress").asText("");
            String address = from.contains("<") ? from.substring(from.indexOf('<') + 1, from.indexOf('>')) : from;
            needs.add(new Need("ses:SendEmail", arns.emailIdentity(address.strip())));
        }
        return needs;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String amzTarget = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String path = exchange.getRequestURI().getRawPath();
            JsonNode json = body.length == 0 ? Json.MAPPER.createObjectNode() : parse(body);
            for (Need need : needs(exchange.getRequestMethod(), path, amzTarget, json)) {
                if (!allows(need)) {
                    deny(exchange, need, amzTarget);
                    return;
                }
            }
            forward(exchange, body);
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException notJson) {
            return Json.MAPPER.createObjectNode();
        }
    }

    private void deny(HttpExchange exchange, Need need, String amzTarget) throws IOException {
        String message = "User: arn:aws:sts::" + TemplateResolver.ACCOUNT_ID + ":assumed-role/" + function
                + " is not authorized to perform: " + need.action() + " on resource: " + need.resource()
                + " because no identity-based policy allows the " + need.action() + " action";
        console.println("[local-cloud] IAM denied " + function + ": " + need.action() + " on " + need.resource()
                + " (add it to the function's Policies in template.yaml)");
        byte[] out = Json.MAPPER.writeValueAsBytes(Map.of("__type", "com.amazonaws.dynamodb.v20120810#AccessDeniedException",
                "message", message, "Message", message));
        exchange.getResponseHeaders().set("Content-Type", amzTarget == null ? "application/json" : "application/x-amz-json-1.0");
        exchange.getResponseHeaders().set("x-amzn-ErrorType", "AccessDeniedException");
        exchange.getResponseHeaders().set("x-amzn-query-error", "AccessDenied;Sender");
        exchange.sendResponseHeaders(amzTarget == null ? 403 : 400, out.length);
        try (OutputStream o = exchange.getResponseBody()) {
            o.write(out);
        }
    }

    private void forward(HttpExchange exchange, byte[] body) throws IOException {
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
        response.headers().map().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        byte[] out = response.body();
        exchange.sendResponseHeaders(response.statusCode(), out.length == 0 ? -1 : out.length);
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
