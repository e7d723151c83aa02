package org.therapyops.localcloud;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One run's faults in action: draws each decision from the seed, arms and fires crashes, and counts everything
 * injected by kind and function for /_local/status.
 *
 * <p>Draws are reproducible per injection point: the n-th draw at a point (say, the gate of ApiFunction's DynamoDB
 * calls) is the same for the same seed. How concurrent calls interleave is not, so neither is which call gets it.
 */
final class FaultInjector {

    /** Names of the counters, as /_local/status shows them. */
    static final String DUPLICATE_BATCH = "duplicateStreamBatch";
    static final String DUPLICATE_MESSAGE = "duplicateSqsMessage";
    static final String SHUFFLED_BATCH = "shuffledSqsBatch";
    static final String CRASH = "crash";
    static final String THROTTLE = "throttle";
    static final String ERROR = "error500";
    static final String TIMEOUT = "timeout";
    static final String LATENCY = "latency";
    static final String LOST = "lostAnswer";

    /** What the gate does to one call: a kind, and for latency and timeouts how long it holds the call. */
    record GateFault(String kind, long delayMs) {
    }

    private final Faults faults;
    private final Map<String, AtomicLong> draws = new ConcurrentHashMap<>();
    private final Map<String, Runnable> armed = new ConcurrentHashMap<>();
    private final Map<String, Map<String, AtomicLong>> injected = new ConcurrentHashMap<>();

    FaultInjector(Faults faults) {
        this.faults = faults;
    }

    Faults faults() {
        return faults;
    }

    /** The next number in [0, 1) of an injection point's sequence. */
    double draw(String point) {
        long n = draws.computeIfAbsent(point, k -> new AtomicLong()).getAndIncrement();
        long z = faults.seed() * 0x9E3779B97F4A7C15L + point.hashCode() * 0xBF58476D1CE4E5B9L + n * 0x94D049BB133111EBL;
        // SplitMix64's finalizer: neighbouring inputs give unrelated outputs.
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }

    /** A generator for one point's shuffles and delays, seeded from the run's seed. */
    Random random(String point) {
        return new Random(faults.seed() * 31 + point.hashCode());
    }

    void count(String kind, String function) {
        injected.computeIfAbsent(kind, k -> new ConcurrentHashMap<>()).computeIfAbsent(function, f -> new AtomicLong()).incrementAndGet();
    }

    /** Whether this first delivery of a batch to the function is one to crash after its first write. */
    boolean crashBatch(String function) {
        return faults.crashRate() > 0 && draw("crash/" + function) < faults.crashRate();
    }

    /** Arms a crash for the invocation an instance is starting; {@code kill} kills its process. */
    void arm(String function, int instance, Runnable kill) {
        armed.put(function + "#" + instance, kill);
    }

    void disarm(String function, int instance) {
        armed.remove(function + "#" + instance);
    }

    /** After a write of an instance went through: the kill to run now when its invocation is armed (once), else null. */
    Runnable afterWrite(String function, int instance) {
        Runnable kill = armed.remove(function + "#" + instance);
        if (kill != null) {
            count(CRASH, function);
        }
        return kill;
    }

    /** What to do to one AWS call of a function to a service; null for nothing. Counted here. */
    GateFault atGate(String function, String service) {
        Faults.Rates r = faults.rates(service);
        if (service == null || !r.any()) {
            return null;
        }
        double u = draw("gate/" + function + "/" + service);
        GateFault f = null;
        if (u < r.throttle()) {
            f = new GateFault(THROTTLE, 0);
        } else if (u < r.throttle() + r.error()) {
            f = new GateFault(ERROR, 0);
        } else if (u < r.throttle() + r.error() + r.timeout()) {
            f = new GateFault(TIMEOUT, faults.sdkTimeout().toMillis() + 500);
        } else if (u < r.throttle() + r.error() + r.timeout() + r.latency()) {
            f = new GateFault(LATENCY, 1 + (long) (draw("latency/" + function) * faults.latencyMax().toMillis()));
        } else if (u < r.throttle() + r.error() + r.timeout() + r.latency() + r.lost()) {
            f = new GateFault(LOST, 0);
        }
        if (f != null) {
            count(f.kind(), function);
        }
        return f;
    }

    /** Counts by kind, then function (sorted), and their total. */
    Status.FaultsStatus status(double timeScale) {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        long total = 0;
        for (Map.Entry<String, Map<String, AtomicLong>> kind : injected.entrySet()) {
            Map<String, Long> byFunction = new TreeMap<>();
            for (Map.Entry<String, AtomicLong> f : kind.getValue().entrySet()) {
                byFunction.put(f.getKey(), f.getValue().get());
                total += f.getValue().get();
            }
            out.put(kind.getKey(), byFunction);
        }
        return new Status.FaultsStatus(faults.any(), faults.describe(), timeScale, out, total);
    }
}
