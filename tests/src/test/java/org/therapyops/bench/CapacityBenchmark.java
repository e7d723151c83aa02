package org.therapyops.bench;

import org.therapyops.e2e.ApiClient;
import org.therapyops.e2e.Practice;
import org.therapyops.localcloud.CapacityRules;
import org.therapyops.localcloud.LocalCloud;
import org.therapyops.localcloud.Template;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * DynamoDB capacity of one appointment lifecycle (book → decided SCHEDULED → check-in → complete), computed by AWS's
 * rules ({@link CapacityRules}) from the requests the local cloud's processes actually send, recorded by a proxy in
 * front of moto ({@link RecordingProxy}). moto's own ConsumedCapacity figures are not AWS's and are not used.
 */
public final class CapacityBenchmark {

    private static final int LIFECYCLES = 5;
    private static final long QUIET_MS = 2_000;
    private static final List<String> STEPS = List.of("book", "decide", "check-in", "complete");
    static final double WRU_PRICE = 0.625;   // $ per million write request units, on-demand, us-east-1
    static final double RRU_PRICE = 0.125;   // $ per million read request units
    static final double SQS_PRICE = 0.40;    // $ per million requests (64 KB chunks)

    /** The units of one lifecycle, by step. */
    record StepTotal(double rru, double wru, double indexWru, double txIndexWru, int streamReads, int sqsRequests,
                     int sqsEmptyPolls, int sesSends, List<Row> rows) {
    }

    /** One line of a step's table. */
    record Row(String caller, CapacityRules.Line line) {
    }

    public static void main(String[] args) throws Exception {
        Path project = ProjectDir.find();
        Template template = Template.load(project.resolve("template.yaml"));
        Map<String, String> jarLabels = new LinkedHashMap<>();
        for (Template.Resource f : template.resourcesOfType("AWS::Serverless::Function")) {
            String codeUri = String.valueOf(f.properties().get("CodeUri"));
            jarLabels.put(codeUri.substring(codeUri.lastIndexOf('/') + 1), f.logicalId());
        }

        Path logDir = project.resolve("target/capacity-benchmark");
        Files.createDirectories(logDir);
        int motoPort = freePort();
        Process moto = new ProcessBuilder("python3", project.resolve("bin/moto-server").toString(), "-H", "127.0.0.1",
                "-p", String.valueOf(motoPort)).redirectErrorStream(true).redirectOutput(logDir.resolve("moto.log").toFile()).start();
        URI motoUri = URI.create("http://127.0.0.1:" + motoPort);
        try (AutoCloseable stopMoto = () -> stop(moto)) {
            awaitAnswering(motoUri, moto);
            try (RecordingProxy proxy = RecordingProxy.start(motoUri, jarLabels);
                 LocalCloud cloud = LocalCloud.start(LocalCloud.Options.defaults(project).apiPort(0)
                         .stackName("therapy-ops-capacity").endpoint(proxy.uri()));
                 DynamoDbClient direct = DynamoDbClient.builder().region(Region.US_EAST_1).endpointOverride(motoUri)
                         .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                         .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
                Map<String, CapacityRules.TableDef> tables = tables(template, cloud);
                run(cloud, proxy, direct, tables);
            }
        }
    }

    private static void run(LocalCloud cloud, RecordingProxy proxy, DynamoDbClient direct,
                            Map<String, CapacityRules.TableDef> tables) throws Exception {
        Practice practice = new Practice(cloud);
        String payer = practice.payer();
        String appointmentsTable = cloud.physicalId("AppointmentsTable");
        List<Map<String, StepTotal>> lifecycles = new ArrayList<>();
        for (int i = 0; i < LIFECYCLES; i++) {
            // Set-up, not measured: a fresh patient and provider, coverage and an authorization of 20 visits.
            String patient = practice.patient();
            String provider = practice.provider();
            String coverage = practice.coverage(patient, payer, "2026-01-01", null);
            practice.authorization(patient, coverage, "97110", "VISITS", 20, "2026-01-01", "2027-12-31");
            proxy.awaitQuiet(QUIET_MS, 60_000);

            proxy.startRecording();
            proxy.step("book");
            String id = practice.book(patient, provider, "97110", "2026-12-0" + (i + 1) + "T09:00", 45);
            proxy.step("decide");
            String status = awaitDecision(direct, appointmentsTable, practice.id, id);
            if (!"SCHEDULED".equals(status)) {
                throw new IllegalStateException("appointment decided " + status + ", expected SCHEDULED");
            }
            proxy.awaitQuiet(QUIET_MS, 60_000);
            proxy.step("check-in");
            expectOk(practice.api.post("/appointments/" + id + "/check-in", "{}"));
            proxy.awaitQuiet(QUIET_MS, 60_000);
            proxy.step("complete");
            expectOk(practice.api.post("/appointments/" + id + "/complete", "{}"));
            proxy.awaitQuiet(QUIET_MS, 60_000);
            lifecycles.add(steps(proxy.stopRecording(), tables));
            System.out.println("[capacity] lifecycle " + (i + 1) + ": " + summary(lifecycles.get(i)));
        }
        CapacityReport.write(lifecycles, tables, STEPS);
    }

