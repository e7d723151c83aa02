package org.therapyops.localcloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

/** End to end through real moto and real function processes. */
class LocalCloudTest {

    static LocalCloud cloud;
    static Path observe;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    /** A one-time schedule that fires while the tests run: Tokyo local time, 30 s after the test class loads. */
    static final String ONE_SHOT_AT = java.time.LocalDateTime.now(java.time.ZoneId.of("Asia/Tokyo")).plusSeconds(30)
            .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss"));

    /** The secret the clearinghouse signs with and WebhookFunction checks (a template parameter, as a stored secret). */
    static final String WEBHOOK_SECRET = WebhookSigner.newSecret();
    /** A stand-in for the 999 / 277CA / 835 writers; the 277CA makes WebhookFunction fail its first receipt. */
    static final ClearinghouseResponder STAND_IN = (x12, now) -> List.of(
            new ClearinghouseResponder.Document("999", null, "999 for " + x12.substring(0, x12.indexOf('~'))),
            new ClearinghouseResponder.Document("277CA", null, "277CA FAIL-ONCE at " + now.getEpochSecond()),
            new ClearinghouseResponder.Document("835", null, "835 remitting"));

    @BeforeAll
    static void start() throws Exception {
        observe = Files.createTempDirectory("local-cloud-observe");
        cloud = LocalCloud.start(LocalCloud.Options.defaults(Path.of("target/test-classes/testcloud"))
                .apiPort(0).stackName("lc-test").parameter("ObserveDir", observe.toString())
                .parameter("OneShotAt", ONE_SHOT_AT).parameter("WebhookSecret", WEBHOOK_SECRET)
                .retryDelay(Duration.ofMillis(200))
                .clearinghouseResponder(STAND_IN).clearinghouseRetry(3, Duration.ofMillis(100)));
    }

    @AfterAll
    static void stop() {
        if (cloud != null) {
            cloud.close();
        }
    }

    static HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(cloud.apiUrl().resolve(path));
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static long echoInvocations() {
        return cloud.status().functions().stream().filter(f -> f.logicalId().equals("EchoFunction")).findFirst().orElseThrow().invocations();
    }

