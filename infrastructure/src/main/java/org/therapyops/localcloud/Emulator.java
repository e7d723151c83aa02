package org.therapyops.localcloud;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** The AWS API emulator: the endpoint the user names, or a moto server this class starts and stops. */
public final class Emulator implements AutoCloseable {

    private final URI endpoint;
    private final Process process;

    private Emulator(URI endpoint, Process process) {
        this.endpoint = endpoint;
        this.process = process;
    }

    /** Uses the given endpoint, else AWS_ENDPOINT_URL, else starts moto's server (bin/moto-server) on a free loopback port. */
    public static Emulator start(URI endpoint, Path logDir) {
        if (endpoint == null) {
            String env = System.getenv("AWS_ENDPOINT_URL");
            if (env != null && !env.isBlank()) {
                endpoint = URI.create(env.trim());
            }
        }
        if (endpoint != null) {
            return new Emulator(endpoint, null);
        }
        try {
            ensureMotoInstalled();
            int port = freePort();
            Files.createDirectories(logDir);
            ProcessBuilder pb = new ProcessBuilder("python3", serverScript().toString(), "-H", "127.0.0.1", "-p", String.valueOf(port));
            pb.redirectErrorStream(true);
            // moto logs every request line; keep them out of the console, in a file.
            pb.redirectOutput(logDir.resolve("moto.log").toFile());
            Process p = pb.start();
            URI uri = URI.create("http://127.0.0.1:" + port);
            Emulator emulator = new Emulator(uri, p);
            Processes.killOnJvmExit(p);
            emulator.awaitAnswering(Duration.ofSeconds(60));
            return emulator;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start moto_server: " + e.getMessage(), e);
        }
    }

    /**
     * bin/moto-server (packaged into this jar): moto's server with DynamoDB requests serialized, because moto's
     * TransactWriteItems restores whole-table snapshots on a failed condition and so loses concurrent writes, and with a
     * table query given only its partition's items (moto walks and sorts the whole table for each one).
     */
    private static Path serverScript() throws IOException {
        Path script = Files.createTempFile("moto-server-", ".py");
        script.toFile().deleteOnExit();
        try (var in = Emulator.class.getResourceAsStream("/emulator/moto-server")) {
            if (in == null) {
                throw new IOException("emulator/moto-server is missing from the local cloud's class path");
            }
            Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return script;
    }

    private static void ensureMotoInstalled() throws IOException {
        if (onPath("moto_server")) {
            return;
        }
        System.out.println("[local-cloud] moto_server not on PATH; installing moto[server]==5.2.1 with pip");
        try {
            Process pip = new ProcessBuilder("python3", "-m", "pip", "install", "-q", "moto[server]==5.2.1")
                    .inheritIO().start();
            if (pip.waitFor() != 0) {
                throw new IOException("pip install moto[server]==5.2.1 failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while installing moto");
        }
    }

    private static boolean onPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void awaitAnswering(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException("moto_server exited with " + process.exitValue() + " (see moto.log)");
            }
            try {
                HttpURLConnection c = (HttpURLConnection) endpoint.resolve("/moto-api/").toURL().openConnection();
                c.setConnectTimeout(500);
                c.setReadTimeout(2000);
                int code = c.getResponseCode();
                c.disconnect();
                if (code > 0) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            sleep(100);
        }
        close();
        throw new IllegalStateException("moto_server did not answer on " + endpoint + " within " + max.toSeconds() + " s");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** True when this class started the emulator (and so owns its state). */
    public boolean started() {
        return process != null;
    }

    @Override
    public void close() {
        if (process != null) {
            Processes.killTree(process.toHandle(), Duration.ofSeconds(5));
        }
    }


}