    static Map<String, StepTotal> steps(List<RecordingProxy.Call> calls, Map<String, CapacityRules.TableDef> tables) {
        Map<String, StepTotal> byStep = new LinkedHashMap<>();
        for (String step : STEPS) {
            double rru = 0;
            double wru = 0;
            double index = 0;
            double txIndex = 0;
            int streams = 0;
            int sqs = 0;
            int emptyPolls = 0;
            int ses = 0;
            List<Row> rows = new ArrayList<>();
            for (RecordingProxy.Call call : calls) {
                if (!call.step().equals(step)) {
                    continue;
                }
                switch (call.service()) {
                    case "dynamodb" -> {
                        for (CapacityRules.Line line : CapacityRules.cost(call.operation(), call.request(), call.response(),
                                call.errorType(), call.images(), tables)) {
                            rows.add(new Row(call.caller(), line));
                            rru += line.rru();
                            wru += line.wru();
                            index += line.indexWru();
                            if (line.kind().startsWith("TransactWriteItems")) {
                                txIndex += line.indexWru();
                            }
                        }
                    }
                    case "streams" -> streams++;
                    case "sqs" -> {
                        if (call.emptyPoll()) {
                            emptyPolls++;
                        } else {
                            sqs++;
                        }
                    }
                    case "ses" -> ses++;
                    default -> { }
                }
            }
            byStep.put(step, new StepTotal(rru, wru, index, txIndex, streams, sqs, emptyPolls, ses, rows));
        }
        return byStep;
    }

    static String summary(Map<String, StepTotal> lifecycle) {
        double rru = lifecycle.values().stream().mapToDouble(StepTotal::rru).sum();
        double wru = lifecycle.values().stream().mapToDouble(s -> s.wru() + s.indexWru()).sum();
        return String.format(Locale.ROOT, "%.1f RRU, %.0f WRU", rru, wru);
    }

    private static String awaitDecision(DynamoDbClient direct, String table, String practiceId, String appointmentId)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, AttributeValue> item = direct.getItem(b -> b.tableName(table).consistentRead(true).key(Map.of(
                    "pk", AttributeValue.fromS(practiceId), "sk", AttributeValue.fromS("APPOINTMENT#" + appointmentId)))).item();
            String status = item == null || item.get("status") == null ? null : item.get("status").s();
            if (status != null && !status.equals("REQUESTED")) {
                return status;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("no decision within 30 s");
    }

    private static void expectOk(ApiClient.Response response) {
        if (response.status() != 200) {
            throw new IllegalStateException("lifecycle action failed: HTTP " + response.status());
        }
    }

    /** The tables of template.yaml with their physical names and their GSIs and LSIs, as the template declares them. */
    static Map<String, CapacityRules.TableDef> tables(Template template, LocalCloud cloud) {
        return CapacityRules.tables(template, cloud::physicalId);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void awaitAnswering(URI endpoint, Process moto) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!moto.isAlive()) {
                throw new IllegalStateException("moto exited with " + moto.exitValue() + " (see target/capacity-benchmark/moto.log)");
            }
            try {
                HttpURLConnection c = (HttpURLConnection) endpoint.resolve("/moto-api/").toURL().openConnection();
                c.setConnectTimeout(500);
                c.setReadTimeout(2000);
                if (c.getResponseCode() > 0) {
                    c.disconnect();
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("moto did not answer within 60 s");
    }

    private static void stop(Process moto) throws InterruptedException {
        moto.descendants().forEach(ProcessHandle::destroy);
        moto.destroy();
        if (!moto.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
            moto.destroyForcibly();
        }
    }
}
