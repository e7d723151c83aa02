package org.therapyops.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Writes a measured figure to docs/measurements/ with the command that reproduces it and the machine it ran on. */
final class Report {

    private final String name;
    private final StringBuilder body = new StringBuilder();

    Report(String title, String name) {
        this(title, name, "bin/bench " + name);
    }

    /** With the command that reproduces the figure, when it is not {@code bin/bench <name>}. */
    Report(String title, String name, String command) {
        this.name = name;
        body.append("# ").append(title).append("\n\n")
                .append("- measured: ").append(LocalDate.now()).append("\n")
                .append("- command: `").append(command).append("`\n")
                .append("- machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(Runtime.getRuntime().maxMemory() / (1024 * 1024)).append(" MiB max heap for the driver, Java ")
                .append(System.getProperty("java.version")).append(", ").append(System.getProperty("os.name")).append(" ")
                .append(System.getProperty("os.arch")).append("\n")
                .append("- AWS API emulator: moto server on loopback; functions run from their deployable jars, one JVM each, "
                        + "through AWS's Lambda runtime interface client; their AWS calls pass the local cloud's IAM gate (each checked "
                        + "against the function's policy in template.yaml); HTTP servers with Nagle off\n\n");
    }

    Report line(String text) {
        body.append(text).append("\n");
        return this;
    }

    void write() {
        Path file = ProjectDir.find().resolve("docs/measurements/" + name + ".md");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, body.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println(body);
        System.out.println("written to " + file);
    }

    static double percentile(List<Double> values, double p) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        // nearest-rank percentile
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The machine's load averages (1, 5, 15 minutes) from /proc/loadavg, or "unknown": other work on the machine skews timings. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + ", " + f[1] + ", " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static String ms(double value) {
        return String.format("%.0f", value);
    }

    static String list(List<Double> values) {
        return Arrays.toString(values.stream().mapToLong(Math::round).toArray());
    }
}
