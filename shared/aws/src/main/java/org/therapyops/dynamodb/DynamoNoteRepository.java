package org.therapyops.dynamodb;

import org.therapyops.billing.Addendum;
import org.therapyops.billing.Note;
import org.therapyops.billing.NoteStatus;
import org.therapyops.domain.AuditEntry;
import org.therapyops.ports.NoteRepository;
import org.therapyops.ports.StaleVersionException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link NoteRepository} on the Notes table ({@code pk} practice, {@code sk} {@code NOTE#<id>}, audit entries
 * under {@code AUDIT#<id>#}). Each change is a transaction of the note, conditional on its status and version,
 * and its audit entry; the change into SIGNED is what the Notes stream's charge-capture filter selects.
 */
public final class DynamoNoteRepository implements NoteRepository {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoNoteRepository(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void create(String practiceId, Note note, AuditEntry audit) {
        try {
            transact(TransactWriteItem.builder().put(Put.builder().tableName(table).item(BillingItems.note(practiceId, note))
                    .conditionExpression("attribute_not_exists(pk)").build()).build(), auditItem(practiceId, audit));
        } catch (TransactionCanceledException e) {
            if (failed(e)) {
                throw new DuplicateIdException(BillingItems.NOTE + note.id());
            }
            throw e;
        }
    }

    @Override
    public Optional<Note> note(String practiceId, String noteId) {
        var response = dynamo.getItem(GetItemRequest.builder().tableName(table)
                .key(Keys.key(practiceId, BillingItems.NOTE + noteId)).consistentRead(true).build());
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(BillingItems.note(response.item())) : Optional.empty();
    }

    @Override
    public Note replaceDraft(String practiceId, Note draft, long expectedVersion, AuditEntry audit) {
        Note next = draft.asDraft(draft.createdAt(), draft.createdBy(), expectedVersion + 1);
        Put put = Put.builder().tableName(table).item(BillingItems.note(practiceId, next))
                .conditionExpression("#status = :draft AND version = :version")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":draft", s(NoteStatus.DRAFT.name()), ":version", n(expectedVersion)))
                .build();
        write(practiceId, draft.id(), TransactWriteItem.builder().put(put).build(), audit);
        return next;
    }

    @Override
    public Note sign(String practiceId, String noteId, long expectedVersion, String signedBy, Instant at, AuditEntry audit) {
        Update update = Update.builder().tableName(table).key(Keys.key(practiceId, BillingItems.NOTE + noteId))
                .updateExpression("SET #status = :signed, signedBy = :by, signedAt = :at, version = version + :one")
                .conditionExpression("#status = :draft AND version = :version")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":signed", s(NoteStatus.SIGNED.name()), ":draft", s(NoteStatus.DRAFT.name()),
                        ":by", s(signedBy), ":at", s(at.toString()), ":one", n(1), ":version", n(expectedVersion)))
                .build();
        write(practiceId, noteId, TransactWriteItem.builder().update(update).build(), audit);
        return note(practiceId, noteId).orElseThrow();
    }

    @Override
    public Note addAddendum(String practiceId, String noteId, Addendum addendum, AuditEntry audit) {
        Update update = Update.builder().tableName(table).key(Keys.key(practiceId, BillingItems.NOTE + noteId))
                .updateExpression("SET addenda = list_append(if_not_exists(addenda, :empty), :addendum), version = version + :one")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeValues(Map.of(":empty", AttributeValue.fromL(List.of()),
                        ":addendum", AttributeValue.fromL(List.of(BillingItems.addendum(addendum))), ":one", n(1)))
                .build();
        transact(TransactWriteItem.builder().update(update).build(), auditItem(practiceId, audit));
        return note(practiceId, noteId).orElseThrow();
    }

    @Override
    public List<AuditEntry> audit(String practiceId, String noteId) {
        List<AuditEntry> entries = new ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        do {
            QueryResponse page = dynamo.query(QueryRequest.builder().tableName(table).consistentRead(true)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                    .expressionAttributeValues(Map.of(":pk", s(practiceId), ":prefix", s("AUDIT#" + noteId + "#")))
                    .exclusiveStartKey(startKey).build());
            page.items().forEach(item -> entries.add(ItemMapper.audit(item)));
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        return entries;
    }

    /** A conditional change: a signed note is {@link NoteSignedException}, anything else a stale version. */
    private void write(String practiceId, String noteId, TransactWriteItem change, AuditEntry audit) {
        try {
            transact(change, auditItem(practiceId, audit));
        } catch (TransactionCanceledException e) {
            if (!failed(e)) {
                throw e;
            }
            Optional<Note> now = note(practiceId, noteId);
            if (now.isPresent() && now.get().status() == NoteStatus.SIGNED) {
                throw new NoteSignedException(noteId);
            }
            throw new StaleVersionException("The note");
        }
    }

    private TransactWriteItem auditItem(String practiceId, AuditEntry entry) {
        Map<String, AttributeValue> item = new HashMap<>(ItemMapper.audit(practiceId,
                Keys.audit(entry.entityId(), entry.at(), UUID.randomUUID().toString().substring(0, 8)), entry));
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).build()).build();
    }

    private void transact(TransactWriteItem... items) {
        dynamo.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(items).build());
    }

    private static boolean failed(TransactionCanceledException e) {
        if (!e.hasCancellationReasons() || e.cancellationReasons().isEmpty()) {
            return false;
        }
        CancellationReason first = e.cancellationReasons().get(0);
        return "ConditionalCheckFailed".equals(first.code());
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
