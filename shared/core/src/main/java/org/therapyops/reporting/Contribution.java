package org.therapyops.reporting;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one source item adds to its practice's aggregates (an amount per cell) and worklists (the items it keeps open),
 * as a pure function of the item's current state. The reporting keeps each item's last contribution and applies only
 * the difference to the next one ({@link #minus}), so that the same state seen twice changes nothing.
 */
public record Contribution(Map<Cell, BigDecimal> cells, Map<String, WorkItem> work) {

    public static final Contribution NONE = new Contribution(Map.of(), Map.of());

    public Contribution {
        cells = Collections.unmodifiableMap(new LinkedHashMap<>(cells));
        work = Collections.unmodifiableMap(new LinkedHashMap<>(work));
    }

    /** What turns {@code before} into this: per-cell differences (zero ones left out), work items gone and new or changed. */
    public Delta minus(Contribution before) {
        Map<Cell, BigDecimal> changes = new LinkedHashMap<>();
        cells.forEach((cell, amount) -> changes.merge(cell, amount, BigDecimal::add));
        before.cells.forEach((cell, amount) -> changes.merge(cell, amount.negate(), BigDecimal::add));
        changes.values().removeIf(v -> v.signum() == 0);
        Set<String> removed = new HashSet<>(before.work.keySet());
        removed.removeAll(work.keySet());
        Map<String, WorkItem> put = new LinkedHashMap<>();
        work.forEach((key, item) -> {
            if (!item.equals(before.work.get(key))) {
                put.put(key, item);
            }
        });
        return new Delta(changes, Set.copyOf(removed), put);
    }

    /** The difference between two contributions, as it is applied to the aggregates and worklists. */
    public record Delta(Map<Cell, BigDecimal> cells, Set<String> removedWork, Map<String, WorkItem> putWork) {

        public boolean isEmpty() {
            return cells.isEmpty() && removedWork.isEmpty() && putWork.isEmpty();
        }

        /** The cells' changes by aggregate, in key order. */
        public Map<Aggregate, Map<String, BigDecimal>> byAggregate() {
            Map<Aggregate, Map<String, BigDecimal>> result = new TreeMap<>(java.util.Comparator.comparing(Aggregate::key));
            cells.forEach((cell, v) -> result.computeIfAbsent(cell.aggregate(), a -> new TreeMap<>()).put(cell.counter(), v));
            return result;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects cells (amounts added up per cell, zeros dropped) and work items. */
    public static final class Builder {
        private final Map<Cell, BigDecimal> cells = new HashMap<>();
        private final Map<String, WorkItem> work = new HashMap<>();

        public Builder add(Aggregate aggregate, String counter, BigDecimal amount) {
            Objects.requireNonNull(amount, "amount");
            if (amount.signum() != 0) {
                cells.merge(new Cell(aggregate, counter), amount, BigDecimal::add);
            }
            return this;
        }

        public Builder add(Aggregate.Kind kind, LocalDate day, String counter, BigDecimal amount) {
            return add(new Aggregate(kind, day), counter, amount);
        }

        /** The metric on the day's totals and by payer and by provider. */
        public Builder addByPayerAndProvider(LocalDate day, String metric, String payerId, String providerId, BigDecimal amount) {
            add(Aggregate.Kind.DAY_TOTAL, day, metric, amount);
            add(Aggregate.Kind.DAY_PAYER, day, Metric.by(metric, payerId), amount);
            return add(Aggregate.Kind.DAY_PROVIDER, day, Metric.by(metric, providerId), amount);
        }

        public Builder work(WorkItem item) {
            work.put(item.key(), item);
            return this;
        }

        /** The contribution, with its work items also counted (and their amounts summed) by kind and day in {@link Aggregate#work}. */
        public Contribution build() {
            Map<Cell, BigDecimal> all = new HashMap<>(cells);
            for (WorkItem w : work.values()) {
                String value = Metric.workValue(w.kind(), w.since());
                Aggregate month = Aggregate.work(w.since());
                all.merge(new Cell(month, Metric.by(Metric.WORK_COUNT, value)), BigDecimal.ONE, BigDecimal::add);
                if (w.amount() != null) {
                    all.merge(new Cell(month, Metric.by(Metric.WORK_AMOUNT, value)), w.amount(), BigDecimal::add);
                }
            }
            all.values().removeIf(v -> v.signum() == 0);
            return new Contribution(all, work);
        }
    }

    /** Every cell key and work key, sorted: for tests and logs (no amounts). */
    public List<String> describe() {
        List<String> keys = new java.util.ArrayList<>();
        cells.keySet().forEach(c -> keys.add(c.aggregate().key() + " " + c.counter()));
        keys.addAll(work.keySet());
        Collections.sort(keys);
        return keys;
    }
}
