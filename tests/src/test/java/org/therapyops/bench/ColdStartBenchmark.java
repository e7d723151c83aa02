package org.therapyops.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.therapyops.e2e.ApiClient;
import org.therapyops.e2e.Practice;
import org.therapyops.localcloud.ClassDataArchives;
import org.therapyops.localcloud.FunctionProcess;
import org.therapyops.localcloud.InvocationResult;
import org.therapyops.localcloud.LambdaFunction;
import org.therapyops.localcloud.LocalCloud;
import org.therapyops.localcloud.RuntimeApiServer;
import org.therapyops.localcloud.TokenRequest;
import org.therapyops.wiring.handlers.Singletons;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Cold start per function: a fresh JVM running AWS's runtime interface client, from process spawn to
 * the first event's response, where handling the event makes at least one DynamoDB call. Beside each
 * function, in the same run and with the same environment, a bare aws-lambda-java-core handler doing
 * one GetItem. Subjects alternate within each round so that machine noise falls on all of them.
 */
public final class ColdStartBenchmark {

    private static final int ROUNDS = 7;

    /** archive: whether it starts with its jar's class-data archive, as the local cloud starts functions. */
    private record Subject(String name, Path artifact, String handler, Map<String, String> environment, byte[] event,
                           Path runtimeClasspath, boolean archive) {
    }

    /** A function as the local cloud runs it (its jar, handler, environment), with the event of its first invocation. */
    private static Subject subject(LocalCloud cloud, String function, String what, String event) {
        return subject(cloud, function, what, event.getBytes(StandardCharsets.UTF_8));
    }

    private static Subject subject(LocalCloud cloud, String function, String what, byte[] event) {
        LambdaFunction.Config c = cloud.function(function).config();
        return new Subject(function + " (" + what + ")", c.artifact(), c.handler(), c.environment(), event, c.runtimeClasspath(), false);
    }

    /** againMs: the same event sent again to the same process, once warm: the event's own work, without the start. */
    private record Sample(double totalMs, double initMs, double rssMb, double againMs) {
    }

