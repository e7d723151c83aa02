package org.therapyops.localcloud;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A deployed function: a fixed pool of instances (process + Runtime API each); invocations wait for a free one, so
 * with one instance they are serialized as with reserved concurrency 1. Timeouts and exits restart the process.
 */
public final class LambdaFunction implements AutoCloseable {

    /** Everything needed to run a function, resolved from the template. */
    public record Config(String logicalId, String functionName, Path artifact, String handler, int memoryMb,
                         int timeoutSeconds, Map<String, String> environment, Path runtimeClasspath, Path logDir,
                         int instances) {
    }

    private static final Duration INIT_LIMIT = Duration.ofSeconds(120);

    private final Config config;
    private final PrintStream console;
    private final java.util.function.IntFunction<java.net.URI> endpoints;
    private final FaultInjector faults;
    private final boolean classDataArchives;
    private final List<Instance> instances = new ArrayList<>();
    private final BlockingQueue<Instance> idle = new LinkedBlockingQueue<>();
    private final AtomicLong invocations = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong restarts = new AtomicLong();
    private volatile boolean closing;
    private volatile CloudUsage usage;

    public LambdaFunction(Config config, PrintStream console) {
        this(config, console, null, null, false);
    }

    /**
     * {@code endpoints}: each instance's AWS endpoint (its own port of the function's IAM gate, so the gate knows which
     * process made a call), null for the config's; {@code faults}: where crashes are armed, null for none;
     * {@code classDataArchives}: whether its processes use (or train) their jar's class-data archive.
     */
    LambdaFunction(Config config, PrintStream console, java.util.function.IntFunction<java.net.URI> endpoints, FaultInjector faults,
                   boolean classDataArchives) {
        this.config = config;
        this.console = console;
        this.endpoints = endpoints;
        this.faults = faults;
        this.classDataArchives = classDataArchives;
    }

    public Config config() {
        return config;
    }

    public String arn() {
        return ResourceProvisioner.functionArn(config.functionName());
    }

    /**
     * Counts this function's invocations, their billed durations (rounded up to the millisecond) × memory, and each
     * process's init × memory in {@code usage}, as Lambda bills them.
     */
    public void meter(CloudUsage usage) {
        this.usage = usage;
    }

    /** Spawns every instance (does not wait). */
    public void start() {
        for (int i = 0; i < Math.max(1, config.instances()); i++) {
            Instance instance = new Instance(i);
            instances.add(instance);
            instance.spawn();
            idle.add(instance);
        }
    }

    /** Waits until every instance has finished init; fails naming the function and its log otherwise. */
    public void awaitReady(Duration max) {
        for (Instance instance : instances) {
            instance.awaitReady(max);
        }
    }

    /** Invokes synchronously (waits for a free instance); never throws for function failures. */
    public InvocationResult invoke(byte[] event) {
        return invoke(event, false);
    }

    /**
     * Invokes synchronously; {@code crashAfterFirstWrite}: the instance's process is killed right after the
     * invocation's first AWS write went through (a fault the local cloud injects; needs the IAM gate).
     */
    public InvocationResult invoke(byte[] event, boolean crashAfterFirstWrite) {
        try (Lease lease = acquire(false)) {
            return lease == null ? InvocationResult.error("none", "Runtime.Unavailable", "interrupted")
                    : lease.invoke(event, crashAfterFirstWrite);
        }
    }

