package org.therapyops.dynamodb;

import org.therapyops.billing.ClaimBatch;
import org.therapyops.billing.ClaimStatus;
import org.therapyops.billing.StoredClaim;
import org.therapyops.ports.BatchRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link BatchRepository} on the Claims table ({@code sk} {@code BATCH#<id>}): the batch item and every claim's move
 * READY → SUBMITTED are written in one transaction, each claim conditional on the version and status read, so either
 * all claims are submitted with the stored file or nothing is written. Each claim gets its batch, submission time and
 * the key of the {@code ByControlNumber} index, by which acknowledgements and remittances find it.
 */
public final class DynamoClaimBatches implements BatchRepository {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoClaimBatches(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void submit(String practiceId, ClaimBatch batch, List<StoredClaim> claims) {
        if (claims.isEmpty() || claims.size() > MAX_CLAIMS) {
            throw new IllegalArgumentException("a batch holds 1 to " + MAX_CLAIMS + " claims");
        }
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(item(practiceId, batch))
                .conditionExpression("attribute_not_exists(pk)")).build());
        for (StoredClaim claim : claims) {
            items.add(TransactWriteItem.builder().update(u -> u.tableName(table)
                    .key(Keys.key(practiceId, BillingItems.CLAIM + claim.claim().id()))
                    .updateExpression("SET #status = :to, version = version + :one, batchId = :batch, submittedAt = :at, "
                            + BillingItems.FIRST_SUBMITTED_AT + " = if_not_exists(" + BillingItems.FIRST_SUBMITTED_AT + ", :at), "
                            + BillingItems.CONTROL_KEY + " = :control REMOVE " + BillingItems.REVIEW_QUEUE)
                    .conditionExpression("attribute_exists(pk) AND version = :version AND #status = :ready")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":to", AttributeValue.fromS(ClaimStatus.SUBMITTED.name()),
                            ":one", AttributeValue.fromN("1"), ":batch", AttributeValue.fromS(batch.id()),
                            ":at", AttributeValue.fromS(batch.createdAt().toString()),
                            ":control", AttributeValue.fromS(BillingItems.controlKey(practiceId, claim.claim().id())),
                            ":version", AttributeValue.fromN(Long.toString(claim.version())),
                            ":ready", AttributeValue.fromS(ClaimStatus.READY.name())))).build());
        }
        try {
            dynamo.transactWriteItems(b -> b.transactItems(items));
        } catch (TransactionCanceledException e) {
            throw new ClaimsChangedException();
        }
    }

    @Override
    public Optional<ClaimBatch> get(String practiceId, String batchId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(Keys.key(practiceId, BillingItems.BATCH + batchId))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        Attributes a = Attributes.of(item);
        Attributes k = a.map("acknowledgement");
        ClaimBatch.Acknowledgement ack = k == null ? null : new ClaimBatch.Acknowledgement(k.string("status"),
                k.stringList("errors"), k.optionalString("deliveryId"), k.optionalInstant("at"));
        return Optional.of(new ClaimBatch(batchId, a.number("isa13"), a.number("gs06"), a.number("st02"), a.stringList("claimIds"),
                a.instant("createdAt"), a.string("x12"), ack));
    }

    @Override
    public void acknowledge(String practiceId, String batchId, ClaimBatch.Acknowledgement ack) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":ack", AttributeValue.fromM(Attributes.builder().put("status", ack.status()).putStringList("errors", ack.errors())
                .put("deliveryId", ack.deliveryId()).put("at", ack.at()).build()));
        dynamo.updateItem(b -> b.tableName(table).key(Keys.key(practiceId, BillingItems.BATCH + batchId))
                .updateExpression("SET acknowledgement = :ack").conditionExpression("attribute_exists(pk)")
                .expressionAttributeValues(values));
    }

    private static Map<String, AttributeValue> item(String practiceId, ClaimBatch batch) {
        return Attributes.builder().put(Keys.PK, practiceId).put(Keys.SK, BillingItems.BATCH + batch.id()).put("type", "BATCH")
                .put("id", batch.id()).put("isa13", batch.interchangeControlNumber()).put("gs06", batch.groupControlNumber())
                .put("st02", batch.transactionSetControlNumber()).putStringList("claimIds", batch.claimIds())
                .put("createdAt", batch.createdAt()).put("x12", batch.x12()).build();
    }
}
