package org.therapyops.localcloud;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** Command-line entry point: runs the local cloud until Ctrl-C / SIGTERM. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Path projectDir = Path.of(".");
        int apiPort = 3000;
        String stackName = "therapy-ops";
        String demo = null;
        Path consoleDir = null;
        java.util.Map<String, String> params = new java.util.LinkedHashMap<>();
        Faults faults = Faults.none();
        int maxInstances = 1;
        double timeScale = 1;
        boolean classDataArchives = true;
        java.util.Map<String, Integer> instances = new java.util.LinkedHashMap<>();
        java.util.Map<String, Double> queueTimeScale = new java.util.LinkedHashMap<>();
        java.util.List<String[]> environment = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String next = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--project-dir" -> { projectDir = Path.of(require(a, next)); i++; }
                case "--api-port" -> { apiPort = Integer.parseInt(require(a, next)); i++; }
                case "--stack-name" -> { stackName = require(a, next); i++; }
                case "--demo" -> { demo = require(a, next); i++; }
                case "--console" -> { consoleDir = Path.of(require(a, next)); i++; }
                case "--parameter" -> {
                    String kv = require(a, next);
                    i++;
                    int eq = kv.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--parameter expects K=V");
                    }
                    params.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
                case "--faults" -> {
                    // A preset or a file; --fault settings given after it override it.
                    String v = require(a, next);
                    i++;
                    long seed = faults.seed();
                    faults = switch (v) {
                        case "chaos" -> Faults.chaos(seed);
                        case "none" -> Faults.none().seed(seed);
                        default -> Faults.load(Path.of(v));
                    };
                }
                case "--fault" -> {
                    String kv = require(a, next);
                    i++;
                    int eq = kv.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--fault expects KEY=VALUE (see docs/operations.md)");
                    }
                    faults.set(kv.substring(0, eq), kv.substring(eq + 1));
                }
                case "--max-instances" -> { maxInstances = Integer.parseInt(require(a, next)); i++; }
                case "--instances" -> {
                    String kv = require(a, next);
                    i++;
                    int eq = kv.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--instances expects FUNCTION_LOGICAL_ID=N");
                    }
                    instances.put(kv.substring(0, eq), Integer.parseInt(kv.substring(eq + 1)));
                }
                case "--time-scale" -> {
                    String v = require(a, next);
                    i++;
                    int eq = v.indexOf('=');
                    if (eq > 0) {
                        queueTimeScale.put(v.substring(0, eq), Double.parseDouble(v.substring(eq + 1)));
                    } else {
                        timeScale = Double.parseDouble(v);
                    }
                }
                case "--no-class-data-archives" -> classDataArchives = false;
                case "--env" -> {
                    String kv = require(a, next);
                    i++;
                    int colon = kv.indexOf(':');
                    int eq = kv.indexOf('=');
                    if (colon <= 0 || eq < colon + 2) {
                        throw new IllegalArgumentException("--env expects FUNCTION_LOGICAL_ID:NAME=VALUE");
                    }
                    environment.add(new String[] {kv.substring(0, colon), kv.substring(colon + 1, eq), kv.substring(eq + 1)});
                }
                case "-h", "--help" -> {
                    System.out.println("usage: java -jar local-cloud.jar [--project-dir DIR] [--api-port 3000] [--stack-name NAME]"
                            + " [--parameter K=V]... [--demo FILE] [--console DIR] [--faults chaos|none|FILE] [--fault KEY=VALUE]..."
                            + " [--max-instances N] [--instances FUNCTION=N]... [--time-scale X] [--time-scale QUEUE=X]... [--env FUNCTION:NAME=VALUE]..."
                            + " [--no-class-data-archives]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        LocalCloud.Options options = LocalCloud.Options.defaults(projectDir).apiPort(apiPort).stackName(stackName)
                .clearinghouseResponder(new SimulatedClearinghouseResponder()).faults(faults).maxInstances(maxInstances)
                .timeScale(timeScale).classDataArchives(classDataArchives);
        params.forEach(options::parameter);
        if (consoleDir != null) {
            options.consoleDir(consoleDir);
        }
        instances.forEach(options::maxInstances);
        queueTimeScale.forEach(options::timeScale);
        environment.forEach(e -> options.environment(e[0], e[1], e[2]));
        LocalCloud cloud;
        try {
            cloud = LocalCloud.start(options);
        } catch (RuntimeException e) {
            System.err.println("[local-cloud] start-up failed: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            cloud.close();
            stopped.countDown();
        }, "local-cloud-main-shutdown"));
        if (demo != null) {
            try {
                java.util.Map<String, com.fasterxml.jackson.databind.JsonNode> named =
                        new DemoLoader(cloud.apiUrl(), cloud::issueToken, System.out).load(Path.of(demo));
                com.fasterxml.jackson.databind.JsonNode clearinghouse = named.get("clearinghouse");
                String practice = Json.MAPPER.readTree(Path.of(demo).toFile()).path("practiceId").asText();
                if (clearinghouse != null) {
                    // The demo practice's clearinghouse integration: the simulator answers its batches, signed with its secret.
                    cloud.clearinghouse().connect(practice, clearinghouse.get("id").asText(), clearinghouse.get("secret").asText());
                    System.out.println("[local-cloud] demo clearinghouse: integration " + clearinghouse.get("id").asText()
                            + " answers each batch of " + practice + " with a 999, a 277CA and an 835");
                }
            } catch (RuntimeException | java.io.IOException e) {
                System.err.println("[local-cloud] demo failed: " + e.getMessage());
            }
        }
        URI api = cloud.apiUrl();
        System.out.println();
        System.out.println("[local-cloud] HTTP API:          " + api);
        if (consoleDir != null) {
            System.out.println("[local-cloud] console:           " + api + "/  (sign in with a demo role)");
        }
        System.out.println("[local-cloud] AWS endpoint:      " + cloud.awsEndpoint());
        System.out.println("[local-cloud] status:            curl -s " + api + "/_local/status");
        System.out.println("[local-cloud] token:             TOKEN=$(curl -s -X POST " + api + "/_local/tokens -H 'content-type: application/json'"
                + " -d '{\"practiceId\":\"demo-practice\",\"role\":\"admin\"}' | sed 's/.*\"token\":\"\\([^\"]*\\)\".*/\\1/')");
        System.out.println("[local-cloud]                    curl -s -H \"Authorization: Bearer $TOKEN\" " + api + "/openapi.yml");
        System.out.println("[local-cloud] run a schedule now: curl -s -X POST " + api + "/_local/schedules/FUNCTION_LOGICAL_ID/EVENT_NAME");
        System.out.println("[local-cloud] emails sent:       curl -s " + api + "/_local/emails");
        if (faults.any()) {
            System.out.println("[local-cloud] faults:            on (seed " + faults.seed() + "); injected so far: curl -s " + api
                    + "/_local/status | jq .faults");
        }
        if (cloud.status().clearinghouse() != null) {
            System.out.println("[local-cloud] clearinghouse:     curl -s -X POST " + api + "/_local/clearinghouse/integrations"
                    + " -d '{\"practiceId\":\"demo-practice\",\"integrationId\":\"ID\",\"secret\":\"whsec_...\"}'");
            System.out.println("[local-cloud]                    curl -s -X POST " + api + "/_local/clearinghouse/deliver"
                    + " -d '{\"integrationId\":\"ID\",\"body\":\"ISA*...~\"}'");
        }
        System.out.println("[local-cloud] Ctrl-C to stop");
        stopped.await();
    }

    private static String require(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}
