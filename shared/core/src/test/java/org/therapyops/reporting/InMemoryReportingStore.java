package org.therapyops.reporting;

import org.therapyops.ports.ReportingStore;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/** The reporting table in memory, applying each fact's delta as the DynamoDB store does (for core tests). */
public final class InMemoryReportingStore implements ReportingStore {

    private final Map<String, Map<String, Fact>> facts = new HashMap<>();
    private final Map<String, Map<Aggregate, Map<String, BigDecimal>>> aggregates = new HashMap<>();
    private final Map<String, Map<String, WorkItem>> work = new HashMap<>();
    private final Set<String> practices = new LinkedHashSet<>();
    public int writes;

    @Override
    public synchronized boolean update(String practiceId, String factKey, UnaryOperator<Fact> next) {
        Map<String, Fact> byKey = facts.computeIfAbsent(practiceId, k -> new HashMap<>());
        Fact current = byKey.getOrDefault(factKey, Fact.NONE);
        Fact successor = next.apply(current);
        if (successor == null) {
            return false;
        }
        Contribution.Delta delta = successor.contribution().minus(current.contribution());
        Map<Aggregate, Map<String, BigDecimal>> aggs = aggregates.computeIfAbsent(practiceId, k -> new HashMap<>());
        delta.cells().forEach((cell, v) -> aggs.computeIfAbsent(cell.aggregate(), a -> new TreeMap<>())
                .merge(cell.counter(), v, BigDecimal::add));
        Map<String, WorkItem> items = work.computeIfAbsent(practiceId, k -> new TreeMap<>());
        delta.removedWork().forEach(items::remove);
        items.putAll(delta.putWork());
        byKey.put(factKey, successor);
        writes++;
        return true;
    }

    @Override
    public synchronized Snapshot read(String practiceId, Set<Aggregate.Kind> dayKinds, LocalDate from, LocalDate to,
                                      ArRead ar, boolean withWork) {
        Map<Aggregate, Map<String, BigDecimal>> result = new HashMap<>();
        aggregates.getOrDefault(practiceId, Map.of()).forEach((a, counters) -> {
            boolean day = dayKinds.contains(a.kind()) && (!a.kind().dated() || a.kind().readWhole()
                    || !a.day().isBefore(from) && !a.day().isAfter(to));
            boolean open = ar != null && (a.kind() == Aggregate.Kind.AR_TOTAL
                    || a.kind() == Aggregate.Kind.AR_DAY && !a.day().isBefore(ar.from()));
            if (day) {
                result.put(a, Map.copyOf(counters));
            } else if (open) {
                Map<String, BigDecimal> read = new TreeMap<>(counters);
                if (!ar.byPayer()) { // as the DynamoDB store projects
                    read.keySet().removeIf(counter -> Metric.parse(counter).value() != null);
                }
                result.put(a, read);
            }
        });
        List<WorkItem> items = withWork ? new ArrayList<>(work.getOrDefault(practiceId, Map.of()).values()) : List.of();
        return new Snapshot(result, items);
    }

    /** Every aggregate of the practice (zero counters dropped), for comparisons. */
    public synchronized Map<Aggregate, Map<String, BigDecimal>> aggregates(String practiceId) {
        Map<Aggregate, Map<String, BigDecimal>> result = new TreeMap<>(java.util.Comparator.comparing(Aggregate::key));
        aggregates.getOrDefault(practiceId, Map.of()).forEach((a, counters) -> {
            Map<String, BigDecimal> nonZero = new TreeMap<>();
            counters.forEach((k, v) -> {
                if (v.signum() != 0) {
                    nonZero.put(k, v.stripTrailingZeros());
                }
            });
            if (!nonZero.isEmpty()) {
                result.put(a, nonZero);
            }
        });
        return result;
    }

    public synchronized Map<String, WorkItem> work(String practiceId) {
        return Map.copyOf(work.getOrDefault(practiceId, Map.of()));
    }

    @Override
    public synchronized void register(String practiceId) {
        practices.add(practiceId);
    }

    @Override
    public synchronized List<String> practices() {
        return List.copyOf(practices);
    }

    @Override
    public synchronized int compact(String practiceId) {
        int removed = 0;
        for (Map.Entry<Aggregate, Map<String, BigDecimal>> a : aggregates.getOrDefault(practiceId, Map.of()).entrySet()) {
            if (a.getKey().kind().compacted()) {
                int before = a.getValue().size();
                a.getValue().values().removeIf(v -> v.signum() == 0);
                removed += before - a.getValue().size();
            }
        }
        return removed;
    }

    @Override
    public synchronized void clear(String practiceId) {
        facts.remove(practiceId);
        aggregates.remove(practiceId);
        work.remove(practiceId);
    }
}
