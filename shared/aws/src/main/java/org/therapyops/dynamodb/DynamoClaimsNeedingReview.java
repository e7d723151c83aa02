package org.therapyops.dynamodb;

import org.therapyops.billing.ClaimStatus;
import org.therapyops.billing.review.ClaimForReview;
import org.therapyops.ports.ClaimsNeedingReview;
import org.therapyops.ports.UnqueuedClaims;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * {@link ClaimsNeedingReview} on the Claims table's sparse index {@value BillingItems#NEEDS_REVIEW_INDEX} (partition
 * {@code reviewQueue}, present only on NEEDS_REVIEW claims; sort {@code pk}, the practice): one query reads exactly
 * the claims needing review, never the rest of the table. The sort key keeps each practice's claims together, so a
 * practice is handed over as soon as the next one starts, and only one practice's claims are held at a time.
 * The index is eventually consistent: an item whose status is no longer NEEDS_REVIEW is skipped. The same index
 * holds SCRUB_PENDING claims under that value of {@code reviewQueue}: those not marked queued are the scrub sweep's
 * ({@link UnqueuedClaims}).
 */
public final class DynamoClaimsNeedingReview implements ClaimsNeedingReview, UnqueuedClaims {

    private final DynamoDbClient dynamo;
    private final String table;
    private final Integer pageSize;

    public DynamoClaimsNeedingReview(DynamoDbClient dynamo, String claimsTable) {
        this(dynamo, claimsTable, null);
    }

    /** With a page size (items per query request; null: DynamoDB's 1 MB pages). */
    DynamoClaimsNeedingReview(DynamoDbClient dynamo, String claimsTable, Integer pageSize) {
        this.dynamo = dynamo;
        this.table = claimsTable;
        this.pageSize = pageSize;
    }

    @Override
    public void forEachPractice(BiConsumer<String, List<ClaimForReview>> each) {
        List<ClaimForReview> claims = new ArrayList<>();
        String[] current = {null};
        forEachIn(ClaimStatus.NEEDS_REVIEW, item -> {
            String practiceId = Attributes.of(item).string(Keys.PK);
            if (current[0] != null && !current[0].equals(practiceId)) {
                each.accept(current[0], List.copyOf(claims));
                claims.clear();
            }
            current[0] = practiceId;
            claims.add(claim(item));
        });
        if (current[0] != null) {
            each.accept(current[0], List.copyOf(claims));
        }
    }

    @Override
    public void forEach(BiConsumer<String, String> each) {
        forEachIn(ClaimStatus.SCRUB_PENDING, item -> {
            AttributeValue queued = item.get("queued");
            if (queued == null || !Boolean.TRUE.equals(queued.bool())) {
                each.accept(Attributes.of(item).string(Keys.PK), Attributes.of(item).string("id"));
            }
        });
    }

    /** Every index item under one status, in practice order, page by page; one whose status has moved on is skipped. */
    private void forEachIn(ClaimStatus status, Consumer<Map<String, AttributeValue>> action) {
        Map<String, AttributeValue> startKey = null;
        do {
            QueryResponse page = dynamo.query(QueryRequest.builder().tableName(table).indexName(BillingItems.NEEDS_REVIEW_INDEX)
                    .keyConditionExpression("#queue = :queue")
                    .expressionAttributeNames(Map.of("#queue", BillingItems.REVIEW_QUEUE))
                    .expressionAttributeValues(Map.of(":queue", AttributeValue.fromS(status.name())))
                    .limit(pageSize).exclusiveStartKey(startKey).build());
            for (Map<String, AttributeValue> item : page.items()) {
                if (status.name().equals(Attributes.of(item).optionalString("status"))) {
                    action.accept(item);
                }
            }
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
    }

    private static ClaimForReview claim(Map<String, AttributeValue> item) {
        Attributes a = Attributes.of(item);
        AttributeValue total = item.get("totalCharge");
        return new ClaimForReview(a.string("id"), a.optionalDate("dateOfService"), a.optionalString("payerName"),
                total == null || total.n() == null ? null : new BigDecimal(total.n()),
                a.list("findings").stream().map(DynamoClaimRepository::finding).toList());
    }
}
