package org.therapyops.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.therapyops.localcloud.LocalCloud;
import org.therapyops.localcloud.TokenRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * schemathesis (pinned by bin/ensure-tools) against the local cloud, once per role: a practice where appointments are
 * booked, notes signed and claims paid is seeded through the API, its ids become the run's dictionaries (so generated
 * requests reach real records), and each role's run fuzzes every operation of the OpenAPI document it is served, then
 * chains calls statefully through the links schemathesis infers. Settings: src/test/resources/fuzz.
 */
final class ApiFuzz {

    static final String SCHEMATHESIS_VERSION = "4.32.5";

    /** How much to run: the suite's short run, or the benchmark's long one. */
    record Profile(String name, long seed, Map<String, Integer> secondsByRole) {

        /** About two and a half minutes of fuzzing in all; the admin, who may do most, gets the most. */
        static final Profile SHORT = new Profile("short", 20261206, roles(45, 25, 25, 25, 20));
        /** The benchmark: about half an hour. */
        static final Profile LONG = new Profile("long", 20261206, roles(600, 300, 300, 300, 300));

        static Profile fromSystemProperty() {
            return "long".equals(System.getProperty("fuzz.profile")) ? LONG : SHORT;
        }

        private static Map<String, Integer> roles(int admin, int rendering, int biller, int frontDesk, int clinician) {
            Map<String, Integer> seconds = new LinkedHashMap<>();
            seconds.put("admin", admin);
            seconds.put("rendering-clinician", rendering);
            seconds.put("biller", biller);
            seconds.put("front_desk", frontDesk);
            seconds.put("clinician", clinician);
            return seconds;
        }
    }

    /** One role's run: what schemathesis sent and found. */
    record Run(String role, double seconds, int requests, int operations, int operationsWith2xx, Map<Integer, Integer> statuses,
               List<String> failures, int known, List<String> errors, String stopReason, int exitCode, Path log) {

        /** Nothing new: schemathesis passed (failures the baseline names do not fail it) and raised no error. */
        boolean clean() {
            return exitCode == 0 && errors.isEmpty();
        }
    }

    private final LocalCloud cloud;
    private final Profile profile;
    private final Path work;

    ApiFuzz(LocalCloud cloud, Profile profile, Path work) {
        this.cloud = cloud;
        this.profile = profile;
        this.work = work;
    }

    /** Seeds a practice, then runs schemathesis once per role, one role after another. */
    List<Run> run() throws IOException, InterruptedException {
        requireSchemathesis();
        Files.createDirectories(work);
        Path hooks = work.resolve("hooks.py");
        copy("fuzz/hooks.py", hooks);
        copy("fuzz/baseline.json", work.resolve("baseline.json"));
        Seeded seeded = seed();
        List<Run> runs = new ArrayList<>();
        for (Map.Entry<String, Integer> role : profile.secondsByRole().entrySet()) {
            runs.add(runRole(role.getKey(), role.getValue(), seeded));
        }
        return runs;
    }

    /** The practice's records, by the names the API's parameters give their ids, and a token per role. */
    record Seeded(Map<String, List<String>> ids, Map<String, String> tokens) {
    }