    public static void main(String[] args) throws Exception {
        Path project = ProjectDir.find();
        try (LocalCloud cloud = LocalCloud.start(LocalCloud.Options.defaults(project).apiPort(0).stackName("therapy-ops-bench")
                .classDataArchives(false))) {
            Practice practice = new Practice(cloud);
            String patient = practice.patient();
            String provider = practice.provider();
            String coverage = practice.coverage(patient, practice.payer(), "2026-01-01", null);
            practice.authorization(patient, coverage, "97110", "UNITS", 100, "2026-11-01", "2027-01-31");

            String appointment = practice.book(patient, provider, "97110", "2026-12-03T10:00", 45);
            practice.decided(appointment);
            ApiClient admin = new ApiClient(cloud.apiUrl(), cloud.issueToken(practice.id, "admin"));
            ApiClient clinician = new ApiClient(cloud.apiUrl(), cloud.issueToken(new TokenRequest(practice.id, "clinician", provider,
                    null, null, null)));
            CostBenchmark.expect(admin.post("/appointments/" + appointment + "/complete", "{}"), 200);
            String note = CostBenchmark.expect(clinician.post("/notes", "{\"appointmentId\":\"" + appointment + "\",\"diagnoses\":[\"M54.50\"],"
                    + "\"placeOfService\":\"11\",\"lines\":[{\"code\":\"97110\",\"minutes\":30}]}"), 201).id();
            CostBenchmark.expect(clinician.post("/notes/" + note + "/sign", "{}"), 200);
            Map<String, AttributeValue> signedNote = cloud.aws().dynamoDb().getItem(b -> b.tableName(cloud.physicalId("NotesTable"))
                    .key(Map.of("pk", AttributeValue.fromS(practice.id), "sk", AttributeValue.fromS("NOTE#" + note)))).item();

            LambdaFunction.Config api = cloud.function("ApiFunction").config();
            List<Subject> subjects = new ArrayList<>();
            subjects.add(subject(cloud, "ApiFunction", "GET /patients/{id}: 1 GetItem", apiEvent(practice.id, patient)));
            subjects.add(subject(cloud, "AuthorizationCheckFunction", "1 stream record: Query + TransactWriteItems",
                    streamEvent(practice.id, patient, provider)));
            subjects.add(subject(cloud, "AuthorizationAlertsFunction", "the expiry scan: Query of the practices' authorizations",
                    "{\"task\":\"expiry-scan\"}"));
            subjects.add(subject(cloud, "ReviewDigestFunction", "the digest: Query of the practices, of each one's claims in review", "{}"));
            subjects.add(subject(cloud, "ScrubSweepFunction", "the sweep: Query of the claims pending a scrub", "{}"));
            subjects.add(subject(cloud, "ChargeCaptureFunction", "1 signed note redelivered: the note's reads, nothing to write",
                    "{\"Records\":[" + streamRecord("NOTE#" + note, signedNote, "MODIFY") + "]}"));
            subjects.add(subject(cloud, "ClaimScrubberFunction", "1 message naming no claim: 1 GetItem, a batch item failure",
                    sqsEvent("{\"practiceId\":\"" + practice.id + "\",\"claimId\":\"bench-no-claim\"}")));
            subjects.add(subject(cloud, "NotifierFunction", "1 message naming no alert: 1 GetItem, a batch item failure",
                    sqsEvent("{\"practiceId\":\"" + practice.id + "\",\"alertId\":\"bench-no-alert\"}")));
            subjects.add(subject(cloud, "InboundFunction", "1 message naming no delivery: 1 GetItem, a batch item failure",
                    sqsEvent("{\"practiceId\":\"" + practice.id + "\",\"deliveryId\":\"bench-no-delivery\"}")));
            subjects.add(subject(cloud, "WebhookReceiverFunction", "POST /webhooks/{id} of no integration: 1 GetItem, the 401",
                    webhookEvent()));
            subjects.add(subject(cloud, "ReportingFunction", "1 signed note: the note's fact read and written with its aggregates",
                    "{\"Records\":[" + streamRecord("NOTE#" + note, signedNote, "MODIFY") + "]}"));
            subjects.add(new Subject("baseline: bare aws-lambda-java-core handler (1 GetItem)",
                    project.resolve("tests/baseline-function/target/baseline-function.jar"),
                    "org.therapyops.baseline.BaselineHandler", api.environment(),
                    ("{\"pk\":\"" + practice.id + "\",\"sk\":\"PATIENT#" + patient + "\"}").getBytes(StandardCharsets.UTF_8),
                    api.runtimeClasspath(), false));

            List<Subject> lazy = withLazySingletons(subjects);
            if (Boolean.parseBoolean(System.getProperty("coldstart.cds", "true"))) {
                subjects.addAll(withAppCds(subjects));
            }
            subjects.addAll(lazy);
            Map<String, List<Sample>> samples = new LinkedHashMap<>();
            subjects.forEach(s -> samples.put(s.name(), new ArrayList<>()));
            for (int round = 0; round < ROUNDS; round++) {
                for (int i = 0; i < subjects.size(); i++) {
                    Subject subject = subjects.get((i + round) % subjects.size());
                    samples.get(subject.name()).add(coldStart(subject));
                }
            }
            report(samples);
        }
    }

    static final String CDS = " + AppCDS";
    static final String LAZY = " + lazy singletons";

    /**
     * Each function again with its singletons made when first needed instead of at init ({@link Singletons#LAZY}),
     * without an archive: what that lever gives on its own.
     */
    private static List<Subject> withLazySingletons(List<Subject> subjects) {
        List<Subject> out = new ArrayList<>();
        for (Subject s : subjects) {
            if (!s.name().startsWith("baseline")) {
                Map<String, String> env = new HashMap<>(s.environment());
                env.put(Singletons.LAZY, "true");
                out.add(new Subject(s.name() + LAZY, s.artifact(), s.handler(), env, s.event(), s.runtimeClasspath(), false));
            }
        }
        return out;
    }

