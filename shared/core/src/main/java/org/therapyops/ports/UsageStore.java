package org.therapyops.ports;

import org.therapyops.metering.Usage;

import java.time.YearMonth;
import java.util.Map;

/** The usage table: per practice, month and workflow step, what the deployment used, added up as it is metered. */
public interface UsageStore {

    /**
     * Adds this usage to the practice's month and step, and {@code meter} (what the meter's own earlier writes used) to
     * its {@value #METER_STEP} step, in one write (atomically, whoever else adds at the same time).
     */
    void add(String practiceId, YearMonth month, String step, Usage usage, Usage meter);

    /** The practice's usage of the month, by step; the meter's own under {@value #METER_STEP}. */
    Map<String, Usage> read(String practiceId, YearMonth month);

    /** The step the meter's own writes are counted under. */
    String METER_STEP = "meter";

    /** A store that keeps nothing (no usage table configured: tests, tools). */
    UsageStore NONE = new UsageStore() {
        @Override
        public void add(String practiceId, YearMonth month, String step, Usage usage, Usage meter) {
        }

        @Override
        public Map<String, Usage> read(String practiceId, YearMonth month) {
            return Map.of();
        }
    };
}
