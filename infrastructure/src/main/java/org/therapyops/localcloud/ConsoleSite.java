package org.therapyops.localcloud;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The operations console's static files on the gateway's port, as CloudFront serves them from S3 in AWS: {@code /} (the
 * app), the files of its build ({@code /assets/...}) and {@code /config.json}, the runtime configuration the local cloud
 * writes (the API's URL and the development sign-in). A path that is not one of them goes on to the HTTP API's routes.
 */
final class ConsoleSite {

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
            "json", "application/json", "svg", "image/svg+xml", "png", "image/png", "ico", "image/x-icon",
            "woff2", "font/woff2", "txt", "text/plain; charset=utf-8", "map", "application/json");

    private final Path root;
    private final Supplier<String> config;

    /** {@code root} holds the console's build (index.html, assets/); {@code config} makes /config.json. */
    ConsoleSite(Path root, Supplier<String> config) {
        this.root = root.toAbsolutePath().normalize();
        this.config = config;
    }

    /** Serves the request if it is for a console file; false leaves it to the API. */
    boolean serve(HttpExchange ex, String method, String path) throws IOException {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return false;
        }
        if (path.equals("/config.json")) {
            send(ex, method, 200, "application/json", "no-store", config.get().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return true;
        }
        Path file = path.equals("/") ? root.resolve("index.html") : root.resolve(path.substring(1)).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file) || path.contains("..") || path.contains("%")) {
            return false;
        }
        String name = file.getFileName().toString();
        String type = TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT), "application/octet-stream");
        // Vite names built assets by content hash: keep those; always revalidate the page itself.
        String cache = path.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache";
        send(ex, method, 200, type, cache, Files.readAllBytes(file));
        return true;
    }

    private static void send(HttpExchange ex, String method, int code, String type, String cache, byte[] body) throws IOException {
        Map<String, List<String>> h = new LinkedHashMap<>();
        h.put("content-type", List.of(type));
        h.put("cache-control", List.of(cache));
        h.put("x-content-type-options", List.of("nosniff"));
        h.put("referrer-policy", List.of("no-referrer"));
        h.put("x-frame-options", List.of("DENY"));
        h.forEach((k, v) -> ex.getResponseHeaders().put(k, v));
        boolean head = method.equals("HEAD");
        ex.sendResponseHeaders(code, head ? -1 : body.length);
        if (!head) {
            ex.getResponseBody().write(body);
        }
    }
}
