package org.therapyops.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.therapyops.metering.InvocationMeter;
import org.therapyops.metering.Usage;
import org.therapyops.metering.UsageItem;
import org.therapyops.ports.UsageStore;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The cost meter of a function: {@link #invoke} runs one invocation, during which {@link #INTERCEPTOR} (on every AWS
 * client the shared wiring builds) records each request for the practice whose record is being processed
 * ({@link #practice}); at the end the invocation's billed duration × memory is added, the whole divided among the
 * practices it served ({@link InvocationMeter#split}), and written to the usage table by practice, UTC month and step.
 * What those writes use is known only once they are done: it rides along with the practice's next write, as the step
 * {@value #METER_STEP}, so the meter costs no write of its own (but when a practice's meter usage has waited
 * {@link #OVERHEAD_WAIT} for one; what an environment still holds when it ends is lost, at most a few units).
 *
 * <p>Lambda runs one invocation at a time per execution environment, so the meter is the process's, not a thread's.
 * Metering never fails an invocation: a write that fails is logged (ids only) and tried again with the next one.
 */
public final class Metering {

    static final String METER_STEP = UsageStore.METER_STEP;
    private static final Logger LOG = LoggerFactory.getLogger(Metering.class);

    /** Records every AWS request of the clients it is added to; see {@link MeteringInterceptor}. */
    public static final ExecutionInterceptor INTERCEPTOR = new MeteringInterceptor();

    private static volatile InvocationMeter current = new InvocationMeter();
    private static final Map<String, Map<String, Usage>> pending = new LinkedHashMap<>(); // practice → step → usage
    private static final Map<String, Usage> overhead = new LinkedHashMap<>(); // practice → what its meter writes used
    private static final Map<String, Instant> overheadSince = new LinkedHashMap<>();
    /** How long the meter's own usage of a practice waits for the practice's next write before it is written alone. */
    static final Duration OVERHEAD_WAIT = Duration.ofMinutes(5);
    static Clock clock = Clock.systemUTC();

    private Metering() {
    }

    /** The invocation's records from now on are this practice's (null or blank: no practice's). */
    public static void practice(String practiceId) {
        current.practice(practiceId);
    }

    /** Between two records: what follows is no practice's until the next {@link #practice}. */
    public static void noPractice() {
        current.noPractice();
    }

    static void record(UsageItem item, BigDecimal quantity) {
        current.record(item, quantity);
    }

    /** A handler behind the HTTP API: the requests AWS bills for the one it answers (one per started 512 KB). */
    public static void httpApiRequests(long requests) {
        current.record(UsageItem.HTTP_API_REQUESTS, BigDecimal.valueOf(requests));
    }

    /**
     * Runs one invocation of the function's {@code step} and meters it: the requests it makes and its billed duration
     * (from entering this method to leaving it, rounded up to the millisecond) × the function's memory. (A process's
     * init, which Lambda bills too, is not seen from here: the local cloud counts it.)
     */
    public static synchronized <O> O invoke(String step, Context context, UsageStore store, Supplier<O> work) {
        long started = System.nanoTime();
        InvocationMeter outside = current; // since the last invocation: the meter's writes, requests made at init
        current = new InvocationMeter();
        try {
            return work.get();
        } finally {
            InvocationMeter meter = current;
            long billed = Math.max(1, (System.nanoTime() - started + 999_999) / 1_000_000);
            current = new InvocationMeter(); // the meter's own writes, carried by the next invocation
            try {
                flush(step, meter.split(billed, memory(context)), outside, store);
            } catch (RuntimeException e) {
                LOG.warn("usage not metered for {}: {}", step, e.getClass().getSimpleName());
            }
        }
    }

    /**
     * Writes what is pending: one UpdateItem per practice and step, the practice's share of the meter's own earlier
     * writes riding along with its first step (so that metering adds no write of its own).
     */
    private static void flush(String step, Map<String, Usage> invocation, InvocationMeter outside, UsageStore store) {
        invocation.forEach((practice, usage) -> add(practice, step, usage));
        outside.recorded().forEach((practice, usage) -> {
            if (practice == null) {
                add(InvocationMeter.SHARED, step, usage); // requests made outside any invocation: at init
            } else {
                overhead.merge(practice, usage, Usage::plus);
                overheadSince.putIfAbsent(practice, clock.instant());
            }
        });
        YearMonth month = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        java.util.Set<String> practices = new java.util.LinkedHashSet<>(pending.keySet());
        practices.addAll(overhead.keySet());
        for (String practice : practices) {
            Map<String, Usage> steps = pending.getOrDefault(practice, new LinkedHashMap<>());
            if (steps.isEmpty()) {
                // Only the meter's own usage is left for this practice: it waits to ride along with the practice's next
                // write, unless it has waited long (this environment may not see the practice again before it ends).
                Instant since = overheadSince.get(practice);
                if (since != null && Duration.between(since, clock.instant()).compareTo(OVERHEAD_WAIT) < 0) {
                    continue;
                }
                steps.put(METER_STEP, Usage.NONE);
            }
            current.practice(practice);
            var it = steps.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<String, Usage> s = it.next();
                Usage own = overhead.getOrDefault(practice, Usage.NONE);
                try {
                    store.add(practice, month, s.getKey(), s.getValue(), own);
                    overhead.remove(practice);
                    overheadSince.remove(practice);
                    it.remove();
                } catch (RuntimeException e) {
                    LOG.warn("usage of step {} not written yet: {}", s.getKey(), e.getClass().getSimpleName());
                }
            }
            if (steps.isEmpty()) {
                pending.remove(practice);
            } else {
                pending.put(practice, steps);
            }
        }
        current.noPractice();
    }

    private static void add(String practice, String step, Usage usage) {
        if (!usage.isEmpty()) {
            pending.computeIfAbsent(practice, p -> new LinkedHashMap<>()).merge(step, usage, Usage::plus);
        }
    }

    /** The function's memory in MB when no Lambda context gives it (tests set another). */
    static java.util.function.IntSupplier environmentMemory = Metering::memoryFromEnvironment;

    private static int memory(Context context) {
        if (context != null && context.getMemoryLimitInMB() > 0) {
            return context.getMemoryLimitInMB();
        }
        return environmentMemory.getAsInt();
    }

    /** AWS_LAMBDA_FUNCTION_MEMORY_SIZE, which Lambda (and the local cloud) sets; 0 without it. */
    private static int memoryFromEnvironment() {
        String env = System.getenv("AWS_LAMBDA_FUNCTION_MEMORY_SIZE");
        try {
            return env == null ? 0 : Integer.parseInt(env.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** For tests: forget everything metered and not yet written. */
    static synchronized void reset() {
        current = new InvocationMeter();
        pending.clear();
        overhead.clear();
        overheadSince.clear();
    }
}
