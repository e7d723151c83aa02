package org.therapyops.localcloud.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook receiver test handler, as the API's would be: checks the Standard Webhooks signature against
 * $WEBHOOK_SECRET and the timestamp (5 minutes either way), answering 401 otherwise; writes one tab-separated line per
 * delivery to $OBSERVE_FILE (id, integration, content type, base64 flag, verdict, body in base64); answers 500 the
 * first time it sees a delivery whose body contains FAIL-ONCE, else 202.
 */
public class WebhookFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final long TOLERANCE_SECONDS = 300;
    private static final Set<String> FAILED_ONCE = ConcurrentHashMap.newKeySet();

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        Map<String, String> h = event.getHeaders();
        String id = h.get("webhook-id");
        byte[] body = event.getIsBase64Encoded() ? Base64.getDecoder().decode(event.getBody())
                : event.getBody().getBytes(StandardCharsets.UTF_8);
        String verdict = verdict(id, h.get("webhook-timestamp"), h.get("webhook-signature"), body);
        int status = verdict.equals("ok") ? 202 : 401;
        if (status == 202 && new String(body, StandardCharsets.UTF_8).contains("FAIL-ONCE") && FAILED_ONCE.add(id)) {
            status = 500;
        }
        StreamFunction.observe(String.join("\t", id, event.getPathParameters().get("integrationId"), h.get("content-type"),
                String.valueOf(event.getIsBase64Encoded()), verdict, String.valueOf(status), Base64.getEncoder().encodeToString(body)));
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(Map.of("content-type", "application/json"))
                .withBody(status == 202 ? "{\"received\":\"" + id + "\"}" : "{\"message\":\"" + verdict + "\"}").build();
    }

    private static String verdict(String id, String timestamp, String signatures, byte[] body) {
        if (id == null || timestamp == null || signatures == null) {
            return "missing headers";
        }
        long ts = Long.parseLong(timestamp);
        if (Math.abs(System.currentTimeMillis() / 1000 - ts) > TOLERANCE_SECONDS) {
            return "stale";
        }
        try {
            String secret = System.getenv("WEBHOOK_SECRET");
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            mac.update((id + "." + ts + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = ("v1," + Base64.getEncoder().encodeToString(mac.doFinal(body))).getBytes(StandardCharsets.UTF_8);
            for (String candidate : signatures.split(" ")) {
                if (MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.UTF_8))) {
                    return "ok";
                }
            }
            return "bad signature";
        } catch (Exception e) {
            return "bad signature";
        }
    }
}
