package org.therapyops.e2e;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile and odd input from schemathesis, in every role, answers as the OpenAPI document says: no 5xx, only documented
 * statuses, media types, bodies and headers, and schema-invalid requests refused (ApiFuzz runs it). The short profile
 * runs in the suite; {@code bin/fuzz --long} runs the long one and writes docs/measurements/ApiFuzzBenchmark.md.
 */
class ApiFuzzEndToEndTest {

    @Test
    void theApiAnswersHostileInputInEveryRoleAsItsOpenApiDocumentSays() throws Exception {
        ApiFuzz.Profile profile = ApiFuzz.Profile.fromSystemProperty();
        Path work = Path.of("target", "fuzz").toAbsolutePath();
        List<ApiFuzz.Run> runs = new ApiFuzz(Cloud.get(), profile, work).run();
        String report = report(profile, runs);
        Files.writeString(work.resolve("summary.md"), report);
        System.out.println(report);
        if (profile == ApiFuzz.Profile.LONG) {
            Path measurements = Path.of("..", "docs", "measurements", "ApiFuzzBenchmark.md").toAbsolutePath().normalize();
            Files.writeString(measurements, report);
        }
        assertThat(runs).as(report).allSatisfy(run -> assertThat(run.clean()).as(run.role() + ": " + run.log()).isTrue());
    }

    private static String report(ApiFuzz.Profile profile, List<ApiFuzz.Run> runs) throws IOException {
        int requests = runs.stream().mapToInt(ApiFuzz.Run::requests).sum();
        StringBuilder out = new StringBuilder("# API fuzzing (schemathesis " + ApiFuzz.SCHEMATHESIS_VERSION + ")\n\n")
                .append("- measured: ").append(LocalDate.now()).append('\n')
                .append("- command: `").append(profile == ApiFuzz.Profile.LONG ? "bin/fuzz --long" : "bin/fuzz")
                .append("` (the short profile also runs in `./run-tests`)\n")
                .append("- machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
                .append(System.getProperty("java.version")).append(", ").append(System.getProperty("os.name")).append(' ')
                .append(System.getProperty("os.arch")).append("; the local cloud (moto on loopback, every function from its jar)\n")
                .append("- profile: ").append(profile.name()).append(", seed ").append(profile.seed())
                .append(", time budget per role ").append(profile.secondsByRole()).append(" s, 2 workers\n\n")
                .append("One schemathesis run per role against a seeded practice (booked, documented, billed, paid and denied), "
                        + "with the practice's ids as dictionaries; phases examples, coverage (the admin's run; notes and claims "
                        + "operations in the rendering clinician's and the biller's), fuzzing and stateful (inferred links). "
                        + "Checks: not_a_server_error, status_code_conformance, content_type_conformance, "
                        + "response_schema_conformance, response_headers_conformance, negative_data_rejection.\n\n")
                .append("| role | s | requests | operations | answered 2xx | statuses | new failures | known (baseline) | errors |\n")
                .append("|---|---|---|---|---|---|---|---|---|\n");
        for (ApiFuzz.Run run : runs) {
            out.append("| ").append(run.role()).append(" | ").append(Math.round(run.seconds())).append(" | ").append(run.requests())
                    .append(" | ").append(run.operations()).append(" | ").append(run.operationsWith2xx()).append(" | ")
                    .append(statuses(run.statuses())).append(" | ").append(run.clean() ? 0 : run.failures().size()).append(" | ")
                    .append(run.known()).append(" | ").append(run.errors().size()).append(" |\n");
        }
        out.append("\nIn all: ").append(requests).append(" requests in ").append(ApiFuzz.total(runs).toSeconds()).append(" s; ")
                .append(runs.stream().mapToInt(r -> r.failures().size()).sum()).append(" failures, ")
                .append(runs.stream().mapToInt(r -> r.errors().size()).sum()).append(" errors.\n");
        for (ApiFuzz.Run run : runs) {
            if (!run.clean()) {
                out.append("\n## ").append(run.role()).append(" (exit ").append(run.exitCode()).append(", ").append(run.stopReason())
                        .append(")\n\n");
                run.failures().forEach(f -> out.append("- ").append(f).append('\n'));
                run.errors().forEach(e -> out.append("- error: ").append(e).append('\n'));
                out.append("\nlog: `").append(run.log()).append("`\n");
            }
        }
        return out.toString();
    }

    private static String statuses(Map<Integer, Integer> statuses) {
        return statuses.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "));
    }
}
