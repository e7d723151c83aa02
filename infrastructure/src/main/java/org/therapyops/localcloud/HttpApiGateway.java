package org.therapyops.localcloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * API Gateway's HTTP API on loopback: routes (most specific wins), payload format 2.0, CORS, the JWT authorizer,
 * plus the runner's own /_local endpoints (issuer discovery, JWKS, dev tokens, status).
 */
public final class HttpApiGateway implements AutoCloseable {

    /** One route of the API. {@code authorizer} null = open. */
    public record Route(String method, String path, LambdaFunction function, JwtAuthorizer authorizer) {
        String routeKey() {
            return path.equals("$default") ? "$default" : method + " " + path;
        }

        List<String> segments() {
            return path.equals("$default") ? List.of() : segmentsOf(path);
        }
    }

    /** The HttpApi's CorsConfiguration. */
    public record Cors(List<String> allowOrigins, List<String> allowHeaders, List<String> allowMethods,
                       List<String> exposeHeaders, Integer maxAge, boolean allowCredentials) {
    }

    /** A runner endpoint under /_local/ served by another part of the local cloud; path is relative to its prefix. */
    @FunctionalInterface
    public interface LocalRoute {
        LocalAnswer handle(String method, String path, byte[] body) throws IOException;
    }

    /** A LocalRoute's JSON answer. */
    public record LocalAnswer(int status, String json) {
    }

