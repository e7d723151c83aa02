package org.therapyops.ports;

import org.therapyops.reporting.Aggregate;
import org.therapyops.reporting.ArRead;
import org.therapyops.reporting.Contribution;
import org.therapyops.reporting.WorkItem;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The reporting table: per practice, a fact per source item (what reporting knows of it and what it last contributed),
 * the aggregates and the worklists. Every change of a fact and the difference it makes to the aggregates and worklists
 * are written together, or not at all.
 */
public interface ReportingStore {

    /** What is kept of one source item: its parts (versions and the state its contribution depends on) and its contribution. */
    record Fact(Map<String, String> parts, Contribution contribution) {
        public static final Fact NONE = new Fact(Map.of(), Contribution.NONE);

        public Fact {
            parts = Map.copyOf(parts);
        }

        public boolean isNone() {
            return parts.isEmpty() && contribution.cells().isEmpty() && contribution.work().isEmpty();
        }
    }

    /**
     * Reads the fact ({@link Fact#NONE} when there is none), asks {@code next} for its successor (null: nothing to
     * change), and writes the successor with the difference of the two contributions applied to the aggregates and the
     * worklists in one transaction, conditional on the fact being as read; a concurrent change is read again and retried.
     *
     * @return whether anything was written
     */
    boolean update(String practiceId, String factKey, UnaryOperator<Fact> next);

    /** One change of a fact, as {@link #update} takes it. */
    record Change(String factKey, UnaryOperator<Fact> next) {
    }

    /**
     * Applies changes of one practice's facts in order (several of one fact one after the other) and writes the facts
     * that changed with the sum of their differences: what {@link #update} would write one change at a time, in fewer
     * writes, each aggregate and work item once however many facts change it. Every fact written is conditional on
     * the fact as read; when one changed meanwhile, the changes not yet written are read and applied again (as with
     * {@link #update}, a change must leave a fact it already made alone).
     *
     * @return how many facts changed
     */
    default int updateAll(String practiceId, List<Change> changes) {
        java.util.Set<String> changed = new java.util.HashSet<>();
        for (Change c : changes) {
            if (update(practiceId, c.factKey(), c.next())) {
                changed.add(c.factKey());
            }
        }
        return changed.size();
    }

    /** The aggregates and work items a report reads. */
    record Snapshot(Map<Aggregate, Map<String, BigDecimal>> aggregates, List<WorkItem> work) {
    }

    /**
     * Reads the aggregates of these kinds (of a dated kind, the days from {@code from} to {@code to}; of an undated one,
     * its one aggregate), the open A/R when {@code ar} is given (else none), and the work items when {@code work}.
     */
    Snapshot read(String practiceId, Set<Aggregate.Kind> dayKinds, LocalDate from, LocalDate to, ArRead ar, boolean work);

    /** Records that the practice has reports (idempotent), so that scheduled runs find it. */
    void register(String practiceId);

    /** Every practice registered. */
    List<String> practices();

    /**
     * Removes the counters of the practice's undated aggregates (its open work by kind and day, its open A/R in total)
     * that count nothing any more, and returns how many it removed. An added amount that cancels out leaves its counter
     * at zero, and each day on which some work item was open adds counters of its own, so without this those two items
     * would grow for as long as the practice works, and every change written to them would cost more. A counter changed
     * since it was read stays.
     */
    int compact(String practiceId);

    /** Deletes everything kept of the practice: its facts, aggregates and worklists (a backfill then starts from nothing). */
    void clear(String practiceId);
}
