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
            Map.of("Effect", "Allow", "Action", "ses:SendEmail", "Resource", "arn:aws:ses:us-east-1:123456789012:identity/alerts@x.example"),
            Map.of("Effect", "Allow", "Action", List.of("s3:PutObject", "s3:GetObject"), "Resource", "arn:aws:s3:::raw-deliveries/incoming/*"),
            Map.of("Effect", "Allow", "Action", "s3:ListBucket", "Resource", "arn:aws:s3:::raw-deliveries"))));

    /** What an SDK v2 S3 client sends: SigV4 with s3 in the credential scope. */
    private static final Map<String, List<String>> S3_SIGNED = Map.of("Authorization", List.of("AWS4-HMAC-SHA256 "
            + "Credential=testing/20260101/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc"));

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

    private List<IamGate.Need> s3(String method, String path, String query) {
        return s3(method, path, query, S3_SIGNED, new byte[0]);
    }

    private List<IamGate.Need> s3(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
        return gate.needs(new IamGate.Call(method, path, query, headers, body));
    }

    private static IamGate.Need s3Need(String action, String resource) {
        return new IamGate.Need("s3:" + action, "arn:aws:s3:::" + resource);
    }

    @Test
    void readsWhatEachS3CallNeedsInPathStyle() {
        assertThat(s3("PUT", "/raw-deliveries/incoming/2026/a%20b+c%2Bd.x12", null))
                .as("the key is URL-decoded; '+' stays a plus").containsExactly(s3Need("PutObject", "raw-deliveries/incoming/2026/a b+c+d.x12"));
        assertThat(s3("GET", "/raw-deliveries/incoming/x", null)).containsExactly(s3Need("GetObject", "raw-deliveries/incoming/x"));
        assertThat(s3("HEAD", "/raw-deliveries/incoming/x", null)).containsExactly(s3Need("GetObject", "raw-deliveries/incoming/x"));
        assertThat(s3("GET", "/raw-deliveries/incoming/x", "versionId=3"))
                .containsExactly(s3Need("GetObjectVersion", "raw-deliveries/incoming/x"));
        assertThat(s3("DELETE", "/raw-deliveries/incoming/x", null)).containsExactly(s3Need("DeleteObject", "raw-deliveries/incoming/x"));
        assertThat(s3("GET", "/raw-deliveries", "list-type=2&prefix=incoming%2F")).containsExactly(s3Need("ListBucket", "raw-deliveries"));
        assertThat(s3("GET", "/raw-deliveries/", null)).containsExactly(s3Need("ListBucket", "raw-deliveries"));
        assertThat(s3("HEAD", "/raw-deliveries", null)).as("HeadBucket").containsExactly(s3Need("ListBucket", "raw-deliveries"));
        assertThat(s3("GET", "/raw-deliveries", "versioning")).containsExactly(s3Need("GetBucketVersioning", "raw-deliveries"));
        assertThat(s3("PUT", "/raw-deliveries", null)).containsExactly(s3Need("CreateBucket", "raw-deliveries"));
        assertThat(s3("GET", "/", null)).containsExactly(s3Need("ListAllMyBuckets", "*"));
        assertThat(s3("POST", "/raw-deliveries/incoming/big", "uploads")).containsExactly(s3Need("PutObject", "raw-deliveries/incoming/big"));
        assertThat(s3("PUT", "/raw-deliveries/incoming/big", "partNumber=1&uploadId=u"))
                .containsExactly(s3Need("PutObject", "raw-deliveries/incoming/big"));
        assertThat(s3("DELETE", "/raw-deliveries/incoming/big", "uploadId=u"))
                .containsExactly(s3Need("AbortMultipartUpload", "raw-deliveries/incoming/big"));
        assertThat(s3("GET", "/raw-deliveries/incoming/x", "tagging")).containsExactly(s3Need("GetObjectTagging", "raw-deliveries/incoming/x"));

        Map<String, List<String>> copy = new java.util.HashMap<>(S3_SIGNED);
        copy.put("x-amz-copy-source", List.of("other/in%20box/x?versionId=7"));
        assertThat(s3("PUT", "/raw-deliveries/incoming/copy", null, copy, new byte[0]))
                .containsExactly(s3Need("PutObject", "raw-deliveries/incoming/copy"), s3Need("GetObjectVersion", "other/in box/x"));

        byte[] delete = ("<Delete xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Object><Key>incoming/a</Key></Object>"
                + "<Object><Key>old/b</Key><VersionId>v1</VersionId></Object></Delete>").getBytes(StandardCharsets.UTF_8);
        assertThat(s3("POST", "/raw-deliveries", "delete", S3_SIGNED, delete))
                .containsExactly(s3Need("DeleteObject", "raw-deliveries/incoming/a"), s3Need("DeleteObjectVersion", "raw-deliveries/old/b"));

        Map<String, List<String>> presigned = Map.of();
        assertThat(s3("GET", "/raw-deliveries/incoming/x", "X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=testing%2F20260101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=abc", presigned, new byte[0]))
                .as("a presigned URL").containsExactly(s3Need("GetObject", "raw-deliveries/incoming/x"));
        assertThat(s3("GET", "/raw-deliveries/incoming/x", null, Map.of(), new byte[0])).as("not signed for s3: not S3").isEmpty();
    }

    @Test
    void s3PermissionsFollowTheKeyPrefix() {
        assertThat(gate.allows(s3Need("PutObject", "raw-deliveries/incoming/2026/x.x12"))).isTrue();
        assertThat(gate.allows(s3Need("PutObject", "raw-deliveries/other/x.x12"))).isFalse();
        assertThat(gate.allows(s3Need("DeleteObject", "raw-deliveries/incoming/x.x12"))).isFalse();
        assertThat(gate.allows(s3Need("ListBucket", "raw-deliveries"))).isTrue();
        assertThat(gate.allows(s3Need("ListBucket", "raw-deliveries/incoming/x"))).as("a bucket action is on the bucket").isFalse();
    }

    @Test
    void eachServiceGetsItsOwnAccessDeniedSoTheSdkRaisesItsOwnException() {
        var credentials = software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("testing", "testing"));
        var region = software.amazon.awssdk.regions.Region.US_EAST_1;
        try (var s3 = software.amazon.awssdk.services.s3.S3Client.builder().region(region).credentialsProvider(credentials)
                .endpointOverride(gate.endpoint()).forcePathStyle(true)
                .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder()).build();
             var sqs = software.amazon.awssdk.services.sqs.SqsClient.builder().region(region).credentialsProvider(credentials)
                .endpointOverride(gate.endpoint())
                .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder()).build();
             var ses = software.amazon.awssdk.services.sesv2.SesV2Client.builder().region(region).credentialsProvider(credentials)
                .endpointOverride(gate.endpoint())
                .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder()).build();
             var dynamo = software.amazon.awssdk.services.dynamodb.DynamoDbClient.builder().region(region).credentialsProvider(credentials)
                .endpointOverride(gate.endpoint())
                .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder()).build()) {
            var put = org.assertj.core.api.Assertions.catchThrowableOfType(
                    software.amazon.awssdk.services.s3.model.S3Exception.class,
                    () -> s3.putObject(b -> b.bucket("raw-deliveries").key("other/x.x12"),
                            software.amazon.awssdk.core.sync.RequestBody.fromString("ISA*00*")));
            assertThat(put.statusCode()).isEqualTo(403);
            assertThat(put.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
            assertThat(put.awsErrorDetails().errorMessage()).contains("s3:PutObject").contains("arn:aws:s3:::raw-deliveries/other/x.x12");
            var head = org.assertj.core.api.Assertions.catchThrowableOfType(
                    software.amazon.awssdk.services.s3.model.S3Exception.class,
                    () -> s3.headObject(b -> b.bucket("raw-deliveries").key("other/x.x12")));
            assertThat(head.statusCode()).as("a HEAD answer has no body, only the status").isEqualTo(403);

            var send = org.assertj.core.api.Assertions.catchThrowableOfType(
                    software.amazon.awssdk.services.sqs.model.SqsException.class,
                    () -> sqs.sendMessage(b -> b.queueUrl("http://localhost/123456789012/Other").messageBody("x")));
            assertThat(send.statusCode()).isEqualTo(403);
            assertThat(send.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
            assertThat(send.awsErrorDetails().errorMessage()).contains("sqs:SendMessage");

            var email = org.assertj.core.api.Assertions.catchThrowableOfType(
                    software.amazon.awssdk.services.sesv2.model.SesV2Exception.class,
                    () -> ses.sendEmail(b -> b.fromEmailAddress("other@x.example").destination(d -> d.toAddresses("a@x.example"))
                            .content(c -> c.simple(m -> m.subject(t -> t.data("s")).body(x -> x.text(t -> t.data("b")))))));
            assertThat(email.statusCode()).isEqualTo(403);
            assertThat(email.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
            assertThat(email.awsErrorDetails().errorMessage()).contains("ses:SendEmail");

            var get = org.assertj.core.api.Assertions.catchThrowableOfType(
                    software.amazon.awssdk.services.dynamodb.model.DynamoDbException.class,
                    () -> dynamo.getItem(b -> b.tableName("Practice").key(Map.of("pk",
                            software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("p")))));
            assertThat(get.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
        }
        assertThat(forwarded.get()).as("no denied call reached AWS").isZero();
    }

    /** A gate that fails every call of the function as the rates say; the SDK clients below, without retries. */
    private IamGate faultyGate(Faults.Rates rates) {
        Faults faults = Faults.none().sdkTimeout(java.time.Duration.ofMillis(300));
        Faults.SERVICES.forEach(s -> faults.service(s, rates));
        return IamGate.start("ApiFunction", POLICIES, true, ARNS, URI.create("http://127.0.0.1:" + aws.getAddress().getPort()),
                new PrintStream(console, true, StandardCharsets.UTF_8), 1, new FaultInjector(faults), new ClientRequestTokens());
    }

    private static <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, ?>> B sdk(B builder, IamGate at) {
        return builder.region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("testing", "testing")))
                .endpointOverride(at.endpoint())
                .overrideConfiguration(c -> c.retryStrategy(software.amazon.awssdk.retries.DefaultRetryStrategy.doNotRetry()));
    }

    @Test
    void injectedThrottlesAndServerErrorsAreWhatEachServiceSendsSoTheSdkKnowsToRetryThem() {
        for (boolean throttle : new boolean[] {true, false}) {
            IamGate faulty = faultyGate(throttle ? new Faults.Rates(1, 0, 0, 0) : new Faults.Rates(0, 1, 0, 0));
            try (var s3 = sdk(software.amazon.awssdk.services.s3.S3Client.builder(), faulty).forcePathStyle(true)
                    .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder()).build();
                 var sqs = sdk(software.amazon.awssdk.services.sqs.SqsClient.builder(), faulty)
                    .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder()).build();
                 var ses = sdk(software.amazon.awssdk.services.sesv2.SesV2Client.builder(), faulty)
                    .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder()).build();
                 var dynamo = sdk(software.amazon.awssdk.services.dynamodb.DynamoDbClient.builder(), faulty)
                    .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder()).build()) {
                List<software.amazon.awssdk.awscore.exception.AwsServiceException> errors = new java.util.ArrayList<>();
                errors.add(org.assertj.core.api.Assertions.catchThrowableOfType(software.amazon.awssdk.services.s3.model.S3Exception.class,
                        () -> s3.getObject(b -> b.bucket("raw-deliveries").key("incoming/x"),
                                software.amazon.awssdk.core.sync.ResponseTransformer.toBytes())));
                errors.add(org.assertj.core.api.Assertions.catchThrowableOfType(software.amazon.awssdk.services.sqs.model.SqsException.class,
                        () -> sqs.sendMessage(b -> b.queueUrl("http://localhost/123456789012/Scrub").messageBody("x"))));
                errors.add(org.assertj.core.api.Assertions.catchThrowableOfType(
                        software.amazon.awssdk.services.sesv2.model.SesV2Exception.class,
                        () -> ses.sendEmail(b -> b.fromEmailAddress("alerts@x.example").destination(d -> d.toAddresses("a@x.example"))
                                .content(c -> c.simple(m -> m.subject(t -> t.data("s")).body(x -> x.text(t -> t.data("b"))))))));
                for (int i = 0; i < 4; i++) {
                    errors.add(org.assertj.core.api.Assertions.catchThrowableOfType(
                            software.amazon.awssdk.services.dynamodb.model.DynamoDbException.class,
                            () -> dynamo.getItem(b -> b.tableName("Claims").key(Map.of("pk",
                                    software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("p"))))));
                }
                for (var e : errors) {
                    assertThat(e).as("every call failed").isNotNull();
                    if (throttle) {
                        assertThat(e.isThrottlingException()).as(e.awsErrorDetails().errorCode() + " is a throttle to the SDK").isTrue();
                    } else {
                        assertThat(e.statusCode()).isEqualTo(500);
                    }
                }
                if (throttle) {
                    assertThat(errors.get(0).awsErrorDetails().errorCode()).isEqualTo("SlowDown");
                    assertThat(errors.get(1)).isInstanceOf(software.amazon.awssdk.services.sqs.model.RequestThrottledException.class);
                    assertThat(errors.get(2)).isInstanceOf(software.amazon.awssdk.services.sesv2.model.TooManyRequestsException.class);
                    assertThat(errors.subList(3, 7)).extracting(e -> e.awsErrorDetails().errorCode())
                            .containsOnly("ProvisionedThroughputExceededException", "ThrottlingException");
                } else {
                    assertThat(errors.get(3)).isInstanceOf(software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException.class);
                    assertThat(errors.get(2)).isInstanceOf(software.amazon.awssdk.services.sesv2.model.InternalServiceErrorException.class);
                }
            } finally {
                faulty.close();
            }
        }
        assertThat(forwarded.get()).as("no failed call reached AWS").isZero();
    }

    @Test
    void anInjectedTimeoutHoldsTheCallPastTheSdksSocketTimeoutAndNeverForwardsIt() {
        IamGate faulty = faultyGate(new Faults.Rates(0, 0, 1, 0));
        try (var dynamo = sdk(software.amazon.awssdk.services.dynamodb.DynamoDbClient.builder(), faulty)
                .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder()
                        .socketTimeout(java.time.Duration.ofMillis(300))).build()) {
            long t0 = System.nanoTime();
            var e = org.assertj.core.api.Assertions.catchThrowableOfType(software.amazon.awssdk.core.exception.SdkClientException.class,
                    () -> dynamo.getItem(b -> b.tableName("Claims").key(Map.of("pk",
                            software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("p")))));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(e).hasRootCauseInstanceOf(java.net.SocketTimeoutException.class);
            assertThat(ms).as("the client's own timeout, not the gate's hold").isBetween(250L, 700L);
        } finally {
            faulty.close();
        }
        assertThat(forwarded.get()).isZero();
    }

    @Test
    void aLostAnswerIsForwardedSoAwsAppliesTheCallThenTheCallerHearsTheServices500() {
        IamGate faulty = faultyGate(new Faults.Rates(0, 0, 0, 0, 1));
        try (var sqs = sdk(software.amazon.awssdk.services.sqs.SqsClient.builder(), faulty)
                .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder()).build();
             var dynamo = sdk(software.amazon.awssdk.services.dynamodb.DynamoDbClient.builder(), faulty)
                .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder()).build()) {
            var send = org.assertj.core.api.Assertions.catchThrowableOfType(software.amazon.awssdk.services.sqs.model.SqsException.class,
                    () -> sqs.sendMessage(b -> b.queueUrl("http://localhost/123456789012/Scrub").messageBody("x")));
            assertThat(send.statusCode()).isEqualTo(500);
            var put = org.assertj.core.api.Assertions.catchThrowableOfType(
                    software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException.class,
                    () -> dynamo.putItem(b -> b.tableName("Claims").item(Map.of("pk",
                            software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("p")))));
            assertThat(put.statusCode()).isEqualTo(500);
        } finally {
            faulty.close();
        }
        assertThat(forwarded.get()).as("both calls reached AWS").isEqualTo(2);
    }

    @Test
    void onlyCallsThatChangeSomethingAreWrites() {
        Map<String, List<String>> none = Map.of();
        assertThat(IamGate.isWrite(new IamGate.Call("POST", "/", null, Map.of("X-Amz-Target", List.of("DynamoDB_20120810.TransactWriteItems")),
                new byte[0]))).isTrue();
        assertThat(IamGate.isWrite(new IamGate.Call("POST", "/", null, Map.of("X-Amz-Target", List.of("DynamoDB_20120810.Query")),
                new byte[0]))).isFalse();
        assertThat(IamGate.isWrite(new IamGate.Call("POST", "/", null, Map.of("X-Amz-Target", List.of("AmazonSQS.SendMessage")),
                new byte[0]))).isTrue();
        assertThat(IamGate.isWrite(new IamGate.Call("PUT", "/raw-deliveries/incoming/x", null, S3_SIGNED, new byte[0]))).isTrue();
        assertThat(IamGate.isWrite(new IamGate.Call("GET", "/raw-deliveries/incoming/x", null, S3_SIGNED, new byte[0]))).isFalse();
        assertThat(IamGate.isWrite(new IamGate.Call("POST", "/v2/email/outbound-emails", null, none, new byte[0]))).isTrue();
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
