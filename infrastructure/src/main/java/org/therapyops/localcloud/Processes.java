package org.therapyops.localcloud;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Stopping child processes with their descendants, and never leaving them behind when the JVM exits. */
final class Processes {

    /** A child to stop at JVM exit: how long it may take once asked, and what to wait for after it exited. */
    private record Child(Duration grace, CompletableFuture<?> after) {
    }

    private static final Map<ProcessHandle, Child> LIVE = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Map<ProcessHandle, Child> live = Map.copyOf(LIVE);
            live.keySet().forEach(p -> {
                p.descendants().forEach(ProcessHandle::destroy);
                p.destroy();
            });
            long asked = System.nanoTime();
            live.forEach((p, child) -> {
                long left = asked + child.grace().toNanos() - System.nanoTime();
                try {
                    if (left > 0) {
                        child.after().get(left, TimeUnit.NANOSECONDS);
                    }
                } catch (Exception stillAlive) {
                    // forced below
                }
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            });
        }, "local-cloud-process-reaper"));
    }

    private Processes() {
    }

    /** Registers a child so that a JVM exit (Ctrl-C, SIGTERM, a failed test run) takes it down too, within 500 ms. */
    static void killOnJvmExit(Process p) {
        killOnJvmExit(p, Duration.ofMillis(500), p.onExit());
    }

    /** As above, given {@code grace} once asked to stop, and waiting for {@code after} (its exit and what follows it). */
    static void killOnJvmExit(Process p, Duration grace, CompletableFuture<?> after) {
        LIVE.put(p.toHandle(), new Child(grace, after));
        p.onExit().thenRun(() -> LIVE.remove(p.toHandle()));
    }

    /** Asks the process and its descendants to stop, then forces those still alive after the grace period. */
    static void killTree(ProcessHandle root, Duration grace) {
        List<ProcessHandle> all = new java.util.ArrayList<>(root.descendants().toList());
        all.add(root);
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle p : all) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) {
                    p.onExit().get(left, TimeUnit.NANOSECONDS);
                }
            } catch (Exception stillAlive) {
                // forced below
            }
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
        LIVE.remove(root);
    }
}