    /**
     * Each subject again as the local cloud starts it, with its jar's class-data archive ({@link ClassDataArchives}):
     * the archive is removed and trained afresh as the local cloud trains it, by one start stopped (SIGTERM, so that
     * the JVM writes it at exit) once it has answered its first event, then mapped by every measured start.
     */
    private static List<Subject> withAppCds(List<Subject> subjects) throws Exception {
        List<Subject> out = new ArrayList<>();
        for (Subject s : subjects) {
            Path archive = ClassDataArchives.archiveOf(s.artifact());
            Files.deleteIfExists(archive);
            Subject archived = new Subject(s.name() + CDS, s.artifact(), s.handler(), s.environment(), s.event(),
                    s.runtimeClasspath(), true);
            coldStart(archived, true);
            if (!Files.exists(archive)) {
                throw new IllegalStateException("no class-data archive was written for " + s.name());
            }
            out.add(archived);
        }
        return out;
    }

    private static Sample coldStart(Subject subject) throws Exception {
        return coldStart(subject, false);
    }

    /**
     * @param train end the process once it has answered its first event (SIGTERM) and wait until its class-data archive
     *              is in place, as the local cloud trains one; then no sample
     */
    private static Sample coldStart(Subject subject, boolean train) throws Exception {
        try (RuntimeApiServer server = new RuntimeApiServer("arn:aws:lambda:us-east-1:123456789012:function:bench")) {
            Map<String, String> env = new HashMap<>(subject.environment());
            env.put("AWS_LAMBDA_RUNTIME_API", server.address());
            Path log = Files.createTempFile("cold-start-", ".log");
            long spawned = System.nanoTime();
            try (FunctionProcess process = FunctionProcess.start("bench", subject.artifact(), subject.handler(), env,
                    subject.runtimeClasspath(), log, new PrintStream(OutputStream.nullOutputStream()), subject.archive())) {
                var firstNext = server.firstNext();
                InvocationResult result = server.invoke(subject.event(), Duration.ofSeconds(60)).get();
                double total = (System.nanoTime() - spawned) / 1e6;
                if (!result.success() || result.payloadText().contains("\"statusCode\":5")) {
                    throw new IllegalStateException(subject.name() + " failed: " + result.errorType() + " "
                            + result.errorMessage() + " " + result.payloadText() + " (log " + log + ")");
                }
                if (train) {
                    ProcessHandle.of(process.pid()).orElseThrow().destroy();
                    process.exited().get(60, java.util.concurrent.TimeUnit.SECONDS);
                    return null;
                }
                double init = (firstNext.get() - spawned) / 1e6;
                double rss = rssMb(process.pid());
                long again = System.nanoTime();
                server.invoke(subject.event(), Duration.ofSeconds(60)).get();
                return new Sample(total, init, rss, (System.nanoTime() - again) / 1e6);
            }
        }
    }

