package org.therapyops.dynamodb;

import org.therapyops.ports.ExpiringAuthorizations;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@link ExpiringAuthorizations} on the Practice table's {@value #INDEX} index (partition endDate, sort pk,
 * all attributes projected): only authorization items carry an endDate, so the index holds nothing else.
 * A span of days is one query a day, {@value #PARALLEL_DAYS} at a time (the scan's 63 days one after the other
 * were most of its time).
 */
public final class DynamoExpiringAuthorizations implements ExpiringAuthorizations {

    public static final String INDEX = "byEndDate";
    static final int PARALLEL_DAYS = 8;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoExpiringAuthorizations(DynamoDbClient dynamo, Tables tables) {
        this(dynamo, tables.practice());
    }

    DynamoExpiringAuthorizations(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public List<Ending> endingOn(LocalDate endDate) {
        List<Ending> result = new ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        do {
            var page = dynamo.query(QueryRequest.builder().tableName(table).indexName(INDEX)
                    .keyConditionExpression("endDate = :d")
                    .expressionAttributeValues(Map.of(":d", Keys.s(endDate.toString())))
                    .exclusiveStartKey(startKey).build());
            for (Map<String, AttributeValue> item : page.items()) {
                if ("AUTHORIZATION".equals(Attributes.of(item).optionalString("type"))) {
                    result.add(new Ending(ItemMapper.practiceOf(item), AlertImages.authorization(item)));
                }
            }
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        return result;
    }

    /** The days' queries side by side; a day that fails fails the span (the scan is retried whole, raising is idempotent). */
    @Override
    public List<Ending> endingBetween(LocalDate first, LocalDate last) {
        if (!first.isBefore(last)) {
            return first.isEqual(last) ? endingOn(first) : List.of();
        }
        List<LocalDate> days = first.datesUntil(last.plusDays(1)).toList();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL_DAYS, days.size()), r -> {
            Thread t = new Thread(r, "expiry-scan");
            t.setDaemon(true);
            return t;
        });
        List<CompletableFuture<List<Ending>>> queries = days.stream()
                .map(d -> CompletableFuture.supplyAsync(() -> endingOn(d), pool)).toList();
        try {
            List<Ending> result = new ArrayList<>();
            for (CompletableFuture<List<Ending>> query : queries) {
                result.addAll(query.join());
            }
            return result;
        } catch (CompletionException e) {
            queries.forEach(q -> q.cancel(false));
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        } finally {
            // not shutdownNow: a query interrupted half-way through its request is of no use to anyone
            pool.shutdown();
        }
    }
}
