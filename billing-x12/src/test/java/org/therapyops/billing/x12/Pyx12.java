package org.therapyops.billing.x12;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs pyx12 4.0.0, an X12 validator this project did not write, with its 005010X222A1 map. Installs it with pip
 * when {@code import pyx12} fails. A file is accepted only when all three of pyx12's signals agree: the
 * "&lt;file&gt;: OK" status line (x12valid's exit status is 0 even for invalid files), no ERROR log line, and an
 * accepting 999 (IK5*A, AK9*A) written beside the file.
 */
final class Pyx12 {

    static final String VERSION = "4.0.0";
    private static final String PYTHON = System.getenv().getOrDefault("PYTHON", "python3");

    /** pyx12's verdict on one file. */
    record Verdict(Path file, boolean statusOk, List<String> errors, String ack999, String output) {

        boolean accepted() {
            return statusOk && errors.isEmpty() && ack999.contains("IK5*A") && ack999.contains("AK9*A");
        }
    }

    private Pyx12() {
    }

    static void ensureInstalled() throws IOException, InterruptedException {
        if (run(List.of(PYTHON, "-c", "import pyx12"), 60).exit == 0) {
            return;
        }
        Result install = run(List.of(PYTHON, "-m", "pip", "install", "-q", "pyx12==" + VERSION), 300);
        if (install.exit != 0) {
            throw new IllegalStateException("pip could not install pyx12 " + VERSION + ":\n" + install.output);
        }
    }

    static String version() throws IOException, InterruptedException {
        return run(List.of(PYTHON, "-c", "import pyx12; print(pyx12.__version__)"), 60).output.trim();
    }

    static Verdict validate(Path file) throws IOException, InterruptedException {
        Path absolute = file.toAbsolutePath();
        Path ack = Path.of(absolute + ".997");
        java.nio.file.Files.deleteIfExists(ack);
        Result r = run(List.of(PYTHON, "-m", "pyx12.scripts.x12valid", absolute.toString()), 120);
        if (r.exit != 0) {
            throw new IllegalStateException("x12valid failed to run (exit " + r.exit + "):\n" + r.output);
        }
        List<String> lines = r.output.lines().toList();
        boolean ok = lines.contains(absolute + ": OK");
        boolean failure = lines.contains(absolute + ": Failure");
        if (ok == failure) {
            throw new IllegalStateException("x12valid gave no verdict on " + absolute + ":\n" + r.output);
        }
        List<String> errors = lines.stream().filter(l -> l.contains(" ERROR ")).toList();
        String ack999 = java.nio.file.Files.exists(ack)
                ? java.nio.file.Files.readString(ack, StandardCharsets.US_ASCII) : "";
        return new Verdict(file, ok, errors, ack999, r.output);
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " timed out");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
