package org.therapyops.metering;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one invocation of a function used, by practice: each record processed for a practice (a stream record, a queue
 * message, an HTTP request) makes it the current practice and counts once towards its share; every request to AWS is
 * recorded for the current practice, or as unassigned before there is one. When the invocation ends,
 * {@link #split} divides the invocation itself (its request and GB-seconds) and the unassigned usage among the
 * practices in proportion to their records; an invocation that served none is the {@value #SHARED} practice's.
 */
public final class InvocationMeter {

    /** The pseudo-practice of usage no practice caused: cold starts, scans over every practice, empty runs. */
    public static final String SHARED = "_shared";

    private final Map<String, Usage> byPractice = new LinkedHashMap<>();
    private final Map<String, Integer> records = new LinkedHashMap<>();
    private Usage unassigned = Usage.NONE;
    private String current;

    /** A record of this practice is processed now: what follows is its usage. */
    public synchronized void practice(String practiceId) {
        if (practiceId == null || practiceId.isBlank()) {
            current = null;
            return;
        }
        current = practiceId;
        records.merge(practiceId, 1, Integer::sum);
        byPractice.putIfAbsent(practiceId, Usage.NONE);
    }

    /** No practice's record is processed now (between records). */
    public synchronized void noPractice() {
        current = null;
    }

    public synchronized void record(UsageItem item, BigDecimal quantity) {
        if (current == null) {
            unassigned = unassigned.plus(item, quantity);
        } else {
            byPractice.merge(current, Usage.of(item, quantity), Usage::plus);
        }
    }

    /** Whether nothing was recorded and no practice was served. */
    public synchronized boolean isEmpty() {
        return unassigned.isEmpty() && records.isEmpty();
    }

    /**
     * The usage by practice, the invocation included: one Lambda request and {@code billedMillis × memoryMb} MB-ms of
     * duration, which with the unassigned usage are shared among the practices by their records.
     */
    public synchronized Map<String, Usage> split(long billedMillis, int memoryMb) {
        Usage invocation = invocation(billedMillis, memoryMb).plus(unassigned);
        Map<String, Usage> result = new LinkedHashMap<>();
        if (records.isEmpty()) {
            result.put(SHARED, invocation);
            return result;
        }
        long all = records.values().stream().mapToInt(Integer::intValue).sum();
        byPractice.forEach((p, usage) -> {
            Integer n = records.get(p);
            Usage own = n == null ? usage : usage.plus(invocation.share(n, all));
            if (!own.isEmpty()) {
                result.put(p, own);
            }
        });
        return result;
    }

    /** The usage of the invocation itself: one request, and its billed duration × memory in GB-seconds. */
    public static Usage invocation(long billedMillis, int memoryMb) {
        return Usage.of(UsageItem.LAMBDA_REQUESTS, BigDecimal.ONE).plus(UsageItem.LAMBDA_GB_SECONDS, gbSeconds(billedMillis, memoryMb));
    }

    /** Milliseconds × MB as GB-seconds (1 GB = 1024 MB, as Lambda counts it): exact. */
    public static BigDecimal gbSeconds(long millis, int memoryMb) {
        return BigDecimal.valueOf(millis).multiply(BigDecimal.valueOf(memoryMb)).divide(BigDecimal.valueOf(1_024_000))
                .stripTrailingZeros();
    }

    /** Everything recorded so far, by practice (unassigned usage under null), without the invocation itself. */
    public synchronized Map<String, Usage> recorded() {
        Map<String, Usage> result = new LinkedHashMap<>(byPractice);
        if (!unassigned.isEmpty()) {
            result.put(null, unassigned);
        }
        return result;
    }
}
