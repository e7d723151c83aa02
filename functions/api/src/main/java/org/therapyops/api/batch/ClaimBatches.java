package org.therapyops.api.batch;

import org.therapyops.billing.ClaimStatus;
import org.therapyops.billing.StoredClaim;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * 837P batches in the Claims table ({@code sk} {@code BATCH#<id>}): the batch item and every claim's move
 * READY → SUBMITTED are written in one transaction, each claim conditional on the version and status read, so
 * either all claims are submitted with the stored file or nothing is written.
 */
public final class ClaimBatches {

    /** DynamoDB's transaction limit is 100 items: the batch item and up to 99 claims. */
    public static final int MAX_CLAIMS = 99;
    static final String BATCH = "BATCH#";
    static final String CLAIM = "CLAIM#";

    public record Batch(String id, long interchangeControlNumber, long groupControlNumber, long transactionSetControlNumber,
                        List<String> claimIds, Instant createdAt, String x12) {
    }

    /** Some claim changed since it was read (or is no longer READY): nothing was written. */
    public static final class ClaimsChangedException extends RuntimeException {
        public ClaimsChangedException() {
            super("a claim of the batch changed since it was read");
        }
    }

    private final DynamoDbClient dynamo;
    private final String table;

    public ClaimBatches(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Stores the batch and submits its claims, all or none. */
    public void submit(String practiceId, Batch batch, List<StoredClaim> claims) {
        if (claims.isEmpty() || claims.size() > MAX_CLAIMS) {
            throw new IllegalArgumentException("a batch holds 1 to " + MAX_CLAIMS + " claims");
        }
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(item(practiceId, batch))
                .conditionExpression("attribute_not_exists(pk)")).build());
        for (StoredClaim claim : claims) {
            items.add(TransactWriteItem.builder().update(u -> u.tableName(table)
                    .key(key(practiceId, CLAIM + claim.claim().id()))
                    .updateExpression("SET #status = :to, version = version + :one, batchId = :batch")
                    .conditionExpression("attribute_exists(pk) AND version = :version AND #status = :ready")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":to", AttributeValue.fromS(ClaimStatus.SUBMITTED.name()),
                            ":one", AttributeValue.fromN("1"), ":batch", AttributeValue.fromS(batch.id()),
                            ":version", AttributeValue.fromN(Long.toString(claim.version())),
                            ":ready", AttributeValue.fromS(ClaimStatus.READY.name())))).build());
        }
        try {
            dynamo.transactWriteItems(b -> b.transactItems(items));
        } catch (TransactionCanceledException e) {
            throw new ClaimsChangedException();
        }
    }

    public Optional<Batch> get(String practiceId, String batchId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(practiceId, BATCH + batchId))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Batch(batchId, Long.parseLong(item.get("isa13").n()), Long.parseLong(item.get("gs06").n()),
                Long.parseLong(item.get("st02").n()), item.get("claimIds").l().stream().map(AttributeValue::s).toList(),
                Instant.parse(item.get("createdAt").s()), item.get("x12").s()));
    }

    private static Map<String, AttributeValue> item(String practiceId, Batch batch) {
        return Map.of("pk", AttributeValue.fromS(practiceId), "sk", AttributeValue.fromS(BATCH + batch.id()),
                "type", AttributeValue.fromS("BATCH"),
                "isa13", AttributeValue.fromN(Long.toString(batch.interchangeControlNumber())),
                "gs06", AttributeValue.fromN(Long.toString(batch.groupControlNumber())),
                "st02", AttributeValue.fromN(Long.toString(batch.transactionSetControlNumber())),
                "claimIds", AttributeValue.fromL(batch.claimIds().stream().map(AttributeValue::fromS).toList()),
                "createdAt", AttributeValue.fromS(batch.createdAt().toString()),
                "x12", AttributeValue.fromS(batch.x12()));
    }

    private static Map<String, AttributeValue> key(String practiceId, String sortKey) {
        return Map.of("pk", AttributeValue.fromS(practiceId), "sk", AttributeValue.fromS(sortKey));
    }
}
