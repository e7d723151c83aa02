package org.therapyops.webhookreceiver;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.therapyops.dynamodb.DynamoInboundRepositories;
import org.therapyops.inbound.InboundDelivery;
import org.therapyops.inbound.Integration;
import org.therapyops.inbound.WebhookSignature;
import org.therapyops.inbound.service.IntegrationService;
import org.therapyops.testing.Moto;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook-receiver function as Lambda calls it (HTTP API payload 2.0), against DynamoDB, S3 and SQS on moto: a
 * signed delivery is kept and answered 202, its replay 200, and every refusal is problem+json with nothing kept.
 */
class WebhookReceiverHandlerTest {

    private static Moto moto;
    private static DynamoInboundRepositories inbound;
    private static WebhookReceiverHandler handler;
    private static String queueUrl;

    @BeforeAll
    static void start() {
        moto = Moto.shared();
        String table = moto.createInboundTable();
        inbound = new DynamoInboundRepositories(moto.dynamo(), table);
        queueUrl = moto.createQueue();
        handler = new WebhookReceiverHandler(ApplicationContext.builder().properties(Map.of(
                "inbound.table", table, "inbound.bucket", moto.createBucket(), "inbound.queue.url", queueUrl,
                "webhook.max.bytes", "1024", "aws.endpoint.url", moto.endpoint().toString())));
    }

    @AfterAll
    static void stop() throws Exception {
        handler.close();
    }

    private static IntegrationService.WithSecret integration(String practice) {
        return new IntegrationService(inbound.integrations(), Clock.systemUTC()).create(practice, "Clearinghouse",
                Integration.Kind.CLEARINGHOUSE, "admin-1");
    }

    private static APIGatewayV2HTTPEvent event(String integrationId, String webhookId, long timestamp, String signature,
                                               byte[] body, boolean base64) {
        Map<String, String> headers = new HashMap<>(Map.of("content-type", "application/edi-x12", "webhook-id", webhookId,
                "webhook-timestamp", Long.toString(timestamp)));
        if (signature != null) {
            headers.put("webhook-signature", signature);
        }
        return APIGatewayV2HTTPEvent.builder().withRouteKey("POST /webhooks/{integrationId}")
                .withRawPath("/webhooks/" + integrationId).withPathParameters(Map.of("integrationId", integrationId))
                .withHeaders(headers).withBody(base64 ? Base64.getEncoder().encodeToString(body) : new String(body, StandardCharsets.UTF_8))
                .withIsBase64Encoded(base64)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withHttp(APIGatewayV2HTTPEvent.RequestContext.Http
                        .builder().withMethod("POST").withPath("/webhooks/" + integrationId).build()).build())
                .build();
    }

    @Test
    void aSignedDeliveryIsKeptAndAnswered202ThenItsReplay200() {
        String practice = "practice-" + UUID.randomUUID();
        IntegrationService.WithSecret created = integration(practice);
        String id = created.integration().id();
        byte[] body = "ISA*00*          *00*          *ZZ*CH~".getBytes(StandardCharsets.US_ASCII);
        long now = Instant.now().getEpochSecond();
        // The HTTP API hands application/edi-x12 bodies over base64-encoded.
        APIGatewayV2HTTPResponse first = handler.handleRequest(event(id, "evt-1", now,
                WebhookSignature.sign(created.secret(), "evt-1", now, body), body, true), null);
        assertThat(first.getStatusCode()).as(first.getBody()).isEqualTo(202);
        assertThat(first.getBody()).contains("\"status\":\"RECEIVED\"").contains("\"duplicate\":false");
        String deliveryId = InboundDelivery.idOf(id, "evt-1");
        InboundDelivery kept = inbound.deliveries().get(practice, deliveryId).orElseThrow();
        assertThat(kept.size()).isEqualTo(body.length);
        assertThat(kept.queued()).isTrue();

        APIGatewayV2HTTPResponse again = handler.handleRequest(event(id, "evt-1", now,
                WebhookSignature.sign(created.secret(), "evt-1", now, body), body, true), null);
        assertThat(again.getStatusCode()).isEqualTo(200);
        assertThat(again.getBody()).contains("\"duplicate\":true").contains(deliveryId);
    }

    @Test
    void refusalsAreProblemsAndKeepNothing() {
        String practice = "practice-" + UUID.randomUUID();
        IntegrationService.WithSecret created = integration(practice);
        String id = created.integration().id();
        byte[] body = "{\"type\":\"x12\",\"data\":{\"x12\":\"ISA\"}}".getBytes(StandardCharsets.UTF_8);
        long now = Instant.now().getEpochSecond();

        APIGatewayV2HTTPResponse forged = handler.handleRequest(event(id, "evt-2", now,
                WebhookSignature.sign(WebhookSignature.newSecret(), "evt-2", now, body), body, false), null);
        assertThat(forged.getStatusCode()).isEqualTo(401);
        assertThat(forged.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        assertThat(forged.getBody()).contains("https://therapyops.org/problems/unauthorized").contains("\"status\":401");

        APIGatewayV2HTTPResponse stale = handler.handleRequest(event(id, "evt-3", now - 600,
                WebhookSignature.sign(created.secret(), "evt-3", now - 600, body), body, false), null);
        assertThat(stale.getStatusCode()).isEqualTo(401);
        APIGatewayV2HTTPResponse unsigned = handler.handleRequest(event(id, "evt-4", now, null, body, false), null);
        assertThat(unsigned.getStatusCode()).isEqualTo(401);
        APIGatewayV2HTTPResponse unknown = handler.handleRequest(event("int-" + UUID.randomUUID(), "evt-5", now,
                WebhookSignature.sign(created.secret(), "evt-5", now, body), body, false), null);
        assertThat(unknown.getStatusCode()).isEqualTo(401);
        assertThat(unknown.getBody()).isEqualTo(forged.getBody());

        byte[] large = new byte[2048];
        APIGatewayV2HTTPResponse tooLarge = handler.handleRequest(event(id, "evt-6", now,
                WebhookSignature.sign(created.secret(), "evt-6", now, large), large, true), null);
        assertThat(tooLarge.getStatusCode()).isEqualTo(413);
        assertThat(tooLarge.getBody()).contains("payload-too-large").contains("1024 bytes");

        APIGatewayV2HTTPEvent garbled = event(id, "evt-7", now, "v1,x", body, false);
        garbled.setIsBase64Encoded(true);
        garbled.setBody("%%%");
        APIGatewayV2HTTPResponse notBase64 = handler.handleRequest(garbled, null);
        assertThat(notBase64.getStatusCode()).isEqualTo(400);

        assertThat(inbound.deliveries().list(practice, null, 10, null).items()).isEmpty();
    }
}
