package org.therapyops.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.therapyops.localcloud.LocalCloud;
import org.therapyops.localcloud.SentEmail;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reports are provably right: a randomized month of a practice (from a seed; {@code -Dreporting.seed=} replays one)
 * runs through the local cloud — every step by the deployed functions, the clearinghouse answering — and every figure
 * of every report, by every grouping, must equal a recount from the source tables read directly ({@link ReportingRecount}).
 * Then the backfill command replays the source tables into a rebuilt reporting and the figures must equal the recount
 * again; and the weekly email goes to the admins.
 *
 * <p>{@link #verify(LocalCloud.Options, long)} runs the same on a local cloud of its own started with the given options —
 * {@code verify(Cloud.options()…, seed)} with the options of the local cloud's fault injection —
 * for a run under the local cloud's fault injection (duplicated and redelivered batches, crashes mid-batch).
 */
class ReportingEndToEndTest {

    static final long SEED = Long.getLong("reporting.seed", 20261206L);
    static final Duration CONVERGE = Duration.ofSeconds(90);

    @Test
    void everyMaterializedFigureEqualsARecountFromTheSourceTablesAndABackfillRebuildsTheSame() {
        verify(Cloud.get(), SEED);
    }

    /** The check on a cloud of its own, started with these options (e.g. with faults injected). */
    static void verify(LocalCloud.Options options, long seed) {
        try (LocalCloud cloud = LocalCloud.start(options)) {
            verify(cloud, seed);
        }
    }

    static void verify(LocalCloud cloud, long seed) {
        long started = System.nanoTime();
        ReportingWorkload workload = new ReportingWorkload(cloud, seed);
        workload.run();
        long ran = System.nanoTime();
        System.out.println("reporting workload (seed " + seed + "): " + String.join("; ", workload.log) + " in "
                + TimeUnit.NANOSECONDS.toMillis(ran - started) + " ms");

        List<String> differences = awaitAgreement(cloud, workload, CONVERGE);
        assertThat(differences).as("reports against the recount (seed " + seed + ")").isEmpty();
        long converged = System.nanoTime();

        ReportingRecount recount = recount(cloud, workload);
        assertThat(recount.claims).hasSizeGreaterThan(5);
        assertThat(recount.claims).extracting(c -> c.stored().status().name())
                .contains("PAID", "PARTIALLY_PAID", "REVERSED");
        assertThat(recount.postings).anyMatch(p -> "22".equals(p.get("statusCode").s()));
        assertThat(recount.sessions).extracting(s -> s.appointment().status().name()).contains("COMPLETED", "CANCELLED");
        assertThat(recount.work()).extracting(ReportingRecount.Work::kind).contains("NOTE_MISSING", "UNSUBMITTED", "EXPIRING");
        // not a comparison of zeros: the figures the workload must have moved
        LocalDate today = recount.today();
        JsonNode summary = workload.biller.get("/reports/summary?from=" + today.minusDays(40) + "&to=" + today.plusDays(3)).json();
        System.out.println("reporting summary: " + summary.path("total").path("values"));
        JsonNode v = summary.path("total").path("values");
        assertThat(v.path("credits").decimalValue()).isPositive();
        assertThat(v.path("payments").decimalValue()).isPositive();
        assertThat(v.path("arTotal").decimalValue()).isPositive();
        assertThat(v.path("sessions").asInt()).isPositive();
        assertThat(v.path("cleanClaimRate").decimalValue()).isBetween(BigDecimal.ZERO, BigDecimal.ONE);
        assertThat(List.of("noteMissing", "claimMissing", "unsubmitted", "review", "denied", "expiring").stream()
                .filter(k -> v.path(k).asInt() > 0).count()).isGreaterThanOrEqualTo(4);

        backfill(cloud, workload.practiceId());
        assertThat(differences(cloud, workload)).as("reports after the backfill rebuilt them (seed " + seed + ")").isEmpty();
        long rebuilt = System.nanoTime();

        cloud.runSchedule("ReportingFunction", "WeeklyReport");
        SentEmail email = awaitEmail(cloud, "owner@riverside.example");
        assertThat(email.subject()).startsWith("Therapy Ops: your week of");
        assertThat(email.body()).contains("Clean claim rate").contains("/reports/summary?from=").doesNotContain("Demo")
                .doesNotContain("1958-04-12");
        System.out.println("reporting check: workload " + TimeUnit.NANOSECONDS.toMillis(ran - started) + " ms, converged "
                + TimeUnit.NANOSECONDS.toMillis(converged - ran) + " ms later, backfill and recheck "
                + TimeUnit.NANOSECONDS.toMillis(rebuilt - converged) + " ms");
    }

    // ------------------------------------------------------------------ comparing

    /** Every report, by every grouping, over the workload's five weeks and its last week. */
    static List<String[]> queries(LocalDate today) {
        String wide = "from=" + today.minusDays(40) + "&to=" + today.plusDays(3);
        String week = "from=" + today.minusDays(6) + "&to=" + today;
        List<String[]> q = new ArrayList<>();
        q.add(new String[] {"summary", "none", wide});
        q.add(new String[] {"summary", "none", week});
        for (String g : List.of("none", "payer", "provider")) {
            q.add(new String[] {"claims", g, wide});
            q.add(new String[] {"lags", g, wide});
        }
        q.add(new String[] {"claims", "payer", week});
        for (String g : List.of("carc", "payer", "none")) {
            q.add(new String[] {"denials", g, wide});
        }
        for (String g : List.of("none", "payer")) {
            q.add(new String[] {"ar", g, wide});
            q.add(new String[] {"collections", g, wide});
        }
        q.add(new String[] {"attendance", "none", wide});
        q.add(new String[] {"attendance", "provider", wide});
        for (String g : List.of("provider", "discipline", "none")) {
            q.add(new String[] {"productivity", g, wide});
        }
        q.add(new String[] {"leakage", "kind", wide});
        q.add(new String[] {"leakage-items", "kind", wide});
        return q;
    }

    private static List<String> awaitAgreement(LocalCloud cloud, ReportingWorkload workload, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        List<String> last;
        do {
            last = differences(cloud, workload);
            if (last.isEmpty()) {
                return last;
            }
            sleep(1000);
        } while (Instant.now().isBefore(deadline));
        return last;
    }

    static ReportingRecount recount(LocalCloud cloud, ReportingWorkload workload) {
        Map<String, String> tables = new HashMap<>();
        for (String t : List.of("ClaimsTable", "NotesTable", "AppointmentsTable", "PracticeTable")) {
            tables.put(t, cloud.physicalId(t));
        }
        return new ReportingRecount(cloud.aws().dynamoDb(), tables, workload.practiceId(), ReportingWorkload.ZONE,
                ReportingWorkload.THRESHOLDS);
    }

    static List<String> differences(LocalCloud cloud, ReportingWorkload workload) {
        ReportingRecount recount = recount(cloud, workload);
        List<String> differences = new ArrayList<>();
        for (String[] q : queries(recount.today())) {
            String path = "/reports/" + q[0] + "?groupBy=" + q[1] + "&" + q[2];
            ApiClient.Response response = workload.biller.get(path);
            if (response.status() != 200) {
                differences.add(path + ": " + response.status() + " " + response.body());
                continue;
            }
            String[] range = q[2].split("&");
            ReportingRecount.Table expected = recount.report(q[0], q[1], LocalDate.parse(range[0].substring(5)),
                    LocalDate.parse(range[1].substring(3)));
            compare(path, response.json(), expected, q[0].equals("leakage-items"), differences);
        }
        return differences;
    }

    private static void compare(String path, JsonNode api, ReportingRecount.Table expected, boolean items, List<String> out) {
        Map<String, JsonNode> rows = new HashMap<>();
        for (JsonNode row : api.path("rows")) {
            String key = items ? row.path("group").asText() + "/" + row.path("label").asText() : row.path("group").asText();
            rows.put(key, row.path("values"));
        }
        if (!rows.keySet().equals(expected.rows().keySet())) {
            out.add(path + ": rows " + new TreeSet<>(rows.keySet()) + ", recount " + new TreeSet<>(expected.rows().keySet()));
        }
        expected.rows().forEach((key, values) -> {
            if (rows.containsKey(key)) {
                compareValues(path + " row " + key, rows.get(key), values, items, out);
            }
        });
        if (expected.total() == null) {
            if (!api.path("total").isNull() && !api.path("total").isMissingNode()) {
                out.add(path + ": a total, the recount has none");
            }
        } else {
            compareValues(path + " total", api.path("total").path("values"), expected.total(), false, out);
        }
    }

    private static void compareValues(String where, JsonNode actual, Map<String, Object> expected, boolean onlyExpected,
                                      List<String> out) {
        if (!onlyExpected) {
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = actual.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            if (!new TreeSet<>(names).equals(new TreeSet<>(expected.keySet()))) {
                out.add(where + ": columns " + new TreeSet<>(names) + ", recount " + new TreeSet<>(expected.keySet()));
            }
        }
        expected.forEach((name, value) -> {
            JsonNode v = actual.path(name);
            boolean same;
            if (value == null) {
                same = v.isNull() || v.isMissingNode();
            } else if (value instanceof BigDecimal d) {
                same = v.isNumber() && v.decimalValue().compareTo(d) == 0;
            } else {
                same = v.isTextual() && v.asText().equals(value.toString());
            }
            if (!same) {
                out.add(where + " " + name + ": " + v + ", recount " + value);
            }
        });
    }

    // ------------------------------------------------------------------ the backfill command, as an operator runs it

    /** bin/backfill-reports --practice … --rebuild, against the local cloud's tables (its java command, from the built jar). */
    static void backfill(LocalCloud cloud, String practiceId) {
        Path project = Path.of("..").toAbsolutePath().normalize();
        Path jar = project.resolve("functions/reporting/target/reporting.jar");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                jar.toString(), "org.therapyops.reporting.function.Backfill", "--practice", practiceId, "--rebuild")
                .redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("AWS_ENDPOINT_URL", cloud.awsEndpoint().toString());
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "testing");
        env.put("AWS_SECRET_ACCESS_KEY", "testing");
        Map<String, String> tables = Map.of("PRACTICE_TABLE", "PracticeTable", "APPOINTMENTS_TABLE", "AppointmentsTable",
                "APPOINTMENT_HISTORY_TABLE", "AppointmentHistoryTable", "NOTES_TABLE", "NotesTable", "CLAIMS_TABLE", "ClaimsTable",
                "REPORTING_TABLE", "ReportingTable");
        tables.forEach((variable, logicalId) -> env.put(variable, cloud.physicalId(logicalId)));
        try {
            Process process = pb.start();
            String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            System.out.println(output.strip());
            assertThat(process.exitValue()).as(output).isZero();
            assertThat(output).contains("backfill of " + practiceId + ":");
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static SentEmail awaitEmail(LocalCloud cloud, String to) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            for (SentEmail e : cloud.sentEmails()) {
                if (e.destinations().contains(to) && e.subject().startsWith("Therapy Ops: your week of")) {
                    return e;
                }
            }
            sleep(200);
        }
        throw new AssertionError("no weekly report emailed to " + to);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
