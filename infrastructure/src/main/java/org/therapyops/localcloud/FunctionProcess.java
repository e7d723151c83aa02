package org.therapyops.localcloud;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** One function's JVM, running AWS's runtime interface client on the function's artifact. */
public final class FunctionProcess implements AutoCloseable {

    public static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    /** How long a training start may take to write its class-data archive once asked to stop. */
    private static final Duration TRAINING_EXIT = Duration.ofSeconds(30);

    private final String name;
    private final Process process;
    private final long spawnedAtNanos;
    private final ClassDataArchives.Start archive;
    private final java.util.concurrent.CompletableFuture<Void> exited;
    private volatile long initNanos = -1;

    private FunctionProcess(String name, Process process, long spawnedAtNanos, ClassDataArchives.Start archive) {
        this.name = name;
        this.process = process;
        this.spawnedAtNanos = spawnedAtNanos;
        this.archive = archive;
        this.exited = process.onExit().thenRun(() -> ClassDataArchives.exited(archive));
    }

    /**
     * Spawns {@code java -cp artifact:runtime AWSLambda handler} with exactly the given environment (plus PATH), its
     * output forwarded line by line to {@code console} with the name as prefix and appended to {@code logFile}.
     */
    public static FunctionProcess start(String name, Path artifact, String handler, Map<String, String> environment,
                                        Path runtimeClasspath, Path logFile, PrintStream console) {
        return start(name, artifact, handler, environment, runtimeClasspath, logFile, console, false);
    }

    /**
     * As above; with {@code classDataArchive}, the start uses the jar's class-data archive, or trains it
     * ({@link ClassDataArchives}), adding the option to the environment's {@code JAVA_TOOL_OPTIONS}.
     */
    public static FunctionProcess start(String name, Path artifact, String handler, Map<String, String> environment,
                                        Path runtimeClasspath, Path logFile, PrintStream console, boolean classDataArchive) {
        List<String> cp = new ArrayList<>();
        if (!Files.exists(artifact)) {
            throw new IllegalStateException(name + ": artifact " + artifact + " does not exist (build it first)");
        }
        cp.add(artifact.toString());
        if (Files.isDirectory(artifact)) {
            // A Lambda zip puts the function's own libraries in lib/ beside its classes.
            cp.addAll(jars(artifact.resolve("lib")));
        }
        List<String> runtime = jars(runtimeClasspath);
        if (runtime.isEmpty()) {
            throw new IllegalStateException("no runtime interface client jars in " + runtimeClasspath
                    + " (run mvn -pl infrastructure package)");
        }
        cp.addAll(runtime);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        Path jni = nativeClient(runtime);
        if (jni != null) {
            command.add("-D" + JNI_PROPERTY + "=" + jni);
        }
        String classpath = String.join(File.pathSeparator, cp);
        command.addAll(List.of("-cp", classpath, RIC_MAIN, handler));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().putAll(environment);
        ClassDataArchives.Start archive = classDataArchive ? ClassDataArchives.begin(artifact, classpath) : null;
        if (archive != null) {
            pb.environment().merge("JAVA_TOOL_OPTIONS", archive.option(), (a, b) -> a + " " + b);
        }
        try {
            Files.createDirectories(logFile.getParent());
            Writer log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            long spawned = System.nanoTime();
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                ClassDataArchives.exited(archive);
                throw e;
            }
            FunctionProcess fp = new FunctionProcess(name, p, spawned, archive);
            if (fp.trainsClassDataArchive()) {
                Processes.killOnJvmExit(p, TRAINING_EXIT, fp.exited());
            } else {
                Processes.killOnJvmExit(p);
            }
            Thread out = forward(name, p.getInputStream(), log, console);
            Thread err = forward(name, p.getErrorStream(), log, console);
            Thread closer = new Thread(() -> {
                try {
                    out.join();
                    err.join();
                    log.close();
                } catch (InterruptedException | IOException ignored) {
                    // best effort
                }
            }, "log-close-" + name);
            closer.setDaemon(true);
            closer.start();
            return fp;
        } catch (IOException e) {
            throw new IllegalStateException(name + ": cannot start " + java + ": " + e.getMessage(), e);
        }
    }

    private static final String JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
    private static Path nativeClient;
    private static boolean nativeClientLooked;

    /**
     * The runtime client's JNI library, extracted once per runner. Left to itself, every function process copies it
     * over the same /tmp/.libaws-lambda-jni.so while others are loading it, and processes starting together die of
     * SIGBUS in the dynamic loader. Null (the client's own unpacking) when it cannot be found.
     */
    private static synchronized Path nativeClient(List<String> runtimeJars) {
        if (nativeClientLooked) {
            return nativeClient;
        }
        nativeClientLooked = true;
        String arch = System.getProperty("os.arch", "");
        String entry = "jni/libaws-lambda-jni.linux-" + (arch.equals("aarch64") ? "aarch_64" : "x86_64") + ".so";
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return null;
        }
        for (String jar : runtimeJars) {
            if (!jar.contains("runtime-interface-client")) {
                continue;
            }
            try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar)) {
                java.util.zip.ZipEntry e = zip.getEntry(entry);
                if (e == null) {
                    return null;
                }
                Path out = Files.createTempFile("libaws-lambda-jni-", ".so");
                out.toFile().deleteOnExit();
                try (InputStream in = zip.getInputStream(e)) {
                    Files.copy(in, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                nativeClient = out;
                return out;
            } catch (IOException e) {
                return null;
            }
        }
        return null;
    }

    private static List<String> jars(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".jar")).sorted().map(Path::toString).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Thread forward(String name, InputStream in, Writer log, PrintStream console) {
        Thread t = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    console.println("[" + name + "] " + line);
                    synchronized (log) {
                        log.write(line);
                        log.write('\n');
                        log.flush();
                    }
                }
            } catch (IOException closed) {
                // process gone
            }
        }, "log-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Records the end of init: the moment the runtime first asked for an event. */
    public void markReady(long nanoTime) {
        if (initNanos < 0) {
            initNanos = nanoTime - spawnedAtNanos;
        }
    }

    /** Process spawn to first /invocation/next, or null before that. */
    public Duration initDuration() {
        return initNanos < 0 ? null : Duration.ofNanos(initNanos);
    }

    public long pid() {
        return process.pid();
    }

    public String name() {
        return name;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Process process() {
        return process;
    }

    /** Kills the process and its descendants at once (SIGKILL): no shutdown hook, no last word. */
    public void kill() {
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Completes once the process has exited and, for a training start, its archive was moved into place (if written). */
    public java.util.concurrent.CompletableFuture<Void> exited() {
        return exited;
    }

    /** Whether this start trains its jar's class-data archive (written when the process exits normally). */
    public boolean trainsClassDataArchive() {
        return archive != null && archive.trains();
    }

    /** How it uses its jar's class-data archive: "maps" it, "trains" it, or "none". */
    public String classDataArchive() {
        return archive == null ? "none" : archive.trains() ? "trains" : "maps";
    }

    /** Asks the process to stop (SIGTERM), forcing it after 2 s, or 30 s for a training start writing its archive. */
    @Override
    public void close() {
        Processes.killTree(process.toHandle(), trainsClassDataArchive() ? TRAINING_EXIT : Duration.ofSeconds(2));
    }
}
