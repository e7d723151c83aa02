package org.therapyops.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import org.therapyops.dynamodb.Tables;
import org.therapyops.testing.Moto;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API Gateway HTTP API (payload 2.0) events as the gateway builds them, for calling the API function
 * in-process the way Lambda calls it, and the assertions the API tests share on its answers.
 */
final class ApiEvents {

    static final ObjectMapper JSON = new ObjectMapper();

    private ApiEvents() {
    }

    /**
     * The API function's context on moto, as the template configures it: the four tables and the scrub queue and its
     * dead-letter queue ({@code "http://unused"} where a test sends nothing).
     */
    static ApplicationContext context(Moto moto, Tables tables, Moto.BillingTables billing, String scrubQueue,
                                      String deadLetters) {
        return context(moto, tables, billing, scrubQueue, deadLetters, moto.createInboundTable(), "http://unused");
    }

    /** As above, with the Inbound table and the inbound queue (re-applied deliveries). */
    static ApplicationContext context(Moto moto, Tables tables, Moto.BillingTables billing, String scrubQueue,
                                      String deadLetters, String inboundTable, String inboundQueue) {
        return context(moto, tables, billing, scrubQueue, deadLetters, inboundTable, inboundQueue, Map.of());
    }

    /** As above, with the Reporting table (the reports). */
    static ApplicationContext context(Moto moto, Tables tables, Moto.BillingTables billing, String scrubQueue,
                                      String deadLetters, String inboundTable, String inboundQueue, String reportingTable) {
        return context(moto, tables, billing, scrubQueue, deadLetters, inboundTable, inboundQueue, Map.of("reporting.table", reportingTable));
    }

    /** As above, with more properties (e.g. another ICD-10-CM folder, {@code code-sets.icd10cm.folder}). */
    static ApplicationContext context(Moto moto, Tables tables, Moto.BillingTables billing, String scrubQueue,
                                      String deadLetters, String inboundTable, String inboundQueue, Map<String, Object> more) {
        Map<String, Object> properties = new HashMap<>(Map.of(
                "practice.table", tables.practice(),
                "appointments.table", tables.appointments(),
                "appointment.history.table", tables.appointmentHistory(),
                "notes.table", billing.notes(),
                "claims.table", billing.claims(),
                "inbound.table", inboundTable,
                "inbound.queue.url", inboundQueue,
                "scrub.queue.url", scrubQueue,
                "scrub.dead.letter.queue.url", deadLetters,
                "aws.endpoint.url", moto.endpoint().toString()));
        properties.put("reporting.table", "unused-reporting-table");
        properties.putAll(more);
        return ApplicationContext.builder().properties(properties).start();
    }

    /** The claims the gateway's JWT authorizer passes on: subject (default user-1), practice and role. */
    static Map<String, String> claims(String practice, String role, String subject) {
        Map<String, String> claims = new HashMap<>();
        claims.put("sub", subject == null ? "user-1" : subject);
        claims.put("practice_id", practice);
        claims.put("role", role);
        return claims;
    }

    /** A request; the path may carry a query string; no claims means the request reached the function unverified. */
    static APIGatewayV2HTTPEvent event(String method, String path, String body, String ifMatch, Map<String, String> claims) {
        APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = claims == null ? null
                : APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder().withClaims(claims).build()).build();
        Map<String, String> headers = new HashMap<>();
        if (body != null) {
            headers.put("content-type", "application/json");
        }
        if (ifMatch != null) {
            headers.put("if-match", ifMatch);
        }
        int query = path.indexOf('?');
        String rawPath = query < 0 ? path : path.substring(0, query);
        String rawQuery = query < 0 ? "" : path.substring(query + 1);
        Map<String, String> parameters = new HashMap<>();
        if (!rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                parameters.merge(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1), (a, b) -> a + "," + b);
            }
        }
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0").withRouteKey("ANY /{proxy+}").withRawPath(rawPath).withRawQueryString(rawQuery)
                .withQueryStringParameters(parameters)
                .withHeaders(headers).withBody(body).withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(rawPath)
                                .withProtocol("HTTP/1.1").withSourceIp("127.0.0.1").build())
                        .withAuthorizer(authorizer)
                        .withRequestId(UUID.randomUUID().toString()).withStage("$default").build())
                .build();
    }

    static JsonNode created(APIGatewayV2HTTPResponse response) throws Exception {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
        return JSON.readTree(response.getBody());
    }

    static JsonNode ok(APIGatewayV2HTTPResponse response) throws Exception {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        return JSON.readTree(response.getBody());
    }

    /** Asserts an RFC 9457 problem of the given type (the part after https://therapyops.org/problems/). */
    static JsonNode problem(APIGatewayV2HTTPResponse response, String type) throws Exception {
        assertThat(response.getHeaders().get("Content-Type")).as(response.getBody()).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.getBody());
        assertThat(problem.get("type").asText()).isEqualTo("https://therapyops.org/problems/" + type);
        assertThat(problem.get("status").asInt()).isEqualTo(response.getStatusCode());
        return problem;
    }
}