    private static final DateTimeFormatter REQUEST_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US)
            .withZone(ZoneOffset.UTC);

    private final HttpServer server;
    private final ExecutorService executor;
    private final PrintStream console;
    private volatile List<Route> routes = List.of();
    private volatile Cors cors;
    private volatile TokenIssuer issuer;
    private volatile Supplier<Status> status;
    private volatile java.util.function.BiFunction<String, String, InvocationResult> runSchedule;
    private volatile Supplier<List<SentEmail>> sentEmails;
    private final Map<String, LocalRoute> localRoutes = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile ConsoleSite consoleSite;

    /** Binds 127.0.0.1:port (0 = ephemeral) now, so that the issuer URL is known before functions start. */
    public HttpApiGateway(int port, PrintStream console) {
        this.console = console;
        try {
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind the HTTP API on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        this.executor = Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "http-api");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public void configure(List<Route> routes, Cors cors, TokenIssuer issuer, Supplier<Status> status) {
        List<Route> sorted = new ArrayList<>(routes);
        sorted.sort(SPECIFICITY);
        this.cors = cors;
        this.issuer = issuer;
        this.status = status;
        this.routes = List.copyOf(sorted);
    }

    /** The runner's own actions: run a schedule now (null result = no such schedule), list the emails sent. */
    public void setLocalActions(java.util.function.BiFunction<String, String, InvocationResult> runSchedule,
                                Supplier<List<SentEmail>> sentEmails) {
        this.runSchedule = runSchedule;
        this.sentEmails = sentEmails;
    }

    /** Serves {@code /_local/<prefix>/...} by the given route (e.g. "clearinghouse"). */
    public void addLocalRoute(String prefix, LocalRoute route) {
        localRoutes.put("/_local/" + prefix + "/", route);
    }

    /** Serves the operations console's build from {@code dir} (see {@link ConsoleSite}), {@code config} as /config.json. */
    public void serveConsole(java.nio.file.Path dir, Supplier<String> config) {
        this.consoleSite = new ConsoleSite(dir, config);
    }

    public void setIssuer(TokenIssuer issuer) {
        this.issuer = issuer;
    }

    static List<String> segmentsOf(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    private static int rank(String segment) {
        if (segment.endsWith("+}")) {
            return 0;
        }
        return segment.startsWith("{") ? 1 : 2;
    }

    /** API Gateway's precedence: literal segments before {param} before {greedy+}, then a method before ANY; $default last. */
    static final Comparator<Route> SPECIFICITY = (a, b) -> {
        if (a.path().equals("$default") != b.path().equals("$default")) {
            return a.path().equals("$default") ? 1 : -1;
        }
        List<String> x = a.segments();
        List<String> y = b.segments();
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            int c = Integer.compare(rank(y.get(i)), rank(x.get(i)));
            if (c != 0) {
                return c;
            }
        }
        if (x.size() != y.size()) {
            return Integer.compare(y.size(), x.size());
        }
        return Boolean.compare(a.method().equals("ANY"), b.method().equals("ANY"));
    };

    /** Path parameters if the route matches, else null. */
    static Map<String, String> match(Route route, String method, String path) {
        if (!route.method().equals("ANY") && !route.method().equalsIgnoreCase(method)) {
            return null;
        }
        if (route.path().equals("$default")) {
            return Map.of();
        }
        List<String> pattern = route.segments();
        List<String> actual = segmentsOf(path);
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < pattern.size(); i++) {
            String p = pattern.get(i);
            if (rank(p) == 0) {
                if (i >= actual.size()) {
                    return null;
                }
                params.put(p.substring(1, p.length() - 2), String.join("/", actual.subList(i, actual.size())));
                return params;
            }
            if (i >= actual.size()) {
                return null;
            }
            if (rank(p) == 1) {
                params.put(p.substring(1, p.length() - 1), decode(actual.get(i)));
            } else if (!p.equals(actual.get(i))) {
                return null;
            }
        }
        return pattern.size() == actual.size() ? params : null;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private void handle(HttpExchange ex) throws IOException {
        long started = System.nanoTime();
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
            if (path.startsWith("/_local/")) {
                local(ex, method, path);
                return;
            }
            ConsoleSite site = consoleSite;
            if (site != null && site.serve(ex, method, path)) {
                return;
            }
            if (routes.isEmpty()) {
                send(ex, 503, Map.of(), "{\"message\":\"Service Unavailable\"}");
                return;
            }
            String origin = ex.getRequestHeaders().getFirst("Origin");
            if (method.equals("OPTIONS") && cors != null && origin != null
                    && ex.getRequestHeaders().getFirst("Access-Control-Request-Method") != null) {
                preflight(ex, origin);
                return;
            }
            Route route = null;
            Map<String, String> params = null;
            for (Route r : routes) {
                params = match(r, method, path);
                if (params != null) {
                    route = r;
                    break;
                }
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            corsHeaders(origin, headers);
            if (route == null) {
                send(ex, 404, headers, "{\"message\":\"Not Found\"}");
                log(method, "(no route)", 404, started);
                return;
            }
            JwtAuthorizer.Decision decision = null;
            if (route.authorizer() != null) {
                decision = route.authorizer().authorize(ex.getRequestHeaders().getFirst("Authorization"));
                if (!decision.allowed()) {
                    headers.put("www-authenticate", List.of("Bearer scope=\"\" error=\"invalid_token\" error_description=\""
                            + decision.error() + "\""));
                    send(ex, 401, headers, "{\"message\":\"Unauthorized\"}");
                    log(method, route.routeKey(), 401, started);
                    return;
                }
            }
            ObjectNode built = event(ex, method, route, params, decision);
            byte[] event = Json.MAPPER.writeValueAsBytes(built);
            InvocationResult result = route.function().invoke(event);
            int code = respond(ex, result, headers);
            CloudUsage u = usage;
            if (u != null) {
                // One request per started 512 KB of the request or its answer, the larger (HTTP APIs are metered so).
                long bytes = Math.max(built.path("body").asText("").length(), result.payload().length);
                u.add(route.function().config().logicalId(), "httpApiRequests", Math.max(1, (bytes + HTTP_API_CHUNK - 1) / HTTP_API_CHUNK));
            }
            log(method, route.routeKey(), code, started);
        } catch (RuntimeException e) {
            console.println("[local-cloud] HTTP API error: " + e.getClass().getSimpleName());
            send(ex, 500, Map.of(), "{\"message\":\"Internal Server Error\"}");
        }
    }

    static final long HTTP_API_CHUNK = 512 * 1024;
    private volatile CloudUsage usage;

    /** Counts each request routed to a function (after its authorizer let it through) in {@code usage}. */
    public void meter(CloudUsage usage) {
        this.usage = usage;
    }

    private void log(String method, String routeKey, int code, long started) {
        console.println("[local-cloud] " + method + " via " + routeKey + " -> " + code + " (" + (System.nanoTime() - started) / 1_000_000 + " ms)");
    }

    private ObjectNode event(HttpExchange ex, String method, Route route, Map<String, String> params,
                             JwtAuthorizer.Decision decision) throws IOException {
        ObjectNode e = Json.MAPPER.createObjectNode();
        e.put("version", "2.0");
        e.put("routeKey", route.routeKey());
        e.put("rawPath", ex.getRequestURI().getRawPath());
        String rawQuery = ex.getRequestURI().getRawQuery();
        e.put("rawQueryString", rawQuery == null ? "" : rawQuery);
        List<String> cookies = new ArrayList<>();
        ObjectNode headers = Json.MAPPER.createObjectNode();
        ex.getRequestHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) {
                values.forEach(v -> {
                    for (String c : v.split(";")) {
                        if (!c.isBlank()) {
                            cookies.add(c.trim());
                        }
                    }
                });
            } else {
                headers.put(lower, String.join(",", values));
            }
        });
        if (!cookies.isEmpty()) {
            cookies.forEach(e.putArray("cookies")::add);
        }
        e.set("headers", headers);
        if (rawQuery != null && !rawQuery.isEmpty()) {
            Map<String, List<String>> query = new LinkedHashMap<>();
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
            }
            ObjectNode q = e.putObject("queryStringParameters");
            query.forEach((k, v) -> q.put(k, String.join(",", v)));
        }
        if (!params.isEmpty()) {
            ObjectNode p = e.putObject("pathParameters");
            params.forEach(p::put);
        }
        ObjectNode rc = e.putObject("requestContext");
        rc.put("accountId", TemplateResolver.ACCOUNT_ID);
        rc.put("apiId", "local");
        String host = headers.path("host").asText("127.0.0.1");
        rc.put("domainName", host);
        rc.put("domainPrefix", host.contains(".") ? host.substring(0, host.indexOf('.')) : host);
        ObjectNode http = rc.putObject("http");
        http.put("method", method);
        http.put("path", ex.getRequestURI().getRawPath());
        http.put("protocol", ex.getProtocol());
        http.put("sourceIp", ex.getRemoteAddress().getAddress().getHostAddress());
        http.put("userAgent", headers.path("user-agent").asText(""));
        rc.put("requestId", UUID.randomUUID().toString());
        rc.put("routeKey", route.routeKey());
        rc.put("stage", "$default");
        Instant now = Instant.now();
        rc.put("time", REQUEST_TIME.format(now));
        rc.put("timeEpoch", now.toEpochMilli());
        if (decision != null) {
            ObjectNode jwt = rc.putObject("authorizer").putObject("jwt");
            ObjectNode claims = jwt.putObject("claims");
            decision.claims().getClaims().forEach((k, v) -> claims.put(k, claimText(v)));
            Object scope = decision.claims().getClaims().get("scope");
            if (scope != null) {
                List.of(String.valueOf(scope).split(" ")).forEach(jwt.putArray("scopes")::add);
            } else {
                jwt.putNull("scopes");
            }
        }
        byte[] body = ex.getRequestBody().readAllBytes();
        if (body.length > 0) {
            boolean text = isText(headers.path("content-type").asText(""));
            e.put("body", text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body));
            e.put("isBase64Encoded", !text);
        } else {
            e.put("isBase64Encoded", false);
        }
        return e;
    }

    /** Claims are passed as strings: dates as epoch seconds, lists as "[a b]", as API Gateway does. */
    private static String claimText(Object v) {
        if (v instanceof java.util.Date d) {
            return String.valueOf(d.getTime() / 1000);
        }
        if (v instanceof List<?> l) {
            return "[" + String.join(" ", l.stream().map(String::valueOf).toList()) + "]";
        }
        return String.valueOf(v);
    }

    private static boolean isText(String contentType) {
        String ct = contentType.toLowerCase(Locale.ROOT);
        return ct.isEmpty() || ct.startsWith("text/") || ct.contains("json") || ct.contains("xml")
                || ct.contains("x-www-form-urlencoded") || ct.contains("javascript") || ct.contains("yaml");
    }

    private int respond(HttpExchange ex, InvocationResult result, Map<String, List<String>> headers) throws IOException {
        if (!result.success()) {
            send(ex, 500, headers, "{\"message\":\"Internal Server Error\"}");
            return 500;
        }
        JsonNode out;
        try {
            out = Json.MAPPER.readTree(result.payload());
        } catch (IOException notJson) {
            out = null;
        }
        if (out == null || !out.isObject() || !out.has("statusCode")) {
            // Without statusCode, API Gateway takes the whole output as a JSON body with 200.
            Map<String, List<String>> h = new LinkedHashMap<>(headers);
            h.put("content-type", List.of("application/json"));
            sendBytes(ex, 200, h, result.payload());
            return 200;
        }
        int code = out.get("statusCode").asInt(200);
        // Payload format 2.0 answers carry headers (one value each, several joined by commas) and cookies; there is no
        // multiValueHeaders in 2.0 and API Gateway ignores one (Micronaut repeats every header there: merging them
        // doubled Content-Type and ETag).
        Map<String, List<String>> h = new LinkedHashMap<>();
        out.path("headers").fields().forEachRemaining(f -> h.put(f.getKey().toLowerCase(Locale.ROOT), new ArrayList<>(List.of(f.getValue().asText()))));
        if (out.path("cookies").isArray()) {
            List<String> setCookie = h.computeIfAbsent("set-cookie", k -> new ArrayList<>());
            out.get("cookies").forEach(c -> setCookie.add(c.asText()));
        }
        h.putAll(headers); // API Gateway's CORS headers override the function's
        byte[] body = new byte[0];
        if (out.hasNonNull("body")) {
            String text = out.get("body").isTextual() ? out.get("body").asText() : out.get("body").toString();
            body = out.path("isBase64Encoded").asBoolean(false) ? Base64.getDecoder().decode(text) : text.getBytes(StandardCharsets.UTF_8);
        }
        sendBytes(ex, code, h, body);
        return code;
    }

    private boolean originAllowed(String origin) {
        return origin != null && cors != null && (cors.allowOrigins().contains("*") || cors.allowOrigins().contains(origin));
    }

    private void corsHeaders(String origin, Map<String, List<String>> headers) {
        if (originAllowed(origin)) {
            headers.put("access-control-allow-origin", List.of(cors.allowOrigins().contains("*") ? "*" : origin));
            if (!cors.exposeHeaders().isEmpty()) {
                headers.put("access-control-expose-headers", List.of(String.join(",", cors.exposeHeaders())));
            }
            if (cors.allowCredentials()) {
                headers.put("access-control-allow-credentials", List.of("true"));
            }
        }
    }

    private void preflight(HttpExchange ex, String origin) throws IOException {
        Map<String, List<String>> h = new LinkedHashMap<>();
        if (originAllowed(origin)) {
            h.put("access-control-allow-origin", List.of(cors.allowOrigins().contains("*") ? "*" : origin));
            if (!cors.allowMethods().isEmpty()) {
                h.put("access-control-allow-methods", List.of(String.join(",", cors.allowMethods())));
            }
            if (!cors.allowHeaders().isEmpty()) {
                h.put("access-control-allow-headers", List.of(String.join(",", cors.allowHeaders())));
            }
            if (cors.maxAge() != null) {
                h.put("access-control-max-age", List.of(String.valueOf(cors.maxAge())));
            }
            if (cors.allowCredentials()) {
                h.put("access-control-allow-credentials", List.of("true"));
            }
        }
        h.forEach((k, v) -> ex.getResponseHeaders().put(k, v));
        ex.sendResponseHeaders(204, -1);
    }

    private void local(HttpExchange ex, String method, String path) throws IOException {
        TokenIssuer tokens = issuer;
        if (method.equals("GET") && path.equals("/_local/issuer/.well-known/openid-configuration") && tokens != null) {
            send(ex, 200, Map.of(), Json.MAPPER.writeValueAsString(tokens.openIdConfiguration()));
        } else if (method.equals("GET") && path.equals("/_local/issuer/.well-known/jwks.json") && tokens != null) {
            send(ex, 200, Map.of(), tokens.publicKeys().toString());
        } else if (method.equals("POST") && path.equals("/_local/tokens") && tokens != null) {
            try {
                JsonNode req = Json.MAPPER.readTree(ex.getRequestBody());
                Instant now = Instant.now();
                long ttl = req.path("ttlSeconds").asLong(3600);
                TokenIssuer.IssuedToken t = tokens.issue(new TokenRequest(text(req, "practiceId"), text(req, "role"),
                        text(req, "subject"), null, now, now.plusSeconds(ttl)));
                send(ex, 200, Map.of(), Json.MAPPER.writeValueAsString(Map.of("token", t.token(), "expiresAt", t.expiresAt().toString())));
            } catch (IllegalArgumentException | IOException e) {
                send(ex, 400, Map.of(), "{\"message\":\"expected {\\\"practiceId\\\":..., \\\"role\\\":...}\"}");
            }
        } else if (method.equals("GET") && path.equals("/_local/status") && status != null) {
            send(ex, 200, Map.of(), Json.MAPPER.writeValueAsString(status.get()));
        } else if (path.startsWith("/_local/schedules/") && runSchedule != null) {
            List<String> parts = segmentsOf(path.substring("/_local/schedules/".length()));
            if (!method.equals("POST")) {
                send(ex, 405, Map.of("allow", List.of("POST")), "{\"message\":\"Method Not Allowed\"}");
                return;
            }
            InvocationResult r = parts.size() == 2 ? runSchedule.apply(decode(parts.get(0)), decode(parts.get(1))) : null;
            if (r == null) {
                send(ex, 404, Map.of(), "{\"message\":\"no such schedule; POST /_local/schedules/{functionLogicalId}/{eventName}\"}");
                return;
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("success", r.success());
            answer.put("errorType", r.errorType());
            answer.put("requestId", r.requestId());
            console.println("[local-cloud] POST " + path + " -> " + (r.success() ? "ok" : r.errorType()));
            send(ex, 200, Map.of(), Json.MAPPER.writeValueAsString(answer));
        } else if (method.equals("GET") && path.equals("/_local/emails") && sentEmails != null) {
            try {
                send(ex, 200, Map.of(), Json.MAPPER.writeValueAsString(sentEmails.get()));
            } catch (IllegalStateException e) {
                send(ex, 501, Map.of(), Json.MAPPER.writeValueAsString(Map.of("message", String.valueOf(e.getMessage()))));
            }
        } else {
            for (Map.Entry<String, LocalRoute> r : localRoutes.entrySet()) {
                if (path.startsWith(r.getKey())) {
                    LocalAnswer answer = r.getValue().handle(method, path.substring(r.getKey().length() - 1),
                            ex.getRequestBody().readAllBytes());
                    console.println("[local-cloud] " + method + " " + path + " -> " + answer.status());
                    send(ex, answer.status(), Map.of(), answer.json());
                    return;
                }
            }
            send(ex, 404, Map.of(), "{\"message\":\"Not Found\"}");
        }
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    private static void send(HttpExchange ex, int code, Map<String, List<String>> headers, String body) throws IOException {
        Map<String, List<String>> h = new LinkedHashMap<>(headers);
        h.putIfAbsent("content-type", List.of("application/json"));
        sendBytes(ex, code, h, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void sendBytes(HttpExchange ex, int code, Map<String, List<String>> headers, byte[] body) throws IOException {
        headers.forEach((k, v) -> ex.getResponseHeaders().put(k, v));
        ex.getResponseHeaders().set("apigw-requestid", UUID.randomUUID().toString().substring(0, 16));
        ex.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            ex.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