    private static double rssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (Exception e) {
            // not Linux: no figure
        }
        return Double.NaN;
    }

    private static void report(Map<String, List<Sample>> samples) {
        Report report = new Report("Cold start per function", "ColdStartBenchmark");
        report.line("Process spawn → first event's response, including at least one DynamoDB call; a new JVM each time, "
                + "`JAVA_TOOL_OPTIONS` and memory as in template.yaml (" + ROUNDS + " starts each, subjects alternating).")
                .line("\"init\" is spawn → the runtime's first `/next` call (Lambda's Init Duration); RSS is read after the first event; "
                        + "\"again\" is the same event sent a second time to the same process: the event's own work once the "
                        + "process is warm.")
                .line("Rows marked \"" + CDS.strip() + "\" start as the local cloud starts functions, with their jar's application "
                        + "class-data sharing archive, made afresh as the local cloud makes it (one training start with "
                        + "`-XX:ArchiveClassesAtExit`, stopped once it has answered its first event), then `-XX:SharedArchiveFile`; "
                        + "every ratio is to the bare handler as deployed, without one. Rows marked \"" + LAZY.strip() + "\" start with `"
                        + Singletons.LAZY + "=true`: the function's singletons made when first needed instead of all at init "
                        + "(Micronaut's Lambda default, as deployed), without an archive.")
                .line("")
                .line("| function | median total (ms) | min | max | median init (ms) | median RSS (MiB) | median again (ms) | ratio to baseline |")
                .line("|---|---|---|---|---|---|---|---|");
        double baseline = samples.entrySet().stream().filter(e -> e.getKey().startsWith("baseline") && !e.getKey().endsWith(CDS))
                .mapToDouble(e -> Report.median(e.getValue().stream().map(Sample::totalMs).toList())).findFirst().orElseThrow();
        samples.forEach((name, list) -> {
            List<Double> totals = list.stream().map(Sample::totalMs).toList();
            double median = Report.median(totals);
            report.line("| " + name + " | " + Report.ms(median) + " | " + Report.ms(totals.stream().mapToDouble(d -> d).min().orElseThrow())
                    + " | " + Report.ms(totals.stream().mapToDouble(d -> d).max().orElseThrow()) + " | "
                    + Report.ms(Report.median(list.stream().map(Sample::initMs).toList())) + " | "
                    + Report.ms(Report.median(list.stream().map(Sample::rssMb).toList())) + " | "
                    + Report.ms(Report.median(list.stream().map(Sample::againMs).toList())) + " | "
                    + String.format("%.2f", median / baseline) + " |");
        });
        report.line("");
        samples.forEach((name, list) -> report.line("- " + name + ", all totals (ms): "
                + Report.list(list.stream().map(Sample::totalMs).toList())));
        report.write();
    }

    private static byte[] apiEvent(String practiceId, String patientId) {
        String path = "/patients/" + patientId;
        String json = """
                {"version":"2.0","routeKey":"ANY /{proxy+}","rawPath":"%s","rawQueryString":"",
                 "headers":{"accept":"application/json"},
                 "requestContext":{"accountId":"123456789012","apiId":"local","domainName":"localhost","domainPrefix":"localhost",
                   "http":{"method":"GET","path":"%s","protocol":"HTTP/1.1","sourceIp":"127.0.0.1","userAgent":"bench"},
                   "requestId":"%s","routeKey":"ANY /{proxy+}","stage":"$default","time":"27/Nov/2026:10:00:00 +0000","timeEpoch":1795773600000,
                   "authorizer":{"jwt":{"claims":{"sub":"bench","practice_id":"%s","role":"admin"},"scopes":null}}},
                 "pathParameters":{"proxy":"%s"},"isBase64Encoded":false}
                """.formatted(path, path, UUID.randomUUID(), practiceId, path.substring(1));
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] streamEvent(String practiceId, String patientId, String providerId) {
        String appointmentId = UUID.randomUUID().toString();
        String json = """
                {"Records":[{"eventID":"1","eventName":"INSERT","eventVersion":"1.1","eventSource":"aws:dynamodb","awsRegion":"us-east-1",
                  "dynamodb":{"ApproximateCreationDateTime":1795773600,"Keys":{"pk":{"S":"%1$s"},"sk":{"S":"APPOINTMENT#%2$s"}},
                    "NewImage":{"pk":{"S":"%1$s"},"sk":{"S":"APPOINTMENT#%2$s"},"type":{"S":"APPOINTMENT"},"id":{"S":"%2$s"},
                      "patientId":{"S":"%3$s"},"providerId":{"S":"%4$s"},"serviceCode":{"S":"97110"},"start":{"S":"2026-12-03T10:00"},
                      "durationMinutes":{"N":"45"},"status":{"S":"REQUESTED"},"createdAt":{"S":"2026-11-27T10:00:00Z"},
                      "createdBy":{"S":"bench"},"version":{"N":"1"}},
                    "SequenceNumber":"100000000000000000001","SizeBytes":300,"StreamViewType":"NEW_AND_OLD_IMAGES"},
                  "eventSourceARN":"arn:aws:dynamodb:us-east-1:123456789012:table/bench/stream/2026-11-27T00:00:00.000"}]}
                """.formatted(practiceId, appointmentId, patientId, providerId);
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static String sqsEvent(String body) {
        return """
                {"Records":[{"messageId":"%s","receiptHandle":"bench","body":%s,"attributes":{"ApproximateReceiveCount":"1"},
                  "messageAttributes":{},"md5OfBody":"","eventSource":"aws:sqs",
                  "eventSourceARN":"arn:aws:sqs:us-east-1:123456789012:bench","awsRegion":"us-east-1"}]}
                """.formatted(UUID.randomUUID(), JSON.valueToTree(body));
    }

    private static byte[] webhookEvent() {
        String path = "/webhooks/bench-no-integration";
        String json = """
                {"version":"2.0","routeKey":"POST /webhooks/{integrationId}","rawPath":"%s","rawQueryString":"",
                 "headers":{"content-type":"application/json","webhook-id":"msg_bench","webhook-timestamp":"%d",
                   "webhook-signature":"v1,AAAA"},
                 "requestContext":{"accountId":"123456789012","apiId":"local","domainName":"localhost","domainPrefix":"localhost",
                   "http":{"method":"POST","path":"%s","protocol":"HTTP/1.1","sourceIp":"127.0.0.1","userAgent":"bench"},
                   "requestId":"%s","routeKey":"POST /webhooks/{integrationId}","stage":"$default","time":"27/Nov/2026:10:00:00 +0000",
                   "timeEpoch":1795773600000},
                 "pathParameters":{"integrationId":"bench-no-integration"},"body":"{}","isBase64Encoded":false}
                """.formatted(path, System.currentTimeMillis() / 1000, path, UUID.randomUUID());
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** A stream record of the item as DynamoDB Streams writes it (its new image in DynamoDB's JSON). */
    private static String streamRecord(String sk, Map<String, AttributeValue> item, String eventName) {
        return """
                {"eventID":"%s","eventName":"%s","eventVersion":"1.1","eventSource":"aws:dynamodb","awsRegion":"us-east-1",
                 "dynamodb":{"ApproximateCreationDateTime":1795773600,"Keys":{"pk":%s,"sk":{"S":"%s"}},"NewImage":%s,
                   "SequenceNumber":"100000000000000000002","SizeBytes":900,"StreamViewType":"NEW_AND_OLD_IMAGES"},
                 "eventSourceARN":"arn:aws:dynamodb:us-east-1:123456789012:table/bench/stream/2026-11-27T00:00:00.000"}
                """.formatted(UUID.randomUUID(), eventName, json(item.get("pk")), sk, json(AttributeValue.fromM(item)).get("M"));
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An attribute value in DynamoDB's JSON. */
    private static com.fasterxml.jackson.databind.node.ObjectNode json(AttributeValue v) {
        var node = JSON.createObjectNode();
        switch (v.type()) {
            case S -> node.put("S", v.s());
            case N -> node.put("N", v.n());
            case BOOL -> node.put("BOOL", v.bool());
            case NUL -> node.put("NULL", true);
            case SS -> v.ss().forEach(node.putArray("SS")::add);
            case NS -> v.ns().forEach(node.putArray("NS")::add);
            case L -> {
                var l = node.putArray("L");
                v.l().forEach(e -> l.add(json(e)));
            }
            case M -> {
                var m = node.putObject("M");
                v.m().forEach((k, e) -> m.set(k, json(e)));
            }
            default -> throw new IllegalArgumentException("no JSON here for " + v.type());
        }
        return node;
    }
}
