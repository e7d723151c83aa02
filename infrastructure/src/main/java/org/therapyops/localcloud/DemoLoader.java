package org.therapyops.localcloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Loads a demo practice through the running HTTP API, request by request, substituting ${name.field} from earlier responses. */
public final class DemoLoader {

    private static final Pattern VAR = Pattern.compile("\\$\\{([^}]+)}");

    private final URI api;
    private final BiFunction<String, String, String> tokens;
    private final PrintStream console;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** {@code tokens} makes a dev token from (practiceId, role). */
    public DemoLoader(URI api, BiFunction<String, String, String> tokens, PrintStream console) {
        this.api = api;
        this.tokens = tokens;
        this.console = console;
    }

    /** Runs every request in order; returns the named responses; throws on the first non-2xx. */
    public Map<String, JsonNode> load(Path file) throws IOException, InterruptedException {
        JsonNode demo = Json.MAPPER.readTree(file.toFile());
        String token = tokens.apply(demo.path("practiceId").asText(), demo.path("role").asText("admin"));
        Map<String, JsonNode> named = new HashMap<>();
        int n = 0;
        for (JsonNode req : demo.path("requests")) {
            n++;
            String method = req.path("method").asText("GET").toUpperCase();
            String path = substituteText(req.path("path").asText(), named);
            HttpRequest.Builder b = HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + token);
            req.path("headers").fields().forEachRemaining(h -> b.header(h.getKey(), h.getValue().asText()));
            if (req.has("body")) {
                b.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(substitute(req.get("body"), named))));
            } else {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> resp = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            String name = req.path("name").asText("#" + n);
            if (resp.statusCode() / 100 != 2) {
                throw new IllegalStateException("demo request " + name + " (" + method + " " + path + ") failed: "
                        + resp.statusCode() + " " + resp.body());
            }
            JsonNode answer = null;
            if (!resp.body().isBlank()) {
                try {
                    answer = Json.MAPPER.readTree(resp.body());
                } catch (IOException notJson) {
                    answer = TextNode.valueOf(resp.body());
                }
            }
            // Ids only (never the record's content): enough to look the demo records up with the API.
            String id = answer != null && answer.hasNonNull("id") ? " id " + answer.get("id").asText() : "";
            console.println("[local-cloud] demo " + name + ": " + method + " " + path + " -> " + resp.statusCode() + id);
            if (req.has("name") && answer != null) {
                named.put(name, answer);
            }
        }
        return named;
    }

    static JsonNode substitute(JsonNode node, Map<String, JsonNode> named) {
        if (node.isTextual()) {
            Matcher whole = VAR.matcher(node.asText());
            if (whole.matches()) {
                return lookup(whole.group(1), named).deepCopy(); // keeps the value's JSON type
            }
            return TextNode.valueOf(substituteText(node.asText(), named));
        }
        if (node.isObject()) {
            ObjectNode out = Json.MAPPER.createObjectNode();
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                out.set(f.getKey(), substitute(f.getValue(), named));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = Json.MAPPER.createArrayNode();
            node.forEach(e -> out.add(substitute(e, named)));
            return out;
        }
        return node;
    }

    static String substituteText(String text, Map<String, JsonNode> named) {
        Matcher m = VAR.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            JsonNode v = lookup(m.group(1), named);
            m.appendReplacement(sb, Matcher.quoteReplacement(v.isValueNode() ? v.asText() : v.toString()));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static JsonNode lookup(String expression, Map<String, JsonNode> named) {
        String[] parts = expression.split("\\.");
        JsonNode v = named.get(parts[0]);
        if (v == null) {
            throw new IllegalStateException("demo: ${" + expression + "} names no earlier response");
        }
        for (int i = 1; i < parts.length; i++) {
            v = v.isArray() && parts[i].matches("\\d+") ? v.path(Integer.parseInt(parts[i])) : v.path(parts[i]);
        }
        if (v.isMissingNode()) {
            throw new IllegalStateException("demo: ${" + expression + "} is not in that response");
        }
        return v;
    }
}
