package org.therapyops.bench;

import org.therapyops.e2e.Practice;
import org.therapyops.localcloud.FunctionProcess;
import org.therapyops.localcloud.InvocationResult;
import org.therapyops.localcloud.LambdaFunction;
import org.therapyops.localcloud.LocalCloud;
import org.therapyops.localcloud.RuntimeApiServer;

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

    private record Subject(String name, Path artifact, String handler, Map<String, String> environment, byte[] event) {
    }

    private record Sample(double totalMs, double initMs, double rssMb) {
    }

    public static void main(String[] args) throws Exception {
        Path project = ProjectDir.find();
        try (LocalCloud cloud = LocalCloud.start(LocalCloud.Options.defaults(project).apiPort(0).stackName("therapy-ops-bench"))) {
            Practice practice = new Practice(cloud);
            String patient = practice.patient();
            String provider = practice.provider();
            String coverage = practice.coverage(patient, practice.payer(), "2026-01-01", null);
            practice.authorization(patient, coverage, "97110", "UNITS", 100, "2026-11-01", "2027-01-31");

            LambdaFunction.Config api = cloud.function("ApiFunction").config();
            LambdaFunction.Config check = cloud.function("AuthorizationCheckFunction").config();
            List<Subject> subjects = List.of(
                    new Subject("ApiFunction (GET /patients/{id}: 1 GetItem)", api.artifact(), api.handler(), api.environment(),
                            apiEvent(practice.id, patient)),
                    new Subject("AuthorizationCheckFunction (1 stream record: Query + TransactWriteItems)", check.artifact(),
                            check.handler(), check.environment(), streamEvent(practice.id, patient, provider)),
                    new Subject("baseline: bare aws-lambda-java-core handler (1 GetItem)",
                            project.resolve("tests/baseline-function/target/baseline-function.jar"),
                            "org.therapyops.baseline.BaselineHandler", api.environment(),
                            ("{\"pk\":\"" + practice.id + "\",\"sk\":\"PATIENT#" + patient + "\"}").getBytes(StandardCharsets.UTF_8)));

            Map<String, List<Sample>> samples = new LinkedHashMap<>();
            subjects.forEach(s -> samples.put(s.name(), new ArrayList<>()));
            for (int round = 0; round < ROUNDS; round++) {
                for (int i = 0; i < subjects.size(); i++) {
                    Subject subject = subjects.get((i + round) % subjects.size());
                    samples.get(subject.name()).add(coldStart(subject, api.runtimeClasspath()));
                }
            }
            report(samples);
        }
    }

    private static Sample coldStart(Subject subject, Path runtimeClasspath) throws Exception {
        try (RuntimeApiServer server = new RuntimeApiServer("arn:aws:lambda:us-east-1:123456789012:function:bench")) {
            Map<String, String> env = new HashMap<>(subject.environment());
            env.put("AWS_LAMBDA_RUNTIME_API", server.address());
            Path log = Files.createTempFile("cold-start-", ".log");
            long spawned = System.nanoTime();
            try (FunctionProcess process = FunctionProcess.start("bench", subject.artifact(), subject.handler(), env,
                    runtimeClasspath, log, new PrintStream(OutputStream.nullOutputStream()))) {
                var firstNext = server.firstNext();
                InvocationResult result = server.invoke(subject.event(), Duration.ofSeconds(60)).get();
                double total = (System.nanoTime() - spawned) / 1e6;
                if (!result.success() || result.payloadText().contains("\"statusCode\":5")) {
                    throw new IllegalStateException(subject.name() + " failed: " + result.errorType() + " "
                            + result.errorMessage() + " " + result.payloadText() + " (log " + log + ")");
                }
                double init = (firstNext.get() - spawned) / 1e6;
                return new Sample(total, init, rssMb(process.pid()));
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
                .line("\"init\" is spawn → the runtime's first `/next` call (Lambda's Init Duration); RSS is read after the first event.")
                .line("")
                .line("| function | median total (ms) | min | max | median init (ms) | median RSS (MiB) | ratio to baseline |")
                .line("|---|---|---|---|---|---|---|");
        double baseline = samples.entrySet().stream().filter(e -> e.getKey().startsWith("baseline"))
                .mapToDouble(e -> Report.median(e.getValue().stream().map(Sample::totalMs).toList())).findFirst().orElseThrow();
        samples.forEach((name, list) -> {
            List<Double> totals = list.stream().map(Sample::totalMs).toList();
            double median = Report.median(totals);
            report.line("| " + name + " | " + Report.ms(median) + " | " + Report.ms(totals.stream().mapToDouble(d -> d).min().orElseThrow())
                    + " | " + Report.ms(totals.stream().mapToDouble(d -> d).max().orElseThrow()) + " | "
                    + Report.ms(Report.median(list.stream().map(Sample::initMs).toList())) + " | "
                    + Report.ms(Report.median(list.stream().map(Sample::rssMb).toList())) + " | "
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
}
