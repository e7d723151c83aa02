package org.therapyops.dynamodb;

import org.therapyops.ports.ReportingStore;
import org.therapyops.reporting.Aggregate;
import org.therapyops.reporting.ArRead;
import org.therapyops.reporting.Cell;
import org.therapyops.reporting.Contribution;
import org.therapyops.reporting.Metric;
import org.therapyops.reporting.WorkItem;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * {@link ReportingStore} on the Reporting table. Every key starts with the practice: {@code <practice>#FACT} holds a
 * fact per source item ({@code sk} CLAIM#…, POSTING#…, SESSION#…, NOTE#…, AUTH#…: its parts, the cells and work items
 * it contributes in one deflated attribute, a revision); the aggregates (one number attribute per counter) have a
 * partition per kind, so that a report's query of one kind never passes the others' items: {@code <practice>#AGG#T} ({@code sk} T# and a date),
 * {@code #AGG#P}, {@code #AGG#V}, {@code #AGG#C} likewise, {@code #AGG#AR} (AR#D# and a date, AR#TOTAL) and
 * {@code #AGG#W} (W# and a month's first day: the open work items that became open that month, counted by kind and
 * day); {@code <practice>#WORK} holds the open work
 * items ({@code sk} kind#since#id), and {@code <practice>#META} the practice's registration (in the sparse
 * {@value #BY_REGISTRY} index).
 *
 * <p>A fact's change is one transaction: the fact (conditional on the revision read), an ADD of each changed counter
 * to its aggregate, a delete or put of each work item that left or joined; a change that moves no counter and no work
 * item (a new version of its source with the same contribution) is the fact's conditional put alone, which DynamoDB
 * bills once where it bills a transaction twice. One fact's change touches at most the fact, the few days a claim's
 * milestones fall on times four dimensions, two A/R items and a few work items — well under DynamoDB's 100 items (more
 * throws rather than splitting it); the changes of several facts written together ({@link #updateAll}) share one
 * write of each aggregate and take as many transactions as their items need. Aggregates stay far under 400 KB: one item per
 * day and dimension holds one counter per metric and value seen that day, and the two undated ones (the open work by
 * kind and day, the open A/R in total) lose the counters that fell back to zero when they are compacted
 * ({@link #compact}, daily).
 */
public final class DynamoReportingStore implements ReportingStore {

    static final String BY_REGISTRY = "ByRegistry";
    static final String REGISTRY = "registry";
    static final int MAX_TRANSACTION_ITEMS = 100;
    private static final int ATTEMPTS = 10;
    static final int COMPACT_COUNTERS = 50;
    private static final String SEPARATOR = "\u001f";
    /** A fact's contribution, deflated ({@link ContributionCodec}). */
    static final String CONTRIBUTION = "z";
    /** The bounds of every dated key of a kind (ISO dates; an item {@code W#TOTAL} of the layout before sorts outside). */
    private static final String FIRST_DAY = "0000-01-01";
    private static final String LAST_DAY = "9999-12-31";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoReportingStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    static String facts(String practiceId) {
        return practiceId + "#FACT";
    }

    /** The partition of a practice's aggregates of one kind (A/R by day and in total share one). */
    static String aggregates(String practiceId, Aggregate.Kind kind) {
        String part = switch (kind) {
            case DAY_TOTAL -> "T";
            case DAY_PAYER -> "P";
            case DAY_PROVIDER -> "V";
            case DAY_CARC -> "C";
            case AR_DAY, AR_TOTAL -> "AR";
            case WORK -> "W";
        };
        return practiceId + "#AGG#" + part;
    }

    static String aggregates(String practiceId, Aggregate aggregate) {
        return aggregates(practiceId, aggregate.kind());
    }

    static String work(String practiceId) {
        return practiceId + "#WORK";
    }

    static String meta(String practiceId) {
        return practiceId + "#META";
    }

    // ------------------------------------------------------------------ writing

    @Override
    public boolean update(String practiceId, String factKey, UnaryOperator<Fact> next) {
        return updateAll(practiceId, List.of(new Change(factKey, next))) > 0;
    }

    /**
     * The facts read (one GetItem, or BatchGetItem for several), the changes applied to them in memory, and the facts
     * that changed written in groups: each group one transaction of its facts (each conditional on its revision as
     * read), one ADD per aggregate of the sum of their differences and one put or delete per work item — at most
     * {@value #MAX_TRANSACTION_ITEMS} items, so a larger set of changes takes several. A group of one fact that moves
     * nothing is that fact's conditional put alone. When a condition fails, the facts are read again and every change
     * is applied again: those already written change nothing.
     */
    @Override
    public int updateAll(String practiceId, List<Change> changes) {
        for (int attempt = 1; ; attempt++) {
            Map<String, Map<String, AttributeValue>> kept = readFacts(practiceId,
                    changes.stream().map(Change::factKey).distinct().toList());
            Map<String, Fact> before = new HashMap<>();
            Map<String, Fact> after = new LinkedHashMap<>();
            for (Change change : changes) {
                String k = change.factKey();
                Fact current = after.containsKey(k) ? after.get(k)
                        : before.computeIfAbsent(k, x -> kept.containsKey(x) ? fact(kept.get(x)) : Fact.NONE);
                Fact successor = change.next().apply(current);
                if (successor != null) {
                    after.put(k, successor);
                }
            }
            if (after.isEmpty()) {
                return 0;
            }
            List<Group> groups = new ArrayList<>();
            Group group = new Group();
            for (Map.Entry<String, Fact> e : after.entrySet()) {
                Map<String, AttributeValue> item = kept.get(e.getKey());
                Pending p = new Pending(e.getKey(), e.getValue(), item == null ? -1 : Long.parseLong(item.get("rev").n()),
                        e.getValue().contribution().minus(before.get(e.getKey()).contribution()));
                if (!group.fits(p)) {
                    groups.add(group);
                    group = new Group();
                    if (!group.fits(p)) {
                        throw new IllegalStateException("fact " + p.key() + " changes more items than a transaction holds");
                    }
                }
                group.add(p);
            }
            groups.add(group);
            try {
                for (Group g : groups) {
                    write(practiceId, g);
                }
                return after.size();
            } catch (TransactionCanceledException e) {
                if (attempt >= ATTEMPTS || !retryable(e)) {
                    throw e;
                }
                backOff(attempt);
            } catch (ConditionalCheckFailedException e) {
                // the fact changed since it was read (or this put's own earlier attempt applied): read again
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                backOff(attempt);
            }
        }
    }

    /** A fact's successor with its revision as read (-1: there was none) and the difference it makes. */
    private record Pending(String key, Fact successor, long revision, Contribution.Delta delta) {
    }

    /** Facts written together: their differences summed per aggregate, their work items' puts and deletes. */
    private static final class Group {
        final List<Pending> facts = new ArrayList<>();
        final Map<Aggregate, Map<String, BigDecimal>> adds = new java.util.TreeMap<>(java.util.Comparator.comparing(Aggregate::key));
        final Map<String, WorkItem> puts = new LinkedHashMap<>();
        final Set<String> deletes = new java.util.LinkedHashSet<>();

        /** Whether the fact can join: its work items touch no other fact's here, and the transaction stays in bounds. */
        boolean fits(Pending p) {
            Set<String> work = new java.util.HashSet<>(p.delta().removedWork());
            work.addAll(p.delta().putWork().keySet());
            if (work.stream().anyMatch(k -> puts.containsKey(k) || deletes.contains(k))) {
                return facts.isEmpty();
            }
            long newAggregates = p.delta().byAggregate().keySet().stream().filter(a -> !adds.containsKey(a)).count();
            return facts.size() + 1 + adds.size() + newAggregates + puts.size() + deletes.size() + work.size() <= MAX_TRANSACTION_ITEMS;
        }

        void add(Pending p) {
            facts.add(p);
            p.delta().byAggregate().forEach((aggregate, counters) -> {
                Map<String, BigDecimal> sum = adds.computeIfAbsent(aggregate, a -> new java.util.TreeMap<>());
                counters.forEach((counter, v) -> sum.merge(counter, v, BigDecimal::add));
            });
            deletes.addAll(p.delta().removedWork());
            puts.putAll(p.delta().putWork());
        }
    }

    private void write(String practiceId, Group g) {
        List<TransactWriteItem> items = new ArrayList<>();
        for (Pending p : g.facts) {
            boolean exists = p.revision() >= 0;
            items.add(TransactWriteItem.builder().put(b -> b.tableName(table)
                    .item(factItem(practiceId, p.key(), p.successor(), exists ? p.revision() + 1 : 1))
                    .conditionExpression(exists ? "rev = :rev" : "attribute_not_exists(pk)")
                    .expressionAttributeValues(exists ? Map.of(":rev", n(p.revision())) : null)).build());
        }
        g.adds.forEach((aggregate, counters) -> {
            counters.values().removeIf(v -> v.signum() == 0); // two facts' differences that cancel out
            if (!counters.isEmpty()) {
                items.add(add(practiceId, aggregate, counters));
            }
        });
        for (String removed : g.deletes) {
            items.add(TransactWriteItem.builder().delete(d -> d.tableName(table).key(key(work(practiceId), removed))).build());
        }
        for (WorkItem w : g.puts.values()) {
            Map<String, AttributeValue> workItem = new HashMap<>(workAttributes(w));
            workItem.putAll(key(work(practiceId), w.key()));
            items.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(workItem)).build());
        }
        if (items.size() == 1) {
            // Only the fact changes (a new version that moves no counter and no work item): one conditional put,
            // which DynamoDB bills once, where a transaction is billed twice.
            Put put = items.get(0).put();
            dynamo.putItem(b -> b.tableName(put.tableName()).item(put.item()).conditionExpression(put.conditionExpression())
                    .expressionAttributeValues(put.hasExpressionAttributeValues() ? put.expressionAttributeValues() : null));
        } else {
            dynamo.transactWriteItems(b -> b.transactItems(items));
        }
    }

    /** The facts of these keys that exist, read strongly: one GetItem for one, BatchGetItem for more. */
    private Map<String, Map<String, AttributeValue>> readFacts(String practiceId, List<String> factKeys) {
        Map<String, Map<String, AttributeValue>> found = new HashMap<>();
        if (factKeys.size() == 1) {
            Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                    .key(key(facts(practiceId), factKeys.get(0))).consistentRead(true)).item();
            if (item != null && !item.isEmpty()) {
                found.put(factKeys.get(0), item);
            }
            return found;
        }
        List<Map<String, AttributeValue>> keys = factKeys.stream().map(k -> key(facts(practiceId), k)).toList();
        BatchGet.items(dynamo, table, keys).forEach(item -> found.put(item.get(Keys.SK).s(), item));
        return found;
    }

    /**
     * A fact changed since it was read (only the facts' puts carry a condition), or another transaction held one of
     * the items: read again and retry.
     */
    private static boolean retryable(TransactionCanceledException e) {
        return e.hasCancellationReasons() && e.cancellationReasons().stream()
                .anyMatch(r -> "TransactionConflict".equals(r.code()) || "ConditionalCheckFailed".equals(r.code()));
    }

    private TransactWriteItem add(String practiceId, Aggregate aggregate, Map<String, BigDecimal> counters) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        StringBuilder expression = new StringBuilder("ADD ");
        int i = 0;
        for (Map.Entry<String, BigDecimal> c : counters.entrySet()) {
            if (i > 0) {
                expression.append(", ");
            }
            names.put("#c" + i, c.getKey());
            values.put(":c" + i, AttributeValue.fromN(c.getValue().toPlainString()));
            expression.append("#c").append(i).append(" :c").append(i);
            i++;
        }
        return TransactWriteItem.builder().update(u -> u.tableName(table).key(key(aggregates(practiceId, aggregate), aggregate.key()))
                .updateExpression(expression.toString()).expressionAttributeNames(names).expressionAttributeValues(values)).build();
    }

    private static Map<String, AttributeValue> factItem(String practiceId, String factKey, Fact fact, long revision) {
        Map<String, AttributeValue> item = new HashMap<>(key(facts(practiceId), factKey));
        item.put("rev", n(revision));
        Map<String, AttributeValue> parts = new HashMap<>();
        fact.parts().forEach((k, v) -> parts.put(k, AttributeValue.fromS(v)));
        item.put("parts", AttributeValue.fromM(parts));
        item.put(CONTRIBUTION, AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(ContributionCodec.encode(fact.contribution()))));
        return item;
    }

    /** A fact as kept: its contribution in one deflated attribute, or (written before 2026-12-07) as maps of cells and work. */
    static Fact fact(Map<String, AttributeValue> item) {
        Map<String, String> parts = new HashMap<>();
        mapOf(item, "parts").forEach((k, v) -> parts.put(k, v.s()));
        AttributeValue encoded = item.get(CONTRIBUTION);
        if (encoded != null && encoded.b() != null) {
            return new Fact(parts, ContributionCodec.decode(encoded.b().asByteArrayUnsafe()));
        }
        Map<Cell, BigDecimal> cells = new LinkedHashMap<>();
        mapOf(item, "cells").forEach((k, v) -> {
            int at = k.indexOf(SEPARATOR);
            cells.put(new Cell(Aggregate.ofKey(k.substring(0, at)), k.substring(at + 1)), new BigDecimal(v.n()));
        });
        Map<String, WorkItem> work = new LinkedHashMap<>();
        mapOf(item, "work").forEach((k, v) -> work.put(k, workItem(v.m())));
        return new Fact(parts, new Contribution(cells, work));
    }

    private static Map<String, AttributeValue> mapOf(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || !v.hasM() ? Map.of() : v.m();
    }

    static Map<String, AttributeValue> workAttributes(WorkItem w) {
        Attributes a = Attributes.builder().put("kind", w.kind()).put("since", w.since()).put("id", w.id())
                .putAmount("amount", w.amount()).putAmount("units", w.units()).put("detail", w.detail())
                .put("payerId", w.payerId()).put("providerId", w.providerId()).put("patientId", w.patientId());
        return a.build();
    }

    static WorkItem workItem(Map<String, AttributeValue> m) {
        Attributes a = Attributes.of(m);
        return new WorkItem(a.enumValue("kind", WorkItem.Kind.class), a.date("since"), a.string("id"), a.optionalAmount("amount"),
                a.optionalAmount("units"), a.optionalString("detail"), a.optionalString("payerId"), a.optionalString("providerId"),
                a.optionalString("patientId"));
    }

    /** Writes the requests in batches of 25, resending what DynamoDB leaves unprocessed. */
    void write(List<WriteRequest> requests) {
        for (int from = 0; from < requests.size(); from += 25) {
            Map<String, List<WriteRequest>> pending = Map.of(table, requests.subList(from, Math.min(from + 25, requests.size())));
            while (!pending.isEmpty()) {
                Map<String, List<WriteRequest>> request = pending;
                var response = dynamo.batchWriteItem(b -> b.requestItems(request));
                pending = response.hasUnprocessedItems() && response.unprocessedItems().values().stream().anyMatch(l -> !l.isEmpty())
                        ? response.unprocessedItems() : Map.of();
            }
        }
    }

    @Override
    public void register(String practiceId) {
        dynamo.putItem(b -> b.tableName(table).item(Map.of(Keys.PK, s(meta(practiceId)), Keys.SK, s("META"),
                REGISTRY, s("PRACTICE"))));
    }

    @Override
    public List<String> practices() {
        List<String> practices = new ArrayList<>();
        query(QueryRequest.builder().tableName(table).indexName(BY_REGISTRY).keyConditionExpression("#r = :r")
                .expressionAttributeNames(Map.of("#r", REGISTRY)).expressionAttributeValues(Map.of(":r", s("PRACTICE"))).build(),
                item -> {
                    String pk = item.get(Keys.PK).s();
                    practices.add(pk.substring(0, pk.length() - "#META".length()));
                });
        return practices;
    }

    /**
     * The open A/R in total and each month of open work read (strongly) and their zero counters removed by UpdateItem,
     * at most {@value #COMPACT_COUNTERS} at a time, each on the condition that it is still zero; a counter changed
     * meanwhile fails the condition, and the item is read again.
     */
    @Override
    public int compact(String practiceId) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        keys.add(key(aggregates(practiceId, Aggregate.Kind.AR_TOTAL), Aggregate.total().key()));
        String work = aggregates(practiceId, Aggregate.Kind.WORK);
        query(everyDay(work, Aggregate.Kind.WORK).projectionExpression("pk, sk").build(),
                item -> keys.add(key(work, item.get(Keys.SK).s())));
        int removed = 0;
        for (Map<String, AttributeValue> key : keys) {
            removed += compact(key);
        }
        return removed;
    }

    private int compact(Map<String, AttributeValue> key) {
        int removed = 0;
        for (int attempt = 1; ; attempt++) {
            Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
            List<String> zeros = new ArrayList<>();
            if (item != null) {
                item.forEach((name, value) -> {
                    if (!key.containsKey(name) && value.n() != null && new BigDecimal(value.n()).signum() == 0) {
                        zeros.add(name);
                    }
                });
            }
            try {
                for (int from = 0; from < zeros.size(); from += COMPACT_COUNTERS) {
                    List<String> chunk = zeros.subList(from, Math.min(from + COMPACT_COUNTERS, zeros.size()));
                    Map<String, String> names = new HashMap<>();
                    List<String> conditions = new ArrayList<>();
                    for (int i = 0; i < chunk.size(); i++) {
                        names.put("#c" + i, chunk.get(i));
                        conditions.add("#c" + i + " = :zero");
                    }
                    dynamo.updateItem(b -> b.tableName(table).key(key).updateExpression("REMOVE " + String.join(", ", names.keySet()))
                            .conditionExpression(String.join(" AND ", conditions)).expressionAttributeNames(names)
                            .expressionAttributeValues(Map.of(":zero", n(0))));
                    removed += chunk.size();
                }
                return removed;
            } catch (ConditionalCheckFailedException e) {
                // one of them counts again: read the item again
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                backOff(attempt);
            }
        }
    }

    @Override
    public void clear(String practiceId) {
        java.util.Set<String> partitions = new java.util.LinkedHashSet<>();
        partitions.add(facts(practiceId));
        for (Aggregate.Kind kind : Aggregate.Kind.values()) {
            partitions.add(aggregates(practiceId, kind));
        }
        partitions.add(work(practiceId));
        for (String pk : partitions) {
            List<WriteRequest> deletes = new ArrayList<>();
            query(QueryRequest.builder().tableName(table).keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", s(pk))).projectionExpression("pk, sk").build(),
                    item -> deletes.add(WriteRequest.builder().deleteRequest(d -> d.key(key(pk, item.get(Keys.SK).s()))).build()));
            write(deletes);
        }
    }

    // ------------------------------------------------------------------ reading

    @Override
    public Snapshot read(String practiceId, Set<Aggregate.Kind> dayKinds, LocalDate from, LocalDate to, ArRead ar,
                         boolean withWork) {
        Map<Aggregate, Map<String, BigDecimal>> aggregates = new HashMap<>();
        for (Aggregate.Kind kind : dayKinds) {
            if (kind == Aggregate.Kind.AR_DAY || kind == Aggregate.Kind.AR_TOTAL) {
                continue;
            }
            String pk = aggregates(practiceId, kind);
            query((kind.readWhole() ? everyDay(pk, kind) : between(pk, kind.prefix() + from, kind.prefix() + to)).build(),
                    item -> aggregates.put(Aggregate.ofKey(item.get(Keys.SK).s()), counters(item)));
        }
        if (ar != null) {
            // not by payer: only the two counters of all payers, a few values per day instead of two per payer
            QueryRequest.Builder query = between(aggregates(practiceId, Aggregate.Kind.AR_DAY), Aggregate.Kind.AR_DAY.prefix() + ar.from(),
                    Aggregate.Kind.AR_TOTAL.prefix());
            if (!ar.byPayer()) {
                query.projectionExpression("#sk, #ins, #pat").expressionAttributeNames(Map.of("#sk", Keys.SK,
                        "#ins", Metric.AR_INSURANCE, "#pat", Metric.AR_PATIENT));
            }
            query(query.build(), item -> aggregates.put(Aggregate.ofKey(item.get(Keys.SK).s()), counters(item)));
        }
        List<WorkItem> items = new ArrayList<>();
        if (withWork) {
            query(QueryRequest.builder().tableName(table).keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", s(work(practiceId)))).build(), item -> items.add(workItem(item)));
        }
        return new Snapshot(aggregates, items);
    }

    /** Every dated aggregate of the kind in the partition (not an undated item of the layout before, e.g. W#TOTAL). */
    private QueryRequest.Builder everyDay(String pk, Aggregate.Kind kind) {
        return between(pk, kind.prefix() + FIRST_DAY, kind.prefix() + LAST_DAY);
    }

    private QueryRequest.Builder between(String pk, String low, String high) {
        return QueryRequest.builder().tableName(table).keyConditionExpression("pk = :pk AND sk BETWEEN :low AND :high")
                .expressionAttributeValues(Map.of(":pk", s(pk), ":low", s(low), ":high", s(high)));
    }

    private void query(QueryRequest request, Consumer<Map<String, AttributeValue>> each) {
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page = dynamo.query(request.toBuilder().exclusiveStartKey(start).build());
            page.items().forEach(each);
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
    }

    private static Map<String, BigDecimal> counters(Map<String, AttributeValue> item) {
        Map<String, BigDecimal> counters = new HashMap<>();
        item.forEach((name, value) -> {
            if (!name.equals(Keys.PK) && !name.equals(Keys.SK) && value.n() != null) {
                counters.put(name, new BigDecimal(value.n()));
            }
        });
        return counters;
    }

    // ------------------------------------------------------------------ helpers

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(Keys.PK, s(pk), Keys.SK, s(sk));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 5L + 20L * Math.min(attempt, 6)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