    private Seeded seed() {
        RevenueLoop loop = new RevenueLoop(cloud);
        RevenueLoop.Patient paid = loop.patient("PAIDFUZZ01");
        RevenueLoop.Patient denied = loop.patient("DENIEDFUZZ02", "Blake", "Example", "1990-09-30", "48 Oak St");
        String paidClaim = loop.readyClaim(paid, "2026-12-07T09:00");
        String deniedClaim = loop.readyClaim(denied, "2026-12-07T11:00");
        JsonNode batch = loop.submit(paidClaim, deniedClaim);
        String readyClaim = loop.readyClaim(paid, "2026-12-08T09:00");
        String scheduled = loop.practice.book(paid.id(), loop.provider, "97110", "2026-12-09T09:00", 30);
        loop.practice.decided(scheduled);
        String blocked = loop.practice.book(denied.id(), loop.provider, "97530", "2026-12-09T11:00", 30);
        loop.practice.decided(blocked);
        String draft = Practice.created(loop.clinician.post("/notes", "{\"appointmentId\":\"" + scheduled + "\","
                + "\"diagnoses\":[\"M54.50\"],\"lines\":[{\"code\":\"97110\",\"minutes\":30}]}"));
        loop.awaitStatus(paidClaim, "PAID");
        loop.awaitStatus(deniedClaim, "DENIED");
        JsonNode deliveries = loop.settledDeliveries(3);
        JsonNode alerts = loop.practice.api.await("/alerts", a -> a.get("items").size() > 0, RevenueLoop.WAIT);

        Map<String, List<String>> ids = new TreeMap<>();
        ids.put("patientId", List.of(paid.id(), denied.id()));
        ids.put("payerId", List.of(loop.payer));
        ids.put("providerId", List.of(loop.provider));
        ids.put("coverageId", List.of(paid.coverage(), denied.coverage()));
        ids.put("authorizationId", List.of(authorization(loop, paid), authorization(loop, denied)));
        List<String> appointments = new ArrayList<>(List.of(scheduled, blocked));
        List<String> notes = new ArrayList<>(List.of(draft));
        for (String claim : List.of(paidClaim, deniedClaim, readyClaim)) {
            String note = loop.claim(claim).get("noteId").asText();
            notes.add(note);
            appointments.add(loop.biller.get("/notes/" + note).json().get("appointmentId").asText());
        }
        ids.put("appointmentId", appointments);
        ids.put("noteId", notes);
        ids.put("claimId", List.of(paidClaim, deniedClaim, readyClaim));
        ids.put("batchId", List.of(batch.get("batchId").asText()));
        ids.put("integrationId", List.of(loop.integrationId));
        ids.put("deliveryId", RevenueLoop.stream(deliveries.get("items")).map(d -> d.get("id").asText()).toList());
        ids.put("eraId", RevenueLoop.stream(loop.biller.get("/remittances").json().get("items")).map(e -> e.get("id").asText()).toList());
        ids.put("alertId", RevenueLoop.stream(alerts.get("items")).map(a -> a.get("id").asText()).toList());
        ids.values().forEach(values -> assertThat(values).isNotEmpty().allSatisfy(v -> assertThat(v).isNotBlank()));

        String practice = loop.practice.id;
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("admin", cloud.issueToken(practice, "admin"));
        tokens.put("rendering-clinician", cloud.issueToken(new TokenRequest(practice, "clinician", loop.provider, null, null, null)));
        tokens.put("biller", cloud.issueToken(practice, "biller"));
        tokens.put("front_desk", cloud.issueToken(practice, "front_desk"));
        // A clinician who is no provider of the practice: notes are refused past the role check.
        tokens.put("clinician", cloud.issueToken(new TokenRequest(practice, "clinician", "fuzz-clinician", null, null, null)));
        return new Seeded(ids, tokens);
    }

    private static String authorization(RevenueLoop loop, RevenueLoop.Patient patient) {
        return loop.practice.api.get("/patients/" + patient.id() + "/authorizations").json().at("/items/0/id").asText();
    }

