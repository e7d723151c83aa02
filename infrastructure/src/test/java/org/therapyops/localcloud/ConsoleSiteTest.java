package org.therapyops.localcloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's files on the gateway's port: the page, its hashed assets, the runtime config; nothing else. */
class ConsoleSiteTest {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;
    HttpApiGateway gateway;

    @BeforeEach
    void start() throws Exception {
        Files.writeString(dir.resolve("index.html"), "<!doctype html><title>console</title>");
        Files.createDirectories(dir.resolve("assets"));
        Files.writeString(dir.resolve("assets/app-1234.js"), "console.log(1)");
        Files.writeString(dir.getParent().resolve("secret.txt"), "outside");
        gateway = new HttpApiGateway(0, new PrintStream(OutputStream.nullOutputStream()));
        gateway.serveConsole(dir, () -> "{\"apiBaseUrl\":\"" + gateway.url() + "\"}");
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    HttpResponse<String> send(String method, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(gateway.url().resolve(path)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesThePageItsAssetsAndTheRuntimeConfig() throws Exception {
        HttpResponse<String> page = send("GET", "/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type")).contains("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("cache-control")).contains("no-cache");
        assertThat(page.body()).contains("<title>console</title>");
        HttpResponse<String> asset = send("GET", "/assets/app-1234.js");
        assertThat(asset.headers().firstValue("content-type")).contains("text/javascript; charset=utf-8");
        assertThat(asset.headers().firstValue("cache-control")).contains("public, max-age=31536000, immutable");
        HttpResponse<String> config = send("GET", "/config.json");
        assertThat(config.body()).isEqualTo("{\"apiBaseUrl\":\"" + gateway.url() + "\"}");
        assertThat(send("HEAD", "/").statusCode()).isEqualTo(200);
    }

    @Test
    void leavesEverythingElseToTheApi() throws Exception {
        // No routes configured: what the console does not serve is the API's (503 until its routes are known).
        assertThat(send("GET", "/appointments").statusCode()).isEqualTo(503);
        assertThat(send("POST", "/").statusCode()).isEqualTo(503);
        assertThat(send("GET", "/assets/missing.js").statusCode()).isEqualTo(503);
        assertThat(send("GET", "/assets/%2e%2e/%2e%2e/secret.txt").statusCode()).isEqualTo(503);
        assertThat(send("GET", "/assets/../../secret.txt").body()).doesNotContain("outside");
    }
}
