package org.therapyops.localcloud;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Set;

/**
 * Application class-data sharing archives (JDK 17's dynamic AppCDS) for the local cloud's functions, one per packaged
 * jar: {@code target/api.jar} gets {@code target/api.jsa}. The first process started from a jar without a current
 * archive is the training start ({@code -XX:ArchiveClassesAtExit}): once it has answered its first event the local cloud
 * stops it (SIGTERM; {@link LambdaFunction}), its JVM writes every class it loaded, the archive is moved into place, and every
 * later start from the same jar, classpath and JVM maps those classes instead of loading them from the jar
 * ({@code -XX:SharedArchiveFile}). One training start per jar at a time; one killed before it exits leaves nothing, and
 * the next start trains again. A rebuilt jar (other size or time) or another JVM makes the archive stale and it is
 * trained again; the JVM checks the same itself and, with {@code -Xshare:auto} as template.yaml sets, runs without one
 * it cannot use. Lambda does not run these archives (see docs/measurements/ColdStartBenchmark.md for what applies on
 * AWS); the deployed artifact is unchanged.
 */
public final class ClassDataArchives {

    /** What one start adds to {@code JAVA_TOOL_OPTIONS}, and for a training start the file the JVM writes at exit. */
    record Start(String option, Path archive, Path training, String key) {
        boolean trains() {
            return training != null;
        }
    }

    private static final Set<Path> TRAINING = new HashSet<>();

    private ClassDataArchives() {
    }

    /** The archive kept beside a jar. */
    public static Path archiveOf(Path artifact) {
        String name = artifact.getFileName().toString();
        return artifact.resolveSibling(name.substring(0, name.length() - ".jar".length()) + ".jsa");
    }

    /**
     * The option for a start from {@code artifact} with this classpath: use the archive if it is current, else train
     * one unless another start does; null for a directory artifact (CDS archives only classes from jars).
     */
    static Start begin(Path artifact, String classpath) {
        if (!artifact.toString().endsWith(".jar") || !Files.isRegularFile(artifact)) {
            return null;
        }
        Path archive = archiveOf(artifact).toAbsolutePath();
        String key;
        try {
            key = Files.size(artifact) + " " + Files.getLastModifiedTime(artifact).toMillis() + " "
                    + System.getProperty("java.vm.version") + " " + classpath;
        } catch (IOException e) {
            return null;
        }
        Path keyFile = keyFile(archive);
        try {
            if (Files.isRegularFile(archive) && Files.isRegularFile(keyFile)
                    && Files.readString(keyFile, StandardCharsets.UTF_8).equals(key)) {
                return new Start("-XX:SharedArchiveFile=" + archive, archive, null, key);
            }
        } catch (IOException unreadable) {
            // trained again below
        }
        synchronized (TRAINING) {
            if (!TRAINING.add(archive)) {
                return null;
            }
        }
        Path training = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid() + "."
                + System.nanoTime() + ".training");
        // The JVM warns of each class it leaves out (old class versions, classes that failed verification, JFR events):
        // some 20 lines per function, none of them a fault.
        return new Start("-XX:ArchiveClassesAtExit=" + training + " -Xlog:cds*=error", archive, training, key);
    }

    /** After a start's process exited: a training start's archive, if the JVM wrote one, is moved into place. */
    static void exited(Start start) {
        if (start == null || !start.trains()) {
            return;
        }
        try {
            if (Files.isRegularFile(start.training()) && Files.size(start.training()) > 0) {
                Path keyTemp = start.training().resolveSibling(start.training().getFileName() + ".key");
                Files.writeString(keyTemp, start.key(), StandardCharsets.UTF_8);
                Files.move(start.training(), start.archive(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                Files.move(keyTemp, keyFile(start.archive()), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            // no archive this time; the next start trains again
        } finally {
            try {
                Files.deleteIfExists(start.training());
            } catch (IOException ignored) {
                // best effort
            }
            synchronized (TRAINING) {
                TRAINING.remove(start.archive());
            }
        }
    }

    private static Path keyFile(Path archive) {
        return archive.resolveSibling(archive.getFileName() + ".key");
    }
}
