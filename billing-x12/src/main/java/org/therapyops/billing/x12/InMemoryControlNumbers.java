package org.therapyops.billing.x12;

import org.therapyops.ports.ControlNumbers;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Control numbers held in memory: for tests and single-process tools. Thread-safe. */
public final class InMemoryControlNumbers implements ControlNumbers {

    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();

    @Override
    public long next(String practiceId, Kind kind) {
        long n = counters.computeIfAbsent(practiceId + '#' + kind, k -> new AtomicLong()).incrementAndGet();
        if (n > MAX) {
            throw new IllegalStateException("control numbers exhausted for " + kind);
        }
        return n;
    }
}
