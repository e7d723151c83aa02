package org.therapyops.webhookreceiver;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import io.micronaut.json.JsonMapper;
import org.therapyops.wiring.handlers.Singletons;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.therapyops.inbound.service.WebhookReception;
import org.therapyops.lambda.Metering;
import org.therapyops.ports.UsageStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code POST /webhooks/{integrationId}} (no JWT: the Standard Webhooks signature is the credential). Translates the
 * HTTP API event into a delivery for {@link WebhookReception} and its outcome into the answer: 202 kept and queued,
 * 200 a duplicate, 401 not verified, 409 the webhook-id reused for another body, 413 too large, 400 otherwise unusable;
 * every refusal as application/problem+json. Bodies and secrets never reach the log.
 */
public class WebhookReceiverHandler extends MicronautRequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookReceiverHandler.class);
    /** The API's problem type URIs (see the API's ProblemType). */
    static final String PROBLEM_BASE = "https://therapyops.org/problems/";

    @Inject
    WebhookReception reception;

    @Inject
    JsonMapper json;

    public WebhookReceiverHandler() {
    }

    /** For tests: a handler on a context built with the given builder. */
    public WebhookReceiverHandler(ApplicationContextBuilder builder) {
        super(builder);
    }

    /** As every function's context is built ({@link Singletons}). */
    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return Singletons.builder();
    }

    /** The workflow step this function's usage is metered as. */
    static final String STEP = "webhook-receiver";

    @Inject
    UsageStore usage;

    @Override
    public APIGatewayV2HTTPResponse execute(APIGatewayV2HTTPEvent event) {
        return Metering.invoke(STEP, null, usage, () -> {
            APIGatewayV2HTTPResponse response = handle(event);
            // One HTTP API request per started 512 KB of the delivery or the answer, the larger.
            long bytes = Math.max(event == null || event.getBody() == null ? 0 : event.getBody().length(),
                    response.getBody() == null ? 0 : response.getBody().length());
            Metering.httpApiRequests(Math.max(1, (bytes + 512 * 1024 - 1) / (512 * 1024)));
            return response;
        });
    }

    private APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        if (event == null || event.getRequestContext() == null || event.getRequestContext().getHttp() == null
                || !"POST".equalsIgnoreCase(event.getRequestContext().getHttp().getMethod())) {
            return problem(405, "method-not-allowed", "Method not allowed", "Deliveries are POSTed.", Map.of("Allow", "POST"));
        }
        String integrationId = event.getPathParameters() == null ? null : event.getPathParameters().get("integrationId");
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (event.getHeaders() != null) {
            headers.putAll(event.getHeaders());
        }
        byte[] body;
        try {
            body = event.getBody() == null ? new byte[0] : event.getIsBase64Encoded()
                    ? Base64.getDecoder().decode(event.getBody()) : event.getBody().getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return problem(400, "malformed-request", "The body cannot be read", "The body is marked base64 but is not.", Map.of());
        }
        WebhookReception.Outcome outcome = reception.receive(new WebhookReception.Request(integrationId, headers.get("webhook-id"),
                headers.get("webhook-timestamp"), headers.get("webhook-signature"), headers.get("content-type"), body));
        if (outcome instanceof WebhookReception.Outcome.Accepted accepted) {
            Metering.practice(accepted.delivery().practiceId());
            return json(202, Map.of("deliveryId", accepted.delivery().id(), "status", "RECEIVED", "duplicate", false));
        }
        if (outcome instanceof WebhookReception.Outcome.Duplicate duplicate) {
            Metering.practice(duplicate.delivery().practiceId());
            return json(200, Map.of("deliveryId", duplicate.delivery().id(), "status", duplicate.delivery().status().name(),
                    "duplicate", true));
        }
        if (outcome instanceof WebhookReception.Outcome.Unauthorized unauthorized) {
            // One answer for every reason: a caller learns nothing about which integrations exist.
            LOG.info("delivery for integration {} refused: {}", integrationId, unauthorized.reason());
            return problem(401, "unauthorized", "Not verified", "The delivery is not signed by an active integration of this "
                    + "deployment (webhook-id, webhook-timestamp within 5 minutes, webhook-signature v1). Nothing was kept.",
                    Map.of("WWW-Authenticate", "Signature realm=\"webhooks\""));
        }
        if (outcome instanceof WebhookReception.Outcome.TooLarge tooLarge) {
            return problem(413, "payload-too-large", "Body too large", "Deliveries are at most " + tooLarge.limit()
                    + " bytes; split the file. Nothing was kept.", Map.of());
        }
        if (outcome instanceof WebhookReception.Outcome.Conflict conflict) {
            return problem(409, "conflict", "webhook-id reused", conflict.reason() + ". Nothing was kept.", Map.of());
        }
        WebhookReception.Outcome.Invalid invalid = (WebhookReception.Outcome.Invalid) outcome;
        return problem(400, "malformed-request", "Unusable delivery", invalid.reason() + ". Nothing was kept.", Map.of());
    }

    private APIGatewayV2HTTPResponse json(int status, Map<String, Object> body) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status)
                .withHeaders(Map.of("Content-Type", "application/json")).withBody(write(body)).build();
    }

    private APIGatewayV2HTTPResponse problem(int status, String type, String title, String detail, Map<String, String> extra) {
        Map<String, String> headers = new TreeMap<>(extra);
        headers.put("Content-Type", "application/problem+json");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", PROBLEM_BASE + type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers).withBody(write(body)).build();
    }

    private String write(Map<String, Object> body) {
        try {
            return json.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