    static void await(BooleanSupplier condition, Duration max) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within " + max);
            }
            Thread.sleep(100);
        }
    }

    static List<String> observed(String file) {
        try {
            Path p = observe.resolve(file);
            return Files.exists(p) ? Files.readAllLines(p) : List.of();
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    @Test
    void validTokenPassesClaimsAndPayload20() throws Exception {
        String token = cloud.issueToken("practice-1", "clinician");
        HttpResponse<String> r = get("/items/abc%20d?x=1&x=2&y=z", Map.of("Authorization", "Bearer " + token,
                "Cookie", "a=1; b=2", "X-Multi", "v1", "Origin", "http://localhost:5173"));
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.headers().firstValue("x-echo")).contains("1");
        assertThat(r.headers().allValues("set-cookie")).contains("seen=1");
        assertThat(r.headers().firstValue("access-control-allow-origin")).contains("http://localhost:5173");
        assertThat(r.headers().firstValue("access-control-expose-headers")).contains("etag,location");
        JsonNode e = Json.MAPPER.readTree(r.body());
        assertThat(e.path("version").asText()).isEqualTo("2.0");
        assertThat(e.path("routeKey").asText()).isEqualTo("GET /items/{itemId}");
        assertThat(e.path("rawPath").asText()).isEqualTo("/items/abc%20d");
        assertThat(e.path("rawQueryString").asText()).isEqualTo("x=1&x=2&y=z");
        assertThat(e.path("queryStringParameters").path("x").asText()).isEqualTo("1,2");
        assertThat(e.path("pathParameters").path("itemId").asText()).isEqualTo("abc d");
        assertThat(e.path("cookies").toString()).isEqualTo("[\"a=1\",\"b=2\"]");
        assertThat(e.path("headers").path("x-multi").asText()).isEqualTo("v1");
        JsonNode rc = e.path("requestContext");
        assertThat(rc.path("stage").asText()).isEqualTo("$default");
        assertThat(rc.path("http").path("method").asText()).isEqualTo("GET");
        JsonNode claims = rc.path("authorizer").path("jwt").path("claims");
        assertThat(claims.path("practice_id").asText()).isEqualTo("practice-1");
        assertThat(claims.path("role").asText()).isEqualTo("clinician");
        assertThat(claims.path("iss").asText()).isEqualTo(cloud.issuer());
        assertThat(claims.path("exp").isTextual()).isTrue();

        HttpResponse<String> greedy = get("/a/b/c", Map.of("Authorization", token));
        assertThat(Json.MAPPER.readTree(greedy.body()).path("routeKey").asText()).isEqualTo("ANY /{proxy+}");
        assertThat(Json.MAPPER.readTree(greedy.body()).path("pathParameters").path("proxy").asText()).isEqualTo("a/b/c");
    }

    @Test
    void openRouteNeedsNoTokenAndErrorsMapTo500() throws Exception {
        HttpResponse<String> open = get("/open", Map.of());
        assertThat(open.statusCode()).isEqualTo(201);
        assertThat(Json.MAPPER.readTree(open.body()).path("requestContext").has("authorizer")).isFalse();
        HttpResponse<String> boom = get("/boom", Map.of("Authorization", cloud.issueToken("p", "admin")));
        assertThat(boom.statusCode()).isEqualTo(500);
        assertThat(boom.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");
    }

    @Test
    void aPayload20AnswerIsReadFromHeadersAloneAsApiGatewayDoes() throws Exception {
        // Format 2.0 has no multiValueHeaders (API Gateway's payload format docs): one Content-Type, one ETag.
        HttpResponse<String> r = get("/versioned", Map.of("Authorization", "Bearer " + cloud.issueToken("p", "admin")));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().allValues("etag")).containsExactly("\"3\"");
        assertThat(r.headers().allValues("content-type")).containsExactly("application/json");
        assertThat(r.headers().allValues("x-only-multi")).isEmpty();
    }

    @Test
    void badTokensAreRefusedWithoutCallingTheFunction() throws Exception {
        long before = echoInvocations();
        Instant now = Instant.now();
        String expired = cloud.issueToken(new TokenRequest("p", "admin", null, null, now.minusSeconds(7200), now.minusSeconds(3600)));
        String wrongAudience = cloud.issueToken(new TokenRequest("p", "admin", null, "someone-else", null, null));
        RSAKey otherKey = new RSAKeyGenerator(2048).keyID("other").generate();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(cloud.issuer()).audience("test-api").subject("x")
                .expirationTime(Date.from(now.plusSeconds(600))).build();
        String badSignature = TokenIssuer.sign(claims, otherKey);
        String wrongIssuer = new TokenIssuer("http://127.0.0.1:1/elsewhere", "test-api").issue(TokenRequest.of("p", "admin")).token();
        for (String auth : new String[] {null, "Bearer " + expired, "Bearer " + wrongAudience, "Bearer " + badSignature,
                wrongIssuer, "Bearer not-a-jwt"}) {
            HttpResponse<String> r = get("/items/1", auth == null ? Map.of() : Map.of("Authorization", auth));
            assertThat(r.statusCode()).as(String.valueOf(auth)).isEqualTo(401);
            assertThat(r.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
            assertThat(r.headers().firstValue("www-authenticate")).isPresent();
        }
        assertThat(echoInvocations()).isEqualTo(before);
        assertThat(get("/_local/issuer/.well-known/jwks.json", Map.of()).body()).contains("\"kty\":\"RSA\"");
    }

    @Test
    void corsPreflightIsAnsweredByTheGateway() throws Exception {
        long before = echoInvocations();
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(cloud.apiUrl().resolve("/items/1"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://localhost:5173").header("Access-Control-Request-Method", "POST").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.headers().firstValue("access-control-allow-origin")).contains("http://localhost:5173");
        assertThat(r.headers().firstValue("access-control-allow-methods")).contains("GET,POST");
        assertThat(r.headers().firstValue("access-control-max-age")).contains("600");
        assertThat(echoInvocations()).isEqualTo(before);
    }

    @Test
    void devTokensEndpointIssuesUsableTokens() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(cloud.apiUrl().resolve("/_local/tokens"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"practiceId\":\"pp\",\"role\":\"biller\",\"subject\":\"sam\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        String token = Json.MAPPER.readTree(r.body()).path("token").asText();
        HttpResponse<String> echo = get("/x", Map.of("Authorization", "Bearer " + token));
        JsonNode claims = Json.MAPPER.readTree(echo.body()).path("requestContext").path("authorizer").path("jwt").path("claims");
        assertThat(claims.path("email").asText()).isEqualTo("sam@pp.example");
        assertThat(get("/_local/status", Map.of()).body()).contains("\"WorkDeadLetterQueue\"");
    }

    static void put(String table, String id, String kind, String behavior) {
        cloud.aws().dynamoDb().putItem(b -> b.tableName(cloud.physicalId(table)).item(Map.of(
                "id", AttributeValue.fromS(id), "kind", AttributeValue.fromS(kind), "behavior", AttributeValue.fromS(behavior))));
    }

    @Test
    void streamFilterAndPartialBatchFailure() throws Exception {
        put("ItemsTable", "f-1", "keep", "ok");
        put("ItemsTable", "f-2", "drop", "ok");
        put("ItemsTable", "f-3", "keep", "fail-once");
        put("ItemsTable", "f-4", "keep", "ok");
        put("ItemsTable", "f-1", "keep", "ok"); // MODIFY: filtered out by eventName
        await(() -> observed("filtered.log").stream().filter(l -> l.startsWith("f-4")).count() >= 1
                && observed("filtered.log").stream().filter(l -> l.startsWith("f-3")).count() >= 2, Duration.ofSeconds(30));
        List<String> seen = observed("filtered.log");
        assertThat(seen).noneMatch(l -> l.startsWith("f-2"));
        assertThat(seen).filteredOn(l -> l.startsWith("f-1")).containsExactly("f-1 INSERT");
        assertThat(seen).filteredOn(l -> l.startsWith("f-3")).hasSize(2);
        assertThat(cloud.status().mappings()).filteredOn(m -> m.function().equals("FilteredStreamFunction"))
                .allMatch(m -> m.filteredOut() >= 2 && m.failures() >= 1);
    }

    @Test
    void poisonRecordEndsInTheOnFailureQueueAndTheStreamMovesOn() throws Exception {
        put("OrdersTable", "o-1", "x", "ok");
        put("OrdersTable", "o-2", "x", "poison");
        put("OrdersTable", "o-3", "x", "ok");
        put("OrdersTable", "o-4", "x", "ok");
        String queue = cloud.physicalId("OrdersFailureQueue");
        List<Message> messages = new java.util.ArrayList<>();
        await(() -> {
            messages.addAll(cloud.aws().sqs().receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10)).messages());
            return !messages.isEmpty() && observed("poison.log").contains("o-4 INSERT") && observed("poison.log").contains("o-3 INSERT");
        }, Duration.ofSeconds(60));
        assertThat(messages).hasSize(1);
        JsonNode record = Json.MAPPER.readTree(messages.get(0).body());
        assertThat(record.path("requestContext").path("condition").asText()).isEqualTo("RetryAttemptsExhausted");
        assertThat(record.path("requestContext").path("approximateInvokeCount").asInt()).isEqualTo(3);
        assertThat(record.path("responseContext").path("functionError").asText()).isEqualTo("Unhandled");
        assertThat(record.path("version").asText()).isEqualTo("1.0");
        JsonNode info = record.path("DDBStreamBatchInfo");
        assertThat(info.path("batchSize").asInt()).isEqualTo(1);
        assertThat(info.path("startSequenceNumber").asText()).isEqualTo(info.path("endSequenceNumber").asText());
        assertThat(info.path("streamArn").asText()).contains("OrdersTable");
        assertThat(observed("poison.log").stream().filter(l -> l.equals("o-2 INSERT")).count()).isEqualTo(3);
    }

    @Test
    void sqsPartialBatchResponseAndRedriveToTheDeadLetterQueue() throws Exception {
        String queue = cloud.physicalId("WorkQueue");
        cloud.aws().sqs().sendMessage(b -> b.queueUrl(queue).messageBody("ok-1"));
        cloud.aws().sqs().sendMessage(b -> b.queueUrl(queue).messageBody("fail-1"));
        String dlq = cloud.physicalId("WorkDeadLetterQueue");
        List<Message> dead = new java.util.ArrayList<>();
        await(() -> {
            dead.addAll(cloud.aws().sqs().receiveMessage(b -> b.queueUrl(dlq).maxNumberOfMessages(10)).messages());
            return !dead.isEmpty();
        }, Duration.ofSeconds(30));
        assertThat(dead).extracting(Message::body).containsExactly("fail-1");
        assertThat(observed("sqs.log")).filteredOn(l -> l.startsWith("ok-1")).containsExactly("ok-1 1");
        assertThat(observed("sqs.log")).filteredOn(l -> l.startsWith("fail-1")).containsExactly("fail-1 1", "fail-1 2");
    }

    @Test
    void demoLoaderSubstitutesEarlierResponses() throws Exception {
        Path file = Files.createTempFile(observe, "demo", ".json");
        Files.writeString(file, """
                {"practiceId":"demo-practice","role":"admin","requests":[
                  {"name":"first","method":"POST","path":"/payers","body":{"n":1}},
                  {"name":"second","method":"POST","path":"/patients/${first.version}/x","body":{"version":"${first.version}","ctx":"${first.requestContext}","s":"v=${first.version}"}}
                ]}""");
        Map<String, JsonNode> named = new DemoLoader(cloud.apiUrl(), cloud::issueToken, System.out).load(file);
        JsonNode second = named.get("second");
        assertThat(second.path("rawPath").asText()).isEqualTo("/patients/2.0/x");
        JsonNode body = Json.MAPPER.readTree(second.path("body").asText());
        assertThat(body.path("version").asText()).isEqualTo("2.0");
        assertThat(body.path("ctx").isObject()).isTrue();
        assertThat(body.path("s").asText()).isEqualTo("v=2.0");
    }

    static HttpResponse<String> post(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(cloud.apiUrl().resolve(path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void scheduleRuleSendsEventBridgesScheduledEvent() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        InvocationResult r = cloud.runSchedule("ScheduledFunction", "Hourly");
        assertThat(r.success()).as(r.errorMessage()).isTrue();
        JsonNode e = Json.MAPPER.readTree(r.payload());
        assertThat(e.path("version").asText()).isEqualTo("0");
        assertThat(java.util.UUID.fromString(e.path("id").asText())).isNotNull();
        assertThat(e.path("detail-type").asText()).isEqualTo("Scheduled Event");
        assertThat(e.path("source").asText()).isEqualTo("aws.events");
        assertThat(e.path("account").asText()).isEqualTo("123456789012");
        assertThat(e.path("region").asText()).isEqualTo("us-east-1");
        assertThat(e.path("resources").toString()).isEqualTo("[\"arn:aws:events:us-east-1:123456789012:rule/lc-test-ScheduledFunctionHourly\"]");
        assertThat(e.path("detail").isObject()).isTrue();
        assertThat(e.path("detail").size()).isZero();
        assertThat(e.path("time").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        assertThat(Instant.parse(e.path("time").asText())).isAfterOrEqualTo(before.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        assertThat(e.size()).isEqualTo(9);
    }

    @Test
    void scheduleV2SendsSchedulersEventWithDetailAsAString() throws Exception {
        InvocationResult r = cloud.runSchedule("ScheduledFunction", "Weekdays");
        assertThat(r.success()).as(r.errorMessage()).isTrue();
        JsonNode e = Json.MAPPER.readTree(r.payload());
        assertThat(e.path("version").asText()).isEqualTo("0");
        assertThat(e.path("detail-type").asText()).isEqualTo("Scheduled Event");
        assertThat(e.path("source").asText()).isEqualTo("aws.scheduler");
        assertThat(e.path("resources").get(0).asText()).isEqualTo("arn:aws:scheduler:us-east-1:123456789012:schedule/default/ScheduledFunctionWeekdays");
        assertThat(e.path("detail").isTextual()).isTrue();
        assertThat(e.path("detail").asText()).isEqualTo("{}");
    }

    @Test
    void schedulesAreListedWithTheirNextRun() throws Exception {
        List<Status.ScheduleStatus> schedules = cloud.status().schedules();
        assertThat(schedules).extracting(Status.ScheduleStatus::event).contains("Hourly", "Weekdays", "Failing", "NightlyDigest");
        Status.ScheduleStatus weekdays = schedules.stream().filter(s -> s.event().equals("Weekdays")).findFirst().orElseThrow();
        assertThat(weekdays.type()).isEqualTo("ScheduleV2");
        assertThat(weekdays.timezone()).isEqualTo("America/New_York");
        assertThat(weekdays.state()).isEqualTo("ENABLED");
        Instant next = Instant.parse(weekdays.nextRun());
        java.time.ZonedDateTime local = next.atZone(java.time.ZoneId.of("America/New_York"));
        assertThat(local.getHour()).isEqualTo(7);
        assertThat(local.getMinute()).isEqualTo(30);
        assertThat(local.getDayOfWeek()).isNotIn(java.time.DayOfWeek.SATURDAY, java.time.DayOfWeek.SUNDAY);
        Status.ScheduleStatus failing = schedules.stream().filter(s -> s.event().equals("Failing")).findFirst().orElseThrow();
        assertThat(failing.state()).isEqualTo("DISABLED");
        assertThat(failing.nextRun()).isNull();
        Status.ScheduleStatus hourly = schedules.stream().filter(s -> s.event().equals("Hourly")).findFirst().orElseThrow();
        assertThat(Instant.parse(hourly.nextRun())).isBetween(Instant.now().plusSeconds(3000), Instant.now().plusSeconds(3601));
        JsonNode status = Json.MAPPER.readTree(get("/_local/status", Map.of()).body());
        assertThat(status.path("schedules").findValuesAsText("event")).contains("Weekdays");
    }

    @Test
    void schedulesRunOverHttp() throws Exception {
        HttpResponse<String> ok = post("/_local/schedules/ScheduledFunction/Hourly");
        assertThat(ok.statusCode()).isEqualTo(200);
        JsonNode answer = Json.MAPPER.readTree(ok.body());
        assertThat(answer.path("success").asBoolean()).isTrue();
        assertThat(answer.path("errorType").isNull()).isTrue();
        assertThat(post("/_local/schedules/ScheduledFunction/Nope").statusCode()).isEqualTo(404);
        assertThat(get("/_local/schedules/ScheduledFunction/Hourly", Map.of()).statusCode()).isEqualTo(405);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> cloud.runSchedule("EchoFunction", "Hourly"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ScheduledFunction/Hourly");
    }

    @Test
    void failedScheduledInvocationIsRetriedAsynchronouslyThenDeadLettered() throws Exception {
        // Enabled: false does not stop a manual run.
        HttpResponse<String> r = post("/_local/schedules/ScheduledFunction/Failing");
        JsonNode answer = Json.MAPPER.readTree(r.body());
        assertThat(answer.path("success").asBoolean()).isFalse();
        assertThat(answer.path("errorType").asText()).isNotBlank().isNotEqualTo("Runtime.Unavailable"); // a function error
        String dlq = cloud.physicalId("ScheduledFunctionDeadLetterQueue");
        List<Message> dead = new java.util.ArrayList<>();
        await(() -> {
            dead.addAll(cloud.aws().sqs().receiveMessage(b -> b.queueUrl(dlq).maxNumberOfMessages(10).messageAttributeNames("All")).messages());
            return !dead.isEmpty();
        }, Duration.ofSeconds(30));
        assertThat(dead).hasSize(1);
        assertThat(Json.MAPPER.readTree(dead.get(0).body())).isEqualTo(Json.MAPPER.readTree("{\"task\": \"fail\"}"));
        assertThat(dead.get(0).messageAttributes().get("ErrorMessage").stringValue()).contains("scheduled failure");
        assertThat(dead.get(0).messageAttributes()).containsKeys("RequestID", "ErrorCode");
        assertThat(observed("scheduled.log")).filteredOn("fail"::equals).hasSize(2); // the first attempt and one retry
        Status.ScheduleStatus failing = cloud.status().schedules().stream().filter(s -> s.event().equals("Failing")).findFirst().orElseThrow();
        assertThat(failing.failures()).isEqualTo(2);
        assertThat(failing.sentToDeadLetter()).isEqualTo(1);
        // The schedule's own DeadLetterConfig is for events that could not be delivered: it stays empty.
        assertThat(cloud.aws().sqs().receiveMessage(b -> b.queueUrl(cloud.physicalId("ScheduleDeadLetterQueue"))).messages()).isEmpty();
    }

    @Test
    void emailsSentByAFunctionAreReadBack() throws Exception {
        InvocationResult r = cloud.runSchedule("EmailFunction", "NightlyDigest");
        assertThat(r.success()).as(r.errorMessage()).isTrue();
        assertThat(Json.MAPPER.readTree(r.payload()).path("messageId").asText()).isNotBlank();
        List<SentEmail> emails = cloud.sentEmails();
        assertThat(emails).contains(new SentEmail("noreply@example.org", List.of("clinician@example.org", "frontdesk@example.org"),
                "Tomorrow's schedule", "<p>3 appointments tomorrow.</p>")); // moto keeps the HTML body
        JsonNode listed = Json.MAPPER.readTree(get("/_local/emails", Map.of()).body());
        assertThat(listed.isArray()).isTrue();
        assertThat(listed.findValuesAsText("subject")).contains("Tomorrow's schedule");
        assertThat(listed.get(0).path("destinations").isArray()).isTrue();
    }

    static JsonNode invoke(String function, String event) throws Exception {
        InvocationResult r = cloud.function(function).invoke(event.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(r.success()).as(r.errorMessage()).isTrue();
        return Json.MAPPER.readTree(r.payload());
    }

    @Test
    void bucketsAreCreatedFromTheTemplateWithTheirSettings() {
        String raw = cloud.physicalId("RawBucket");
        assertThat(raw).isEqualTo("lc-test-rawbucket").matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
        var s3 = cloud.aws().s3();
        assertThat(s3.getBucketVersioning(b -> b.bucket(raw)).statusAsString()).isEqualTo("Enabled");
        assertThat(s3.getBucketEncryption(b -> b.bucket(raw)).serverSideEncryptionConfiguration().rules().get(0)
                .applyServerSideEncryptionByDefault().sseAlgorithmAsString()).isEqualTo("AES256");
        var block = s3.getPublicAccessBlock(b -> b.bucket(raw)).publicAccessBlockConfiguration();
        assertThat(List.of(block.blockPublicAcls(), block.blockPublicPolicy(), block.ignorePublicAcls(), block.restrictPublicBuckets()))
                .containsOnly(true);
        assertThat(cloud.physicalId("NamedBucket")).isEqualTo("lc-test-named-bucket");
        assertThat(s3.listBuckets().buckets()).extracting(software.amazon.awssdk.services.s3.model.Bucket::name)
                .contains("lc-test-rawbucket", "lc-test-named-bucket");
    }

    @Test
    void aFunctionPutsAndGetsAnObjectThroughItsIamGate() throws Exception {
        String key = "incoming/2026/batch 1+a.x12";
        JsonNode put = invoke("S3Function", "{\"op\":\"put\",\"key\":\"" + key + "\",\"body\":\"ISA*00*~\"}");
        assertThat(put.path("ok").asBoolean()).as(put.toString()).isTrue();
        assertThat(put.path("versionId").asText()).as("the bucket is versioned").isNotBlank().isNotEqualTo("null");
        JsonNode get = invoke("S3Function", "{\"op\":\"get\",\"key\":\"" + key + "\"}");
        assertThat(get.path("ok").asBoolean()).as(get.toString()).isTrue();
        assertThat(get.path("body").asText()).isEqualTo("ISA*00*~");
        assertThat(get.path("contentType").asText()).isEqualTo("application/edi-x12");
        assertThat(get.path("serverSideEncryption").asText()).as("the bucket's default encryption").isEqualTo("AES256");
        JsonNode head = invoke("S3Function", "{\"op\":\"head\",\"key\":\"" + key + "\"}");
        assertThat(head.path("contentLength").asLong()).as("a HEAD answer keeps its Content-Length through the gate").isEqualTo(8);
        JsonNode list = invoke("S3Function", "{\"op\":\"list\",\"key\":\"incoming/2026/\"}");
        assertThat(list.path("keys").toString()).contains(key);
        assertThat(cloud.aws().s3().getObjectAsBytes(b -> b.bucket(cloud.physicalId("RawBucket")).key(key)).asUtf8String())
                .isEqualTo("ISA*00*~");
    }

    @Test
    void anS3CallThePolicyDoesNotAllowIsDeniedAsS3DeniesIt() throws Exception {
        JsonNode elsewhere = invoke("S3Function", "{\"op\":\"put\",\"key\":\"other/x.x12\",\"body\":\"ISA~\"}");
        assertThat(elsewhere.path("ok").asBoolean()).isFalse();
        assertThat(elsewhere.path("caughtAs").asText()).isEqualTo("S3Exception");
        // S3's model (SDK 2.57) names AccessDenied as its own subclass of S3Exception, as it does against AWS.
        assertThat(elsewhere.path("exception").asText()).isEqualTo("AccessDeniedException");
        assertThat(elsewhere.path("status").asInt()).isEqualTo(403);
        assertThat(elsewhere.path("code").asText()).isEqualTo("AccessDenied");
        String raw = cloud.physicalId("RawBucket");
        var absent = org.assertj.core.api.Assertions.catchThrowableOfType(software.amazon.awssdk.services.s3.model.S3Exception.class,
                () -> cloud.aws().s3().headObject(b -> b.bucket(raw).key("other/x.x12")));
        assertThat(absent.statusCode()).as("the denied put never reached S3").isEqualTo(404);

        invoke("S3Function", "{\"op\":\"put\",\"key\":\"incoming/keep.x12\",\"body\":\"ISA~\"}");
        JsonNode delete = invoke("S3Function", "{\"op\":\"delete\",\"key\":\"incoming/keep.x12\"}");
        assertThat(delete.path("status").asInt()).isEqualTo(403);
        assertThat(delete.path("code").asText()).isEqualTo("AccessDenied");
        assertThat(cloud.aws().s3().headObject(b -> b.bucket(raw).key("incoming/keep.x12")).contentLength()).isEqualTo(4);
    }

    static HttpResponse<String> postJson(String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(cloud.apiUrl().resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static void connectClearinghouse() throws Exception {
        HttpResponse<String> connected = postJson("/_local/clearinghouse/integrations",
                "{\"practiceId\":\"practice-ch\",\"integrationId\":\"int-ch\",\"secret\":\"" + WEBHOOK_SECRET + "\"}");
        assertThat(connected.statusCode()).as(connected.body()).isEqualTo(201);
        assertThat(connected.body()).doesNotContain(WEBHOOK_SECRET);
    }

    /** WebhookFunction's lines for a webhook id prefix: id, integration, content type, base64 flag, verdict, status, body. */
    static List<String[]> webhooks(String idPrefix) {
        return observed("webhooks.log").stream().map(l -> l.split("\t")).filter(f -> f[0].startsWith(idPrefix)).toList();
    }

    @Test
    void theSimulatedClearinghouseAnswersABatchWithSignedWebhooksThroughTheHttpApi() throws Exception {
        connectClearinghouse();
        String claims = cloud.physicalId("ClaimsTable");
        cloud.aws().dynamoDb().transactWriteItems(b -> b.transactItems(software.amazon.awssdk.services.dynamodb.model.TransactWriteItem
                .builder().put(p -> p.tableName(claims).item(Map.of("pk", AttributeValue.fromS("practice-ch"),
                        "sk", AttributeValue.fromS("BATCH#lc-1"), "type", AttributeValue.fromS("BATCH"),
                        "x12", AttributeValue.fromS("ISA*00*lc-1~GS*HC~")))).build()));
        await(() -> webhooks("sim-lc-1-").size() == 4, Duration.ofSeconds(30));
        List<String[]> got = webhooks("sim-lc-1-");
        assertThat(got).extracting(f -> f[0] + " " + f[5])
                .containsExactly("sim-lc-1-999 202", "sim-lc-1-277CA 500", "sim-lc-1-277CA 202", "sim-lc-1-835 202");
        assertThat(got).extracting(f -> f[4]).as("every signature checks out at the receiver").containsOnly("ok");
        assertThat(got).extracting(f -> f[1]).containsOnly("int-ch");
        assertThat(got).extracting(f -> f[2]).containsOnly("application/edi-x12");
        assertThat(got).extracting(f -> f[3]).as("API Gateway base64-encodes a body that is not text").containsOnly("true");
        assertThat(new String(java.util.Base64.getDecoder().decode(got.get(0)[6]), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("999 for ISA*00*lc-1");

        JsonNode status = Json.MAPPER.readTree(get("/_local/status", Map.of()).body()).path("clearinghouse");
        assertThat(status.path("table").asText()).isEqualTo(claims);
        assertThat(status.path("batches").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(status.path("answered2xx").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(status.path("failed").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(status.path("integrations").toString()).contains("int-ch").doesNotContain(WEBHOOK_SECRET.substring(6));
    }

    @Test
    void anyFileCanBePushedThroughTheClearinghouseSignedForgedOrStale() throws Exception {
        connectClearinghouse();
        JsonNode ok = Json.MAPPER.readTree(postJson("/_local/clearinghouse/deliver",
                "{\"integrationId\":\"int-ch\",\"body\":\"ISA*manual~\",\"webhookId\":\"manual-lc-1\"}").body());
        assertThat(ok.path("status").asInt()).isEqualTo(202);
        assertThat(ok.path("body").asText()).isEqualTo("{\"received\":\"manual-lc-1\"}");
        JsonNode forged = Json.MAPPER.readTree(postJson("/_local/clearinghouse/deliver",
                "{\"integrationId\":\"int-ch\",\"body\":\"ISA*manual~\",\"forge\":true}").body());
        assertThat(forged.path("status").asInt()).isEqualTo(401);
        assertThat(forged.path("body").asText()).contains("bad signature");
        long hourAgo = Instant.now().getEpochSecond() - 3600;
        JsonNode stale = Json.MAPPER.readTree(postJson("/_local/clearinghouse/deliver",
                "{\"integrationId\":\"int-ch\",\"body\":\"ISA*manual~\",\"timestamp\":" + hourAgo + "}").body());
        assertThat(stale.path("status").asInt()).isEqualTo(401);
        assertThat(stale.path("body").asText()).contains("stale");
        ClearinghouseSimulator.Answer json = cloud.clearinghouse().deliver(ClearinghouseSimulator.Delivery.of("int-ch", "{\"n\":1}")
                .withContentType("application/json").withWebhookId("manual-lc-2"));
        assertThat(json.status()).isEqualTo(202);
        assertThat(webhooks("manual-lc-2")).singleElement().satisfies(f -> {
            assertThat(f[2]).isEqualTo("application/json");
            assertThat(f[3]).as("a JSON body is passed as text").isEqualTo("false");
        });
        assertThat(postJson("/_local/clearinghouse/deliver", "{\"integrationId\":\"nobody\",\"body\":\"x\"}").statusCode())
                .isEqualTo(404);
    }

    static Status.ScheduleStatus schedule(String event) {
        return cloud.status().schedules().stream().filter(s -> s.event().equals(event)).findFirst().orElseThrow();
    }

    @Test
    void aOneTimeScheduleFiresOnItsOwnAtItsLocalTime() throws Exception {
        Status.ScheduleStatus before = schedule("OneShot");
        java.time.Instant expected = java.time.LocalDateTime.parse(ONE_SHOT_AT).atZone(java.time.ZoneId.of("Asia/Tokyo")).toInstant();
        if (before.invocations() == 0) {
            org.junit.jupiter.api.Assumptions.assumeTrue(before.nextRun() != null,
                    "the cloud took more than 30 s to start, after the one-time schedule's time");
            assertThat(before.nextRun()).isEqualTo(expected.toString());
        }
        await(() -> schedule("OneShot").invocations() == 1, Duration.ofSeconds(60));
        assertThat(Instant.now()).isAfterOrEqualTo(expected);
        Status.ScheduleStatus after = schedule("OneShot");
        assertThat(after.failures()).isZero();
        assertThat(after.nextRun()).isNull(); // at() runs once
    }
}
