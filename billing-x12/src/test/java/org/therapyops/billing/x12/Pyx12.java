package org.therapyops.billing.x12;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs pyx12 4.0.0, an X12 validator this project did not write. x12valid picks the map from ISA12, GS01 and GS08
 * (its maps.xml): 00501 HC 005010X222A1 is the 837P map, FA 005010X231A1 the 999's, HN 005010X214 the 277CA's, HP
 * 005010X221A1 the 835's; the maps it loaded are read from its debug log ({@code -v}). Installs it with pip when
 * {@code import pyx12} fails. A file is accepted only when pyx12's signals agree: the "&lt;file&gt;: OK" status line
 * (x12valid's exit status is 0 even for invalid files), no ERROR log line, and an accepting 999 (IK5*A, AK9*A)
 * written beside the file, where pyx12 writes one: not when the last group is a 999 (an acknowledgment is not
 * acknowledged), and not for an 835, whose 999 pyx12 fails to build (its AK2 needs ST03, which X221A1 marks not
 * used): that one known failure, and the 999 it leaves cut short after AK1, are set aside; any other ERROR counts.
 */
final class Pyx12 {

    static final String VERSION = "4.0.0";
    private static final String PYTHON = System.getenv().getOrDefault("PYTHON", "python3");

    /** pyx12's own log line and exception when it cannot build the 999 of an 835 (no ST03 to copy into AK203). */
    static final String NO_999_FOR_835 = "Cannot create AK2: err_st.vriic was not set";
    private static final String FAILED_999 = " ERROR Failed to create 999 response";

    /**
     * pyx12's verdict on one file.
     *
     * @param maps        the transaction set maps x12valid loaded, in order (e.g. 835.5010.X221.A1.xml)
     * @param ackExpected whether pyx12 writes a 999 for this file (not for a 999, not for an 835)
     */
    record Verdict(Path file, boolean statusOk, List<String> errors, String ack999, List<String> maps,
                   boolean ackExpected, String output) {

        boolean accepted() {
            boolean ackAccepts = ack999.contains("IK5*A") && ack999.contains("AK9*A");
            return statusOk && errors.isEmpty() && (ackExpected ? ackAccepts : ack999.isEmpty() || ackAccepts);
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
        Result r = run(List.of(PYTHON, "-m", "pyx12.scripts.x12valid", "-v", absolute.toString()), 120);
        if (r.exit != 0) {
            throw new IllegalStateException("x12valid failed to run (exit " + r.exit + "):\n" + r.output);
        }
        List<String> lines = r.output.lines().toList();
        boolean ok = lines.contains(absolute + ": OK");
        boolean failure = lines.contains(absolute + ": Failure");
        if (ok == failure) {
            throw new IllegalStateException("x12valid gave no verdict on " + absolute + ":\n" + r.output);
        }
        List<String> groups = functionalIdentifiers(java.nio.file.Files.readString(absolute, StandardCharsets.US_ASCII));
        boolean remittance = !groups.isEmpty() && groups.stream().allMatch("HP"::equals);
        boolean knownFailure = remittance && r.output.contains(NO_999_FOR_835);
        List<String> errors = lines.stream().filter(l -> l.contains(" ERROR "))
                .filter(l -> !(knownFailure && l.endsWith(FAILED_999))).toList();
        List<String> maps = lines.stream().filter(l -> l.contains(" DEBUG Map file: "))
                .map(l -> l.substring(l.indexOf(" DEBUG Map file: ") + 17).trim()).toList();
        // After the known failure pyx12 leaves a 999 cut short after AK1: no verdict, so it is set aside too.
        String ack999 = java.nio.file.Files.exists(ack) && !knownFailure
                ? java.nio.file.Files.readString(ack, StandardCharsets.US_ASCII) : "";
        // x12valid acknowledges unless the last group is itself an acknowledgment (GS01 FA).
        boolean ackExpected = !groups.isEmpty() && !groups.get(groups.size() - 1).equals("FA") && !knownFailure;
        return new Verdict(file, ok, errors, ack999, maps, ackExpected, r.output);
    }

    /** GS01 of every group, the delimiters taken from the ISA. */
    static List<String> functionalIdentifiers(String x12) {
        String text = x12.stripLeading();
        if (text.length() < 106 || !text.startsWith("ISA")) {
            return List.of();
        }
        String element = String.valueOf(text.charAt(3));
        String segment = String.valueOf(text.charAt(105));
        return java.util.Arrays.stream(text.split(java.util.regex.Pattern.quote(segment)))
                .map(String::strip)
                .filter(s -> s.startsWith("GS" + element))
                .map(s -> s.split(java.util.regex.Pattern.quote(element), -1)[1])
                .toList();
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
