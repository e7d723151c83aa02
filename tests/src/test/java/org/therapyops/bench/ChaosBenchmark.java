package org.therapyops.bench;

import org.therapyops.e2e.CanonicalDump;
import org.therapyops.e2e.ChaosEndToEndTest;
import org.therapyops.e2e.ChaosWorkload;
import org.therapyops.localcloud.Faults;
import org.therapyops.localcloud.LocalCloud;
import org.therapyops.localcloud.Status;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The chaos end-to-end test's workload at size (100 practices of 25 patients, four bookings each: about 10,000
 * appointments), once on a
 * clean local cloud and once under every fault at once, each on a cloud of its own with visibility timeouts scaled
 * down; reports the faults injected and the losses: what the fault run left behind that the clean run did not, and the
 * reverse (zero lines each), reservations that do not add up, and the poison in the dead-letter queues.
 *
 * <p>Size and seed from system properties: {@code chaos.practices} (100), {@code chaos.patients} (25 per practice),
 * {@code chaos.threads} (16), {@code chaos.seed}. {@code chaos.wait.seconds} bounds each wait of the workload.
 */
public final class ChaosBenchmark {

    private static final double TIME_SCALE = 1.0 / 120;

    public static void main(String[] args) throws Exception {
        int practices = Integer.getInteger("chaos.practices", 100);
        int patients = Integer.getInteger("chaos.patients", 25);
        int threads = Integer.getInteger("chaos.threads", 16);
        long seed = Long.getLong("chaos.seed", 20261206L);
        ChaosWorkload.Spec spec = new ChaosWorkload.Spec(seed, practices, patients, threads, true);

        long t0 = System.nanoTime();
        ChaosEndToEndTest.Outcome clean;
        long cleanStart;
        try (LocalCloud cloud = LocalCloud.start(ChaosWorkload.cloud("chaos-bench-clean", TIME_SCALE, Faults.none()))) {
            cleanStart = (System.nanoTime() - t0) / 1_000_000;
            clean = ChaosEndToEndTest.run(cloud, spec, "bench-clean");
        }
        long t1 = System.nanoTime();
        ChaosEndToEndTest.Outcome faulty;
        Status status;
        long faultStart;
        Map<String, List<String>> deadLetters = new LinkedHashMap<>();
        try (LocalCloud cloud = LocalCloud.start(ChaosWorkload.cloud("chaos-bench-faults", TIME_SCALE, Faults.chaos(seed)))) {
            faultStart = (System.nanoTime() - t1) / 1_000_000;
            faulty = ChaosEndToEndTest.run(cloud, spec, "bench-faults");
            status = cloud.status();
            for (String q : List.of("ScrubDeadLetterQueue", "NotifyDeadLetterQueue", "InboundDeadLetterQueue",
                    "AuthorizationCheckFailureQueue", "AuthorizationAlertsFailureQueue", "ChargeCaptureFailureQueue")) {
                deadLetters.put(q, ChaosEndToEndTest.peek(cloud, q));
            }
        }
        long total = (System.nanoTime() - t0) / 1_000_000;

        Map<String, Integer> onlyClean = byKind(clean.canonical(), faulty.canonical());
        Map<String, Integer> onlyFaults = byKind(faulty.canonical(), clean.canonical());
        String difference = CanonicalDump.difference(clean.canonical(), faulty.canonical(), 10);
        boolean fullSize = practices == 100 && patients == 25;
        int appointments = faulty.result().counts().getOrDefault("appointments", 0);

        Report report = new Report("Chaos run: the workload under every fault at once", "ChaosBenchmark",
                "bin/bench ChaosBenchmark" + (fullSize ? "" : " -Dchaos.practices=" + practices + " -Dchaos.patients=" + patients)
                        + (threads == 16 ? "" : " -Dchaos.threads=" + threads));
        report.line("What ran: " + practices + " practices x " + patients + " patients (" + appointments + " appointments booked),"
                + " seed " + seed + ", " + threads + " patients worked on at once."
                + (fullSize ? "" : " **A scaled-down run**: the full size, 100 practices x 25 patients (about 10,000 appointments),"
                + " is `bin/bench ChaosBenchmark` and was not run for this report; this run booked "
                + Math.round(appointments * 60_000.0 / Math.max(1, faulty.result().elapsedMs())) + " appointments a minute under faults."));
        report.line("");
        report.line("Each run on a local cloud of its own (moto, every function from its jar), visibility timeouts and retry delays"
                + " times " + TIME_SCALE + " (ScrubQueue and NotifyQueue 2 s, InboundQueue 15 s), leases to match (notifier 4 s,"
                + " inbound 10 s). The fault run: `Faults.chaos(" + seed + ")` = " + status.faults().settings()
                + ", two instances of each function and three of the API.");
        report.line("");
        report.line("| | clean run | fault run |");
        report.line("|---|---|---|");
        report.line("| start-up (ms) | " + cleanStart + " | " + faultStart + " |");
        report.line("| workload to settled (ms) | " + clean.result().elapsedMs() + " | " + faulty.result().elapsedMs() + " |");
        report.line("| what the workload did | " + new TreeMap<>(clean.result().counts()) + " | " + new TreeMap<>(faulty.result().counts()) + " |");
        report.line("| items and emails compared | " + clean.canonical().size() + " | " + faulty.canonical().size() + " |");
        report.line("| reservation problems | " + clean.reservationProblems().size() + " | " + faulty.reservationProblems().size() + " |");
        report.line("");
        report.line("Total " + total / 1000 + " s.");
        report.line("");
        report.line("## Faults injected (fault run)");
        report.line("");
        report.line("| kind | by function | total |");
        report.line("|---|---|---|");
        status.faults().injected().forEach((kind, byFunction) -> report.line("| " + kind + " | " + byFunction + " | "
                + byFunction.values().stream().mapToLong(Long::longValue).sum() + " |"));
        report.line("");
        Status.TransactionTokensStatus tokens = status.transactionTokens();
        report.line("TransactWriteItems repeated with their ClientRequestToken (the SDK's retries after a lost answer): " + tokens.replayed() + " answered with the first success and not applied again, "
                + tokens.mismatched() + " refused for other parameters, " + tokens.inProgress() + " while the first was in progress.");
        report.line("");
        report.line("All kinds: " + status.faults().total() + ". Function restarts (cold) after crashes: "
                + status.functions().stream().filter(f -> f.restarts() > 0).map(f -> f.logicalId() + " " + f.restarts()).toList() + ".");
        report.line("");
        report.line("## Losses");
        report.line("");
        report.line("Lines of the canonical dump (every table of template.yaml and every email, ids and timestamps labelled,"
                + " see `CanonicalDump`) that only one run has, by table and item type:");
        report.line("");
        report.line("- only in the clean run (lost under faults): " + (onlyClean.isEmpty() ? "none (0)" : onlyClean));
        report.line("- only in the fault run (doubled or wrong under faults): " + (onlyFaults.isEmpty() ? "none (0)" : onlyFaults));
        report.line("- reservations that do not add up (fault run): " + faulty.reservationProblems().size());
        String dead = summary(deadLetters);
        report.line("- dead-letter queues (fault run): " + dead + (dead.contains("OTHER") ? " -- **more than the poison sent**"
                : " -- the poison sent (a duplicated message's copy counts once more), and nothing else"));
        if (!difference.isEmpty()) {
            report.line("");
            report.line("First differences:");
            report.line("");
            report.line("```");
            report.line(difference);
            report.line("```");
        }
        report.write();
        System.exit(onlyClean.isEmpty() && onlyFaults.isEmpty() && faulty.reservationProblems().isEmpty() ? 0 : 1);
    }

