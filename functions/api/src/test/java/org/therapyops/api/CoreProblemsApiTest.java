package org.therapyops.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.therapyops.dynamodb.Tables;
import org.therapyops.testing.Moto;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the core refuses answers as a problem wherever it is thrown (CoreProblems), through the API function as Lambda
 * calls it, on moto: an integration that cannot do what is asked is a 409 conflict that says why, and nothing changed.
 */
class CoreProblemsApiTest {

    private static ApplicationContext context;
    private static APIGatewayV2HTTPEventFunction function;
    private final String practiceId = "practice-" + UUID.randomUUID();

    @BeforeAll
    static void start() {
        Moto moto = Moto.shared();
        Tables tables = moto.createTables();
        context = ApiEvents.context(moto, tables, moto.createBillingTables(), "http://unused", "http://unused",
                moto.createInboundTable(), "http://unused", moto.createReportingTable());
        function = new APIGatewayV2HTTPEventFunction(context);
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    private APIGatewayV2HTTPResponse post(String path, String body) {
        return function.handleRequest(ApiEvents.event("POST", path, body, null, ApiEvents.claims(practiceId, "admin", "admin-1")), null);
    }

    @Test
    void anIntegrationThatCannotDoWhatIsAskedIsAConflictThatSaysWhy() throws Exception {
        String id = ApiEvents.created(post("/integrations", "{\"name\":\"Clearinghouse\",\"kind\":\"CLEARINGHOUSE\"}")).get("id").asText();

        JsonNode noOlderSecret = ApiEvents.problem(post("/integrations/" + id + "/secrets/retire", null), "conflict");
        assertThat(noOlderSecret.get("status").asInt()).isEqualTo(409);
        assertThat(noOlderSecret.get("detail").asText()).startsWith("The integration cannot do that now: ").endsWith("Nothing was changed.");

        ApiEvents.ok(post("/integrations/" + id + "/revoke", null));
        JsonNode revoked = ApiEvents.problem(post("/integrations/" + id + "/secrets", null), "conflict");
        assertThat(revoked.get("detail").asText()).startsWith("The integration cannot do that now: ");
        JsonNode after = ApiEvents.ok(function.handleRequest(ApiEvents.event("GET", "/integrations/" + id, null, null,
                ApiEvents.claims(practiceId, "admin", "admin-1")), null));
        assertThat(after.get("status").asText()).isEqualTo("REVOKED");
        assertThat(after.get("secrets")).as("no secret was added by the refused rotation").hasSize(1);
    }
}
