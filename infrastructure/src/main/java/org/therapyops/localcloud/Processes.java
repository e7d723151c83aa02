package org.therapyops.localcloud;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Stopping child processes with their descendants, and never leaving them behind when the JVM exits. */
final class Processes {

    private static final Set<ProcessHandle> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (ProcessHandle p : List.copyOf(LIVE)) {
                killTree(p, Duration.ofMillis(500));
            }
        }, "local-cloud-process-reaper"));
    }

    private Processes() {
    }

    /** Registers a child so that a JVM exit (Ctrl-C, SIGTERM, a failed test run) takes it down too. */
    static void killOnJvmExit(Process p) {
        LIVE.add(p.toHandle());
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