    private Run runRole(String role, int seconds, Seeded seeded) throws IOException, InterruptedException {
        Path dir = work.resolve(role);
        Files.createDirectories(dir);
        deleteRecursively(dir.resolve("report")); // a report of an earlier run would be read as this one's
        Path config = dir.resolve("schemathesis.toml");
        Files.writeString(config, resource("fuzz/schemathesis.toml") + runConfig(role, seeded.ids()));
        Path log = dir.resolve("schemathesis.log");
        List<String> command = new ArrayList<>(List.of("schemathesis", "--config-file", config.toString(), "run",
                cloud.apiUrl() + "/openapi.yml", "--seed", Long.toString(profile.seed()), "--max-time", Integer.toString(seconds),
                "--baseline", work.resolve("baseline.json").toString(), "--report", "json,ndjson,junit",
                "--report-dir", dir.resolve("report").toString(), "--no-color"));
        if (!role.equals("admin")) {
            // Requests without or with a mangled token answer the gateway's 401 whatever the role: the admin's run tries them.
            command.addAll(List.of("--generation-with-security-parameters", "false"));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("FUZZ_TOKEN", seeded.tokens().get(role));
        builder.environment().put("SCHEMATHESIS_HOOKS", "hooks");
        builder.environment().put("PYTHONPATH", work.toString());
        long started = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(seconds + 300L, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("schemathesis for " + role + " ran over " + (seconds + 300) + " s; see " + log);
        }
        double took = (System.nanoTime() - started) / 1e9;
        return summarize(role, took, process.exitValue(), dir.resolve("report"), log);
    }

    /**
     * The run's dictionaries: the seeded ids for every parameter named after them (path, query and body), real codes
     * for the body fields that name codes, and the hooks' CURRENT sentinel for If-Match; and, for the roles that alone
     * may use them, the coverage phase on the notes (the rendering clinician) and the claim corrections (the biller).
     */
    private static String runConfig(String role, Map<String, List<String>> ids) {
        Map<String, List<String>> dictionaries = new TreeMap<>(ids);
        dictionaries.put("serviceCode", List.of("97110", "97140", "97530", "97112"));
        dictionaries.put("diagnosis", List.of("M54.50", "M25.561", "R26.2"));
        dictionaries.put("npi", List.of("1234567893", "1245319599", "1987654328"));
        dictionaries.put("version", List.of("CURRENT"));
        StringBuilder toml = new StringBuilder("\n# ---- written by ApiFuzz for the ").append(role).append(" run\n");
        dictionaries.forEach((name, values) -> toml.append("\n[dictionaries.").append(name).append("]\nvalues = [")
                .append(values.stream().map(v -> '"' + v + '"').collect(Collectors.joining(", "))).append("]\n"));
        toml.append("\n[parameters]\n");
        for (String name : ids.keySet()) {
            for (String location : List.of("path", "query", "body")) {
                toml.append('"').append(location).append('.').append(name).append("\" = { dictionary = \"").append(name)
                        .append("\", probability = 0.8 }\n");
            }
        }
        toml.append("""
                "body.claimIds[*]" = { dictionary = "claimId", probability = 0.8 }
                "body.serviceCode" = { dictionary = "serviceCode", probability = 0.8 }
                "body.serviceCodes[*]" = { dictionary = "serviceCode", probability = 0.8 }
                "body.authorizationCodes[*]" = { dictionary = "serviceCode", probability = 0.8 }
                "body.lines[*].code" = { dictionary = "serviceCode", probability = 0.8 }
                "body.diagnoses[*]" = { dictionary = "diagnosis", probability = 0.8 }
                "body.npi" = { dictionary = "npi", probability = 0.8 }
                "header.If-Match" = { dictionary = "version", probability = 0.7 }
                """);
        if (!role.equals("admin")) {
            toml.append("\n[phases.coverage]\nenabled = false\n");
        }
        String coveredHere = switch (role) {
            case "rendering-clinician" -> "Notes";
            case "biller" -> "Claims";
            default -> null;
        };
        if (coveredHere != null) {
            toml.append("\n[[operations]]\ninclude-tag = \"").append(coveredHere).append("\"\nphases.coverage.enabled = true\n");
        }
        return toml.toString();
    }

    private static Run summarize(String role, double seconds, int exitCode, Path reports, Path log) throws IOException {
        JsonNode json = ApiClient.JSON.readTree(only(reports, "json-").toFile());
        List<String> failures = new ArrayList<>();
        for (JsonNode f : json.path("failures")) {
            failures.add(f.path("code").asText() + " " + f.path("title").asText() + " x" + f.path("count").asInt() + ": "
                    + RevenueLoop.texts(f.path("operations")));
        }
        List<String> errors = new ArrayList<>();
        for (JsonNode e : json.path("errors")) {
            errors.add(e.path("title").asText() + " x" + e.path("count").asInt());
        }
        Map<Integer, Integer> statuses = new TreeMap<>();
        Set<String> operations = new TreeSet<>();
        Set<String> answered2xx = new TreeSet<>();
        int requests = 0;
        try (Stream<String> lines = Files.lines(only(reports, "ndjson-"), StandardCharsets.UTF_8)) {
            for (String line : (Iterable<String>) lines::iterator) {
                JsonNode event = ApiClient.JSON.readTree(line).path("ScenarioFinished");
                if (event.isMissingNode()) {
                    continue;
                }
                JsonNode recorder = event.path("recorder");
                for (Map.Entry<String, JsonNode> interaction : recorder.path("interactions").properties()) {
                    JsonNode response = interaction.getValue().path("response");
                    if (response.isMissingNode() || response.isNull()) {
                        continue;
                    }
                    int status = response.path("status_code").asInt();
                    JsonNode request = recorder.path("cases").path(interaction.getKey()).path("value");
                    String operation = request.path("method").asText() + " " + request.path("path").asText();
                    requests++;
                    statuses.merge(status, 1, Integer::sum);
                    operations.add(operation);
                    if (status < 300) {
                        answered2xx.add(operation);
                    }
                }
            }
        }
        int tested = json.path("operations").path("tested").asInt(operations.size());
        return new Run(role, seconds, requests, tested, answered2xx.size(), statuses, failures,
                json.path("baseline").path("known").asInt(), errors, json.path("stop_reason").asText(), exitCode, log);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static Path only(Path dir, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new AssertionError("schemathesis wrote no " + prefix + " report in " + dir));
        }
    }

    private static void requireSchemathesis() throws IOException, InterruptedException {
        Process version;
        try {
            version = new ProcessBuilder("schemathesis", "--version").redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("schemathesis is not installed: run bin/ensure-tools", e);
        }
        String out = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        version.waitFor(60, TimeUnit.SECONDS);
        assertThat(out).as("bin/ensure-tools installs schemathesis " + SCHEMATHESIS_VERSION).endsWith(SCHEMATHESIS_VERSION);
    }

    private static String resource(String name) {
        try (InputStream in = ApiFuzz.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the test resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(String name, Path to) throws IOException {
        try (InputStream in = ApiFuzz.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the test resources");
            }
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static Duration total(List<Run> runs) {
        return Duration.ofMillis(Math.round(runs.stream().mapToDouble(Run::seconds).sum() * 1000));
    }
}