    /**
     * Takes a free instance for one invocation, waiting for one; with {@code ready}, also until its process has
     * finished init (so that a poller receives messages only when it can hand them over at once). Null when
     * interrupted. Close it to give the instance back.
     */
    Lease acquire(boolean ready) {
        Instance instance;
        try {
            instance = idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        if (ready) {
            instance.awaitReadyQuietly();
        }
        return new Lease(instance);
    }

    /** One instance taken for an invocation. */
    final class Lease implements AutoCloseable {
        private Instance instance;

        private Lease(Instance instance) {
            this.instance = instance;
        }

        InvocationResult invoke(byte[] event, boolean crashAfterFirstWrite) {
            invocations.incrementAndGet();
            InvocationResult result = instance.invoke(event, crashAfterFirstWrite);
            if (!result.success()) {
                errors.incrementAndGet();
            }
            return result;
        }

        @Override
        public void close() {
            if (instance != null) {
                idle.add(instance);
                instance = null;
            }
        }
    }

    /** How many instances the function runs. */
    public int instanceCount() {
        return Math.max(1, config.instances());
    }

    public Status.FunctionStatus status() {
        List<Long> pids = new ArrayList<>();
        List<Long> inits = new ArrayList<>();
        boolean ready = !instances.isEmpty();
        for (Instance i : instances) {
            FunctionProcess p = i.process;
            if (p != null) {
                pids.add(p.pid());
            }
            ready &= i.ready.isDone() && !i.ready.isCompletedExceptionally();
            inits.addAll(i.initDurationsMs);
        }
        return new Status.FunctionStatus(config.logicalId(), config.functionName(), ready, pids, inits,
                invocations.get(), errors.get(), restarts.get());
    }

    public Path logFile() {
        return config.logDir().resolve(config.logicalId() + ".log");
    }

    @Override
    public void close() {
        closing = true;
        together(instances.stream().map(i -> (Runnable) i::close).toList());
    }

    /** Runs each at once on a thread of its own and waits for all: a training start may take seconds to write its archive. */
    static void together(List<Runnable> closes) {
        List<Thread> threads = closes.stream().map(c -> new Thread(c, "close")).toList();
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** One process and the Runtime API server it talks to. */
    private final class Instance {
        private final int index;
        private final RuntimeApiServer api;
        private final List<Long> initDurationsMs = new CopyOnWriteArrayList<>();
        private volatile FunctionProcess process;
        /** A training start being stopped on purpose: its exit is no crash. */
        private volatile FunctionProcess retiring;
        private volatile CompletableFuture<Void> ready = new CompletableFuture<>();

        Instance(int index) {
            this.index = index;
            this.api = new RuntimeApiServer(arn());
            api.onDuration(nanos -> {
                CloudUsage u = usage;
                if (u != null) {
                    u.add(config.logicalId(), "lambdaRequests", 1);
                    u.add(config.logicalId(), "lambdaGbSeconds", CloudUsage.gbSeconds((nanos + 999_999) / 1_000_000, config.memoryMb()));
                }
            });
        }

        private String label() {
            return config.logicalId() + (config.instances() > 1 ? "#" + index : "");
        }

        void spawn() {
            spawn(new CompletableFuture<>());
        }

        /** Starts a process; {@code readyNow} completes when it (or, after a training start, its successor) is ready. */
        private void spawn(CompletableFuture<Void> readyNow) {
            ready = readyNow;
            Map<String, String> env = new LinkedHashMap<>(config.environment());
            env.put("AWS_LAMBDA_RUNTIME_API", api.address());
            if (endpoints != null) {
                env.put("AWS_ENDPOINT_URL", endpoints.apply(index).toString());
            }
            boolean afterTraining = retiring != null && retiring == process;
            FunctionProcess p = FunctionProcess.start(label(), config.artifact(), config.handler(), env,
                    config.runtimeClasspath(), logFile(), console, classDataArchives);
            process = p;
            api.firstNext().thenAccept(nanos -> {
                p.markReady(nanos);
                long ms = p.initDuration().toMillis();
                initDurationsMs.add(ms);
                CloudUsage u = usage;
                if (u != null && !afterTraining) { // AWS has no such second start
                    u.add(config.logicalId(), "lambdaInitGbSeconds", CloudUsage.gbSeconds(ms, config.memoryMb()));
                }
                console.println("[local-cloud] " + label() + " ready: init " + ms + " ms (pid " + p.pid() + ", class-data archive: "
                        + p.classDataArchive() + ")");
                readyNow.complete(null);
            });
            api.initError().thenAccept(type -> readyNow.completeExceptionally(
                    new IllegalStateException(config.logicalId() + " failed its init (" + type + "); see " + logFile())));
            p.process().onExit().thenAccept(exited -> onExit(p, exited.exitValue()));
        }

        /**
         * A training start has answered its first event, so it has loaded the classes of init and of a first event: it
         * is stopped so that its JVM writes the jar's class-data archive, and the instance starts again with it (the
         * next invocation waits for that start; its init is not billed, as AWS has no such start).
         */
        private void endTraining(FunctionProcess p) {
            retiring = p;
            CompletableFuture<Void> readyNow = new CompletableFuture<>();
            ready = readyNow;
            console.println("[local-cloud] " + label() + " writes its jar's class-data archive after its first event (pid "
                    + p.pid() + "); starting again with it");
            Thread t = new Thread(() -> {
                p.close();
                p.exited().join();
                if (!closing) {
                    api.newProcess("Runtime.ExitError", "RequestId: process restarted before its first request");
                    spawn(readyNow);
                }
            }, "class-data-" + label());
            t.setDaemon(true);
            t.start();
        }

        private void onExit(FunctionProcess p, int code) {
            if (closing || process != p || retiring == p) {
                return;
            }
            boolean wasReady = ready.isDone() && !ready.isCompletedExceptionally();
            console.println("[local-cloud] " + label() + " process " + p.pid() + " exited (code " + code + "); restarting");
            ready.completeExceptionally(new IllegalStateException(config.logicalId() + " exited with code " + code
                    + " during init; see " + logFile()));
            api.newProcess("Runtime.ExitError", "RequestId: process exited before completing request (exit code " + code + ")");
            restarts.incrementAndGet();
            if (!wasReady) {
                // A crash during init would loop hot; AWS also backs off.
                sleep(1000);
            }
            if (!closing) {
                spawn();
            }
        }

        /** Waits (up to the init limit) for the current process to be ready; a failure is the invocation's to report. */
        void awaitReadyQuietly() {
            long deadline = System.nanoTime() + INIT_LIMIT.toNanos();
            while (!closing && System.nanoTime() < deadline) {
                try {
                    ready.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    return;
                } catch (ExecutionException initFailed) {
                    sleep(200); // a restart replaces the future
                } catch (TimeoutException e) {
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        void awaitReady(Duration max) {
            try {
                ready.get(max.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new IllegalStateException(config.logicalId() + " did not finish init within " + max.toSeconds()
                        + " s; see " + logFile());
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            }
        }

        InvocationResult invoke(byte[] event, boolean crashAfterFirstWrite) {
            // A restarting process gets its init time; the function's timeout starts once it is ready.
            long deadline = System.nanoTime() + INIT_LIMIT.toNanos();
            while (true) {
                CompletableFuture<Void> r = ready;
                try {
                    r.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    break;
                } catch (ExecutionException initFailed) {
                    if (System.nanoTime() > deadline || closing) {
                        return InvocationResult.error("none", "Runtime.Unavailable", initFailed.getCause().getMessage());
                    }
                    sleep(200);
                } catch (TimeoutException e) {
                    return InvocationResult.error("none", "Runtime.Unavailable", config.logicalId() + " is not ready");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return InvocationResult.error("none", "Runtime.Unavailable", "interrupted");
                }
            }
            Duration timeout = Duration.ofSeconds(config.timeoutSeconds());
            FunctionProcess running = process;
            if (crashAfterFirstWrite && faults != null && running != null) {
                faults.arm(config.logicalId(), index, () -> crash(running));
            }
            CompletableFuture<InvocationResult> future = api.invoke(event, timeout);
            try {
                InvocationResult result = future.get(timeout.toMillis() + 100, TimeUnit.MILLISECONDS);
                if (running != null && running.trainsClassDataArchive() && running == process && running.isAlive()) {
                    endTraining(running);
                }
                return result;
            } catch (TimeoutException e) {
                String message = "Task timed out after " + config.timeoutSeconds() + ".00 seconds";
                api.failInFlight("Sandbox.Timedout", message);
                future.complete(InvocationResult.error("timeout", "Sandbox.Timedout", message));
                console.println("[local-cloud] " + label() + " timed out after " + config.timeoutSeconds() + " s; restarting");
                FunctionProcess p = process;
                if (p != null) {
                    p.close(); // onExit restarts it
                }
                return future.join();
            } catch (ExecutionException | InterruptedException e) {
                return InvocationResult.error("none", "Runtime.Unavailable", String.valueOf(e));
            } finally {
                if (faults != null) {
                    faults.disarm(config.logicalId(), index);
                }
            }
        }

        /** The injected crash: SIGKILL, as an out-of-memory kill or a hardware fault would end it; onExit restarts it. */
        private void crash(FunctionProcess p) {
            console.println("[local-cloud] fault: killing " + label() + " (pid " + p.pid() + ") after its first write");
            p.kill();
        }

        void close() {
            FunctionProcess p = process;
            if (p != null) {
                p.close();
            }
            api.close();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
