package org.therapyops.dynamodb;

import org.therapyops.reporting.Aggregate;
import org.therapyops.reporting.WorkItem;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * For benchmarks: writes a practice's precomputed aggregates and open work items into the reporting table in the
 * layout {@link DynamoReportingStore} keeps (no facts, no deltas), so that a large practice is seeded without running
 * every item through the workflow. Never for a practice whose reports the reporting function keeps.
 */
public final class ReportingBulkLoad {

    private ReportingBulkLoad() {
    }

    public static void load(DynamoDbClient dynamo, String table, String practiceId, Map<Aggregate, Map<String, BigDecimal>> aggregates,
                            Collection<WorkItem> work) {
        List<WriteRequest> puts = new ArrayList<>();
        aggregates.forEach((aggregate, counters) -> {
            Map<String, AttributeValue> item = new HashMap<>(DynamoReportingStore.key(DynamoReportingStore.aggregates(practiceId,
                    aggregate), aggregate.key()));
            counters.forEach((counter, v) -> item.put(counter, AttributeValue.fromN(v.toPlainString())));
            puts.add(WriteRequest.builder().putRequest(r -> r.item(item)).build());
        });
        for (WorkItem w : work) {
            Map<String, AttributeValue> item = new HashMap<>(DynamoReportingStore.workAttributes(w));
            item.putAll(DynamoReportingStore.key(DynamoReportingStore.work(practiceId), w.key()));
            puts.add(WriteRequest.builder().putRequest(r -> r.item(item)).build());
        }
        DynamoReportingStore store = new DynamoReportingStore(dynamo, table);
        store.write(puts);
        store.register(practiceId);
    }
}
