package org.therapyops.localcloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The IAM gate: what a call needs, what a function's policy allows, and that a denied call never reaches AWS. */
class IamGateTest {

    private static final String PREFIX = "arn:aws:dynamodb:us-east-1:123456789012:table/";
    private static final IamGate.Arns ARNS = new IamGate.Arns() {
        @Override
        public String table(String name) {
            return PREFIX + name;
        }

        @Override
        public String queue(String urlOrName) {
            return "arn:aws:sqs:us-east-1:123456789012:" + urlOrName.substring(urlOrName.lastIndexOf('/') + 1);
        }

        @Override
        public String emailIdentity(String identity) {
            return "arn:aws:ses:us-east-1:123456789012:identity/" + identity;
        }
    };

    /** Resolved Policies as template.yaml writes them: an inline document with Allow statements. */
    private static final List<Object> POLICIES = List.of(Map.of("Version", "2012-10-17", "Statement", List.of(
            Map.of("Effect", "Allow", "Action", List.of("dynamodb:GetItem", "dynamodb:PutItem"), "Resource", PREFIX + "Claims"),
            Map.of("Effect", "Allow", "Action", "dynamodb:Query", "Resource", PREFIX + "Claims/index/*"),
            Map.of("Effect", "Allow", "Action", List.of("sqs:SendMessage"), "Resource", List.of("arn:aws:sqs:us-east-1:123456789012:Scrub")),
            Map.of("Effect", "Allow", "Action", "ses:SendEmail", "Resource", "arn:aws:ses:us-east-1:123456789012:identity/alerts@x.example"))));

    private HttpServer aws;
    private final AtomicInteger forwarded = new AtomicInteger();
    private IamGate gate;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        aws = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        aws.createContext("/", exchange -> {
            forwarded.incrementAndGet();
            byte[] out = "{\"Item\":{}}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        aws.start();
        gate = IamGate.start("ApiFunction", POLICIES, ARNS, URI.create("http://127.0.0.1:" + aws.getAddress().getPort()),
                new PrintStream(console, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        gate.close();
        aws.stop(0);
    }

    @Test
    void readsWhatEachKindOfCallNeeds() throws Exception {
        assertThat(gate.needs("POST", "/", "DynamoDB_20120810.Query", json("{\"TableName\":\"Claims\",\"IndexName\":\"ByPatient\"}")))
                .containsExactly(new IamGate.Need("dynamodb:Query", PREFIX + "Claims/index/ByPatient"));
        assertThat(gate.needs("POST", "/", "DynamoDB_20120810.TransactWriteItems", json("{\"TransactItems\":["
                + "{\"Put\":{\"TableName\":\"Claims\"}},{\"Update\":{\"TableName\":\"Practice\"}},"
                + "{\"ConditionCheck\":{\"TableName\":\"Claims\"}}]}")))
                .containsExactly(new IamGate.Need("dynamodb:PutItem", PREFIX + "Claims"),
                        new IamGate.Need("dynamodb:UpdateItem", PREFIX + "Practice"),
                        new IamGate.Need("dynamodb:ConditionCheckItem", PREFIX + "Claims"));
        assertThat(gate.needs("POST", "/", "AmazonSQS.SendMessage", json("{\"QueueUrl\":\"http://localhost/123456789012/Scrub\"}")))
                .containsExactly(new IamGate.Need("sqs:SendMessage", "arn:aws:sqs:us-east-1:123456789012:Scrub"));
        assertThat(gate.needs("POST", "/v2/email/outbound-emails", null,
                json("{\"FromEmailAddress\":\"Therapy Ops <alerts@x.example>\"}")))
                .containsExactly(new IamGate.Need("ses:SendEmail", "arn:aws:ses:us-east-1:123456789012:identity/alerts@x.example"));
    }

    @Test
    void allowsOnlyWhatAStatementNamesWithWildcardsOnResources() {
        assertThat(gate.allows(new IamGate.Need("dynamodb:GetItem", PREFIX + "Claims"))).isTrue();
        assertThat(gate.allows(new IamGate.Need("DynamoDB:getitem", PREFIX + "Claims"))).as("actions ignore case").isTrue();
        assertThat(gate.allows(new IamGate.Need("dynamodb:Query", PREFIX + "Claims/index/needsReview"))).isTrue();
        assertThat(gate.allows(new IamGate.Need("dynamodb:Query", PREFIX + "Claims"))).as("the table is not its index").isFalse();
        assertThat(gate.allows(new IamGate.Need("dynamodb:GetItem", PREFIX + "Practice"))).isFalse();
        assertThat(gate.allows(new IamGate.Need("dynamodb:UpdateItem", PREFIX + "Claims"))).isFalse();
        assertThat(gate.allows(new IamGate.Need("ses:SendEmail", "arn:aws:ses:us-east-1:123456789012:identity/other@x.example")))
                .isFalse();
    }

    @Test
    void aDeniedCallIsAnAccessDeniedErrorAndNeverReachesAwsAnAllowedOneIsForwarded() throws Exception {
        HttpResponse<String> denied = call("DynamoDB_20120810.GetItem", "{\"TableName\":\"Practice\"}");
        assertThat(denied.statusCode()).isEqualTo(400);
        assertThat(denied.headers().firstValue("x-amzn-ErrorType")).contains("AccessDeniedException");
        assertThat(denied.body()).contains("AccessDeniedException").contains("dynamodb:GetItem")
                .contains(PREFIX + "Practice");
        assertThat(forwarded.get()).isZero();
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("IAM denied ApiFunction: dynamodb:GetItem");

        HttpResponse<String> allowed = call("DynamoDB_20120810.GetItem", "{\"TableName\":\"Claims\"}");
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.body()).isEqualTo("{\"Item\":{}}");
        assertThat(forwarded.get()).isEqualTo(1);
    }

    private HttpResponse<String> call(String target, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(gate.endpoint().resolve("/"))
                .header("X-Amz-Target", target).header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }
}
