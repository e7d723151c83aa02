package org.therapyops.dynamodb;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.therapyops.ports.ReportingStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Replays the source tables through the reporting, item by item, through the same code the stream handler runs
 * ({@link ReportingImages}): the claims, postings and capture records of the Claims table, the notes, the appointments
 * and the authorizations. Items already reported at their version change nothing, so a replay over a live table is
 * safe; {@code rebuild} first deletes what the reporting kept of the practice, so that everything is computed afresh
 * (after a change of the contributions' code or of the practice's time zone).
 */
public final class ReportingBackfill {

    private static final Logger LOG = LoggerFactory.getLogger(ReportingBackfill.class);

    /** The tables replayed, in this order, and the item types read from each. */
    public record Source(String table, Set<String> types) {
    }

    /** Items read and items that changed the reports. */
    public record Result(long read, long changed) {
    }

    private final DynamoDbClient dynamo;
    private final List<Source> sources;
    private final ReportingImages images;
    private final ReportingStore store;

    public ReportingBackfill(DynamoDbClient dynamo, Tables tables, String notesTable, String claimsTable, ReportingImages images,
                             ReportingStore store) {
        this.dynamo = dynamo;
        this.sources = List.of(new Source(tables.practice(), Set.of("AUTHORIZATION")),
                new Source(tables.appointments(), Set.of("APPOINTMENT")), new Source(notesTable, Set.of("NOTE")),
                new Source(claimsTable, Set.of("CLAIM", "CAPTURE", "POSTING")));
        this.images = images;
        this.store = store;
    }

    /** Replays one practice's items (a query of its partition in each table). */
    public Result practice(String practiceId, boolean rebuild) {
        if (rebuild) {
            store.clear(practiceId);
        }
        long[] counts = new long[2];
        for (Source source : sources) {
            Map<String, AttributeValue> start = null;
            do {
                QueryResponse page = dynamo.query(QueryRequest.builder().tableName(source.table()).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(practiceId))).exclusiveStartKey(start).build());
                page.items().forEach(item -> replay(source, item, counts));
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null);
        }
        LOG.info("backfill of practice {}: {} items read, {} changed the reports", practiceId, counts[0], counts[1]);
        return new Result(counts[0], counts[1]);
    }

    /** Replays every practice's items (a scan of each table; for a first backfill of existing data). */
    public Result all(Consumer<String> progress) {
        long[] counts = new long[2];
        for (Source source : sources) {
            Map<String, AttributeValue> start = null;
            do {
                ScanResponse page = dynamo.scan(ScanRequest.builder().tableName(source.table()).exclusiveStartKey(start).build());
                page.items().forEach(item -> replay(source, item, counts));
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
                progress.accept(source.table() + ": " + counts[0] + " items read, " + counts[1] + " changed the reports");
            } while (start != null);
        }
        return new Result(counts[0], counts[1]);
    }

    private void replay(Source source, Map<String, AttributeValue> item, long[] counts) {
        if (!source.types().contains(ReportingImages.typeOf(item))) {
            return;
        }
        counts[0]++;
        if (images.apply(item)) {
            counts[1]++;
        }
    }
}
