package org.therapyops.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The integrators' guide's examples (docs/examples: curl with openssl, and Python's standard library) run as written
 * against the local cloud: each delivery is verified, kept and applied.
 */
class IntegratorExamplesEndToEndTest {

    private static final Path EXAMPLES = Path.of("..", "docs", "examples").toAbsolutePath().normalize();

    @Test
    void theCurlAndPythonExamplesPostSignedDeliveriesTheDoorAccepts() throws Exception {
        RevenueLoop loop = new RevenueLoop(Cloud.get(), false);
        Path event = Files.createTempFile("authorization-", ".json");
        Files.writeString(event, "{\"type\":\"authorization.updated\",\"data\":{\"memberId\":\"NOBODY\",\"number\":\"A-1\","
                + "\"serviceCodes\":[\"97110\"],\"unitType\":\"VISITS\",\"quantity\":4,\"startDate\":\"2026-12-01\","
                + "\"endDate\":\"2026-12-31\"}}", StandardCharsets.UTF_8);
        Map<String, String> env = Map.of("API", Cloud.get().apiUrl().toString(), "INTEGRATION_ID", loop.integrationId,
                "SECRET", loop.secret);

        String curl = run(List.of("bash", EXAMPLES.resolve("post-webhook.sh").toString(), event.toString(), "application/json"),
                env, "WEBHOOK_ID", "curl-1");
        assertThat(curl).contains("HTTP 202").contains("\"status\":\"RECEIVED\"");
        String python = run(List.of("python3", EXAMPLES.resolve("post_webhook.py").toString(), event.toString(), "application/json"),
                env, "WEBHOOK_ID", "python-1");
        assertThat(python).contains("HTTP 202");
        String replay = run(List.of("python3", EXAMPLES.resolve("post_webhook.py").toString(), event.toString(), "application/json"),
                env, "WEBHOOK_ID", "python-1");
        assertThat(replay).contains("HTTP 200").contains("\"duplicate\":true");

        JsonNode deliveries = loop.settledDeliveries(2);
        assertThat(RevenueLoop.texts(deliveries.get("items").findValues("webhookId"))).containsExactlyInAnyOrder("curl-1", "python-1");
        // No coverage has that member id: applied, for a biller to look at, nothing changed.
        assertThat(RevenueLoop.texts(deliveries.get("items").findValues("status"))).containsOnly("NEEDS_ATTENTION");

        String wrong = run(List.of("python3", EXAMPLES.resolve("post_webhook.py").toString(), event.toString(), "application/json"),
                Map.of("API", Cloud.get().apiUrl().toString(), "INTEGRATION_ID", loop.integrationId,
                        "SECRET", "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32])), "WEBHOOK_ID", "python-2");
        assertThat(wrong).contains("HTTP 401").contains("problems/unauthorized");
    }

    private static String run(List<String> command, Map<String, String> env, String key, String value)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment().put(key, value);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