    /** Lines of {@code a} not in {@code b} (as multisets), counted by their table and item type. */
    private static Map<String, Integer> byKind(List<String> a, List<String> b) {
        Map<String, Integer> count = new java.util.HashMap<>();
        a.forEach(l -> count.merge(l, 1, Integer::sum));
        b.forEach(l -> count.merge(l, -1, Integer::sum));
        Map<String, Integer> out = new TreeMap<>();
        count.forEach((line, n) -> {
            if (n > 0) {
                String table = line.substring(0, line.indexOf(' '));
                java.util.regex.Matcher type = java.util.regex.Pattern.compile("\"type\":\"([A-Z_0-9]+)\"").matcher(line);
                out.merge(table + (type.find() ? "/" + type.group(1) : ""), n, Integer::sum);
            }
        });
        return out;
    }

    private static String summary(Map<String, List<String>> deadLetters) {
        StringBuilder out = new StringBuilder();
        deadLetters.forEach((q, bodies) -> {
            Set<String> kinds = new TreeSet<>();
            bodies.forEach(b -> kinds.add(b.contains("no-such-claim") ? "scrub poison" : b.contains("no-such-alert") ? "notify poison"
                    : b.contains("RetryAttemptsExhausted") ? "stream poison" : "OTHER"));
            out.append(out.length() == 0 ? "" : ", ").append(q).append(" ").append(bodies.size()).append(" message(s), ")
                    .append(new TreeSet<>(bodies).size()).append(" distinct ").append(kinds);
        });
        return out.toString();
    }
}
