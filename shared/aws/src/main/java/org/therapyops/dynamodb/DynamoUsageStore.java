package org.therapyops.dynamodb;

import org.therapyops.metering.Usage;
import org.therapyops.metering.UsageItem;
import org.therapyops.ports.UsageStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link UsageStore} on the Usage table: one item per practice, month and step ({@code pk} the practice, {@code sk}
 * {@code USAGE#<YYYY-MM>#<step>}), one number attribute per usage item, and {@code meter:<item>} for what the meter's
 * own writes used (read as the step {@value UsageStore#METER_STEP}); each addition one UpdateItem with ADD. An addition
 * runs through {@link AppliedWrites#updateOnce}, so that the SDK's retry
 * of an addition whose answer was lost after it applied does not count the usage twice.
 */
public final class DynamoUsageStore implements UsageStore {

    static final String METER_PREFIX = "meter:";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoUsageStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    static String sortKey(YearMonth month, String step) {
        return "USAGE#" + month + "#" + step;
    }

    @Override
    public void add(String practiceId, YearMonth month, String step, Usage usage, Usage meter) {
        if (usage.isEmpty() && meter.isEmpty()) {
            return;
        }
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        StringBuilder expression = new StringBuilder("ADD ");
        int i = 0;
        for (Usage u : new Usage[] {usage, meter}) {
            String prefix = u == meter ? METER_PREFIX : "";
            for (Map.Entry<UsageItem, BigDecimal> e : u.quantities().entrySet()) {
                expression.append(i == 0 ? "" : ", ").append("#u").append(i).append(" :u").append(i);
                names.put("#u" + i, prefix + e.getKey().id());
                values.put(":u" + i, AttributeValue.fromN(e.getValue().toPlainString()));
                i++;
            }
        }
        expression.append(" SET ").append(AppliedWrites.SET_TOKEN);
        AppliedWrites.updateOnce(dynamo, UpdateItemRequest.builder().tableName(table).key(Keys.key(practiceId, sortKey(month, step)))
                .updateExpression(expression.toString()).expressionAttributeNames(names).expressionAttributeValues(values).build());
    }

    @Override
    public Map<String, Usage> read(String practiceId, YearMonth month) {
        Map<String, Usage> byStep = new TreeMap<>();
        String prefix = "USAGE#" + month + "#";
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(b -> b.tableName(table).keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(practiceId), ":prefix", AttributeValue.fromS(prefix)))
                    .exclusiveStartKey(from));
            for (Map<String, AttributeValue> item : page.items()) {
                Map<UsageItem, BigDecimal> own = new EnumMap<>(UsageItem.class);
                Map<UsageItem, BigDecimal> meter = new EnumMap<>(UsageItem.class);
                item.forEach((name, v) -> {
                    boolean metering = name.startsWith(METER_PREFIX);
                    UsageItem.of(metering ? name.substring(METER_PREFIX.length()) : name)
                            .ifPresent(u -> (metering ? meter : own).put(u, new BigDecimal(v.n())));
                });
                byStep.merge(item.get(Keys.SK).s().substring(prefix.length()), new Usage(own), Usage::plus);
                if (!meter.isEmpty()) {
                    byStep.merge(METER_STEP, new Usage(meter), Usage::plus);
                }
            }
            byStep.values().removeIf(Usage::isEmpty);
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return byStep;
    }
}
