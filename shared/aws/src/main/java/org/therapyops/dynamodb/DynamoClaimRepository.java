package org.therapyops.dynamodb;

import org.therapyops.billing.Claim;
import org.therapyops.billing.ClaimMilestones;
import org.therapyops.billing.ClaimStatus;
import org.therapyops.billing.PayerResponse;
import org.therapyops.billing.StoredCharge;
import org.therapyops.billing.StoredClaim;
import org.therapyops.billing.charges.CaptureRecord;
import org.therapyops.billing.remittance.Posting;
import org.therapyops.billing.scrub.Finding;
import org.therapyops.billing.scrub.ScrubRecord;
import org.therapyops.billing.scrub.ScrubResult;
import org.therapyops.billing.scrub.Severity;
import org.therapyops.ports.ClaimRepository;
import org.therapyops.ports.PracticeRepository;
import org.therapyops.ports.StaleVersionException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@link ClaimRepository} on the Claims table ({@code pk} practice; {@code sk} {@code CLAIM#<id>} or
 * {@code CHARGE#<id>}). Creation is a put conditional on the id being new; a status change is an update
 * conditional on the version read. Every write that sets the status also sets or removes
 * {@link BillingItems#REVIEW_QUEUE}, the key of the sparse NEEDS_REVIEW index (puts through the item mapper,
 * updates through {@link #reviewQueue(ClaimStatus)}).
 * A patient's claims are read from the {@value #BY_PATIENT} index
 * ({@code patientKey} = practice#patient, {@code serviceKey} = date of service#claim id; charges are not in it).
 */
public final class DynamoClaimRepository implements ClaimRepository {

    /** The Claims table's index of claims by practice and patient, in date-of-service order. */
    static final String BY_PATIENT = "ByPatient";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoClaimRepository(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<StoredClaim> get(String practiceId, String claimId) {
        return item(practiceId, BillingItems.CLAIM + claimId).map(BillingItems::claim);
    }

    @Override
    public Optional<StoredCharge> charge(String practiceId, String chargeId) {
        return item(practiceId, BillingItems.CHARGE + chargeId).map(BillingItems::storedCharge);
    }

    @Override
    public PracticeRepository.Page<StoredClaim> list(String practiceId, ClaimStatus status, int limit, String cursor) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", s(practiceId), ":prefix", s(BillingItems.CLAIM)));
        String filter = null;
        if (status != null) {
            filter = "#status = :status";
            names.put("#status", "status");
            values.put(":status", s(status.name()));
        }
        Map<String, AttributeValue> startKey = Cursors.decode(practiceId, cursor,
                key -> key.containsKey(Keys.SK) && key.get(Keys.SK).s().startsWith(BillingItems.CLAIM));
        return page(QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)").filterExpression(filter)
                .expressionAttributeNames(names.isEmpty() ? null : names).expressionAttributeValues(values).build(),
                startKey, limit, item -> Optional.of(BillingItems.claim(item)));
    }

    /**
     * Up to {@code limit} claims from the query's pages, from {@code startKey} on, each item made into a claim by
     * {@code claim} (or skipped), and the cursor after the last page read.
     */
    private PracticeRepository.Page<StoredClaim> page(QueryRequest query, Map<String, AttributeValue> startKey, int limit,
                                                       Function<Map<String, AttributeValue>, Optional<StoredClaim>> claim) {
        List<StoredClaim> items = new ArrayList<>();
        Map<String, AttributeValue> last;
        do {
            QueryResponse page = dynamo.query(query.toBuilder().exclusiveStartKey(startKey).limit(limit - items.size()).build());
            for (Map<String, AttributeValue> item : page.items()) {
                claim.apply(item).ifPresent(items::add);
            }
            last = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            startKey = last;
        } while (last != null && items.size() < limit);
        return new PracticeRepository.Page<>(items, last == null ? null : Cursors.encode(last));
    }

    @Override
    public PracticeRepository.Page<StoredClaim> listOfPatient(String practiceId, String patientId, ClaimStatus status, int limit,
                                                              String cursor) {
        String patientKey = BillingItems.patientKey(practiceId, patientId);
        Map<String, AttributeValue> startKey = Cursors.decode(practiceId, cursor, key -> key.containsKey(BillingItems.PATIENT_KEY)
                && patientKey.equals(key.get(BillingItems.PATIENT_KEY).s()));
        // The index holds what the scrubber reads, not the whole claim: each claim is read in full from the table.
        return page(QueryRequest.builder().tableName(table).indexName(BY_PATIENT)
                .keyConditionExpression("patientKey = :patient")
                .filterExpression(status == null ? null : "#status = :status")
                .expressionAttributeNames(status == null ? null : Map.of("#status", "status"))
                .expressionAttributeValues(status == null ? Map.of(":patient", s(patientKey))
                        : Map.of(":patient", s(patientKey), ":status", s(status.name())))
                .scanIndexForward(false).build(), startKey, limit, key -> item(practiceId, key.get(Keys.SK).s()).map(BillingItems::claim));
    }

    @Override
    public boolean createIfAbsent(String practiceId, StoredClaim claim) {
        return putIfAbsent(BillingItems.claim(practiceId, claim));
    }

    @Override
    public boolean createChargeIfAbsent(String practiceId, StoredCharge charge) {
        return putIfAbsent(BillingItems.charge(practiceId, charge));
    }

    @Override
    public StoredClaim updateStatus(String practiceId, String claimId, long expectedVersion, ClaimStatus to) {
        Map<String, AttributeValue> token = AppliedWrites.tokened(Map.of());
        try {
            var response = dynamo.updateItem(UpdateItemRequest.builder().tableName(table)
                    .key(Keys.key(practiceId, BillingItems.CLAIM + claimId))
                    .updateExpression("SET #status = :to, version = version + :one, " + AppliedWrites.TOKEN + " = :token" + reviewQueue(to))
                    .conditionExpression("attribute_exists(pk) AND version = :version")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(withReviewQueue(to, Map.of(":to", s(to.name()), ":one", n(1),
                            ":version", n(expectedVersion), ":token", token.get(AppliedWrites.TOKEN))))
                    .returnValues(ReturnValue.ALL_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build());
            return BillingItems.claim(response.attributes());
        } catch (ConditionalCheckFailedException e) {
            if (AppliedWrites.alreadyApplied(e, token)) {
                return BillingItems.claim(e.item());
            }
            throw new StaleVersionException("The claim");
        }
    }

    @Override
    public void markQueued(String practiceId, String claimId) {
        dynamo.updateItem(UpdateItemRequest.builder().tableName(table)
                .key(Keys.key(practiceId, BillingItems.CLAIM + claimId))
                .updateExpression("SET queued = :yes").conditionExpression("attribute_exists(pk)")
                .expressionAttributeValues(Map.of(":yes", AttributeValue.fromBool(true))).build());
    }

    @Override
    public void recordCapture(String practiceId, CaptureRecord record) {
        putIfAbsent(BillingItems.capture(practiceId, record));
    }

    @Override
    public Optional<CaptureRecord> captureRecord(String practiceId, String noteId) {
        return item(practiceId, BillingItems.CAPTURE + noteId).map(BillingItems::capture);
    }

    private boolean putIfAbsent(Map<String, AttributeValue> item) {
        try {
            dynamo.putItem(PutItemRequest.builder().tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk)").build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private Optional<Map<String, AttributeValue>> item(String practiceId, String sortKey) {
        var response = dynamo.getItem(GetItemRequest.builder().tableName(table)
                .key(Keys.key(practiceId, sortKey)).consistentRead(true).build());
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    @Override
    public List<StoredClaim> patientClaims(String practiceId, String patientId) {
        return byPatient("patientKey = :patient", Map.of(":patient", s(BillingItems.patientKey(practiceId, patientId))));
    }

    @Override
    public List<StoredClaim> patientClaims(String practiceId, String patientId, LocalDate from, LocalDate to) {
        // Sort keys are <date>#<claim id>: every key of the day before `to + 1` sorts below the bare next date.
        return byPatient("patientKey = :patient AND serviceKey BETWEEN :from AND :until",
                Map.of(":patient", s(BillingItems.patientKey(practiceId, patientId)), ":from", s(from.toString()),
                        ":until", s(to.plusDays(1).toString())));
    }

    /** Reads the ByPatient index to the end: one patient's claims, never the practice's whole partition. */
    private List<StoredClaim> byPatient(String keyCondition, Map<String, AttributeValue> values) {
        List<StoredClaim> found = new ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        do {
            QueryResponse page = dynamo.query(QueryRequest.builder().tableName(table).indexName(BY_PATIENT)
                    .keyConditionExpression(keyCondition).expressionAttributeValues(values)
                    .exclusiveStartKey(startKey).build());
            page.items().forEach(item -> found.add(BillingItems.claim(item)));
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        return found;
    }

    @Override
    public StoredClaim recordScrub(String practiceId, String claimId, long expectedVersion, ScrubResult result, Instant at) {
        ClaimStatus to = ClaimStatus.valueOf(result.status().name());
        try {
            var response = dynamo.updateItem(UpdateItemRequest.builder().tableName(table)
                    .key(Keys.key(practiceId, BillingItems.CLAIM + claimId))
                    .updateExpression("SET #status = :to, findings = :findings, scrubProfile = :profile, "
                            + "scrubProfileVersion = :profileVersion, scrubPayerRules = :payerRules, scrubbedAt = :at, "
                            + "version = version + :one, "
                            + BillingItems.FIRST_SCRUB + " = if_not_exists(" + BillingItems.FIRST_SCRUB + ", :to), "
                            + BillingItems.FIRST_SCRUBBED_AT + " = if_not_exists(" + BillingItems.FIRST_SCRUBBED_AT + ", :at)"
                            + reviewQueue(to))
                    .conditionExpression("attribute_exists(pk) AND version = :version AND #status = :pending")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(withReviewQueue(to, Map.of(":to", s(to.name()),
                            ":findings", AttributeValue.fromL(result.findings().stream().map(DynamoClaimRepository::finding).toList()),
                            ":profile", s(result.profileId()), ":profileVersion", s(result.profileVersion()),
                            // 0: scrubbed under the profile alone (the payer set no rules for the date of service)
                            ":payerRules", n(result.payerRulesVersion() == null ? 0 : result.payerRulesVersion()),
                            ":at", s(at.toString()), ":one", n(1), ":version", n(expectedVersion),
                            ":pending", s(ClaimStatus.SCRUB_PENDING.name()))))
                    .returnValues(ReturnValue.ALL_NEW).build());
            return BillingItems.claim(response.attributes());
        } catch (ConditionalCheckFailedException e) {
            throw new StaleVersionException("The claim");
        }
    }

    @Override
    public Optional<ScrubRecord> scrubRecord(String practiceId, String claimId) {
        return item(practiceId, BillingItems.CLAIM + claimId).filter(item -> item.containsKey("scrubbedAt")).map(item -> {
            Attributes a = Attributes.of(item);
            long payerRules = a.optionalNumber("scrubPayerRules", 0);
            return new ScrubRecord(a.optionalString("scrubProfile"), a.optionalString("scrubProfileVersion"),
                    payerRules == 0 ? null : (int) payerRules, a.instant("scrubbedAt"), a.list("findings").stream().map(DynamoClaimRepository::finding).toList());
        });
    }

    @Override
    public StoredClaim correct(String practiceId, StoredClaim read, Claim corrected) {
        StoredClaim next = new StoredClaim(corrected, read.noteId(), read.noteSignedAt(), ClaimStatus.SCRUB_PENDING, false,
                read.createdAt(), read.version() + 1, read.response(), read.milestones());
        Map<String, AttributeValue> item = AppliedWrites.tokened(BillingItems.claim(practiceId, next));
        try {
            dynamo.putItem(PutItemRequest.builder().tableName(table).item(item)
                    .conditionExpression("attribute_exists(pk) AND version = :version AND #status IN (:ready, :review, :rejected)")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":version", n(read.version()),
                            ":ready", s(ClaimStatus.READY.name()), ":review", s(ClaimStatus.NEEDS_REVIEW.name()),
                            ":rejected", s(ClaimStatus.REJECTED.name())))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
            return next;
        } catch (ConditionalCheckFailedException e) {
            if (AppliedWrites.alreadyApplied(e, item)) {
                return next;
            }
            StoredClaim now = get(practiceId, corrected.id()).orElseThrow(() -> new StaleVersionException("The claim"));
            if (now.version() == read.version()) {
                throw new ClaimNotCorrectableException(corrected.id(), now.status());
            }
            throw new StaleVersionException("The claim");
        }
    }

    @Override
    public Optional<String> claimIdByControlNumber(String practiceId, String patientControlNumber) {
        if (patientControlNumber == null || patientControlNumber.isBlank()) {
            return Optional.empty();
        }
        QueryResponse page = dynamo.query(QueryRequest.builder().tableName(table).indexName(BillingItems.BY_CONTROL_NUMBER)
                .keyConditionExpression("#key = :key").expressionAttributeNames(Map.of("#key", BillingItems.CONTROL_KEY))
                .expressionAttributeValues(Map.of(":key", s(practiceId + "#" + patientControlNumber.strip().toUpperCase())))
                .build());
        return page.items().stream().map(item -> item.get(Keys.SK).s())
                .filter(sk -> sk.startsWith(BillingItems.CLAIM)).map(sk -> sk.substring(BillingItems.CLAIM.length())).findFirst();
    }

    @Override
    public StoredClaim respond(String practiceId, StoredClaim read, ClaimStatus to, PayerResponse response) {
        Instant at = response.acknowledgement() != null && response.acknowledgement().at() != null
                ? response.acknowledgement().at() : Instant.now();
        UpdateItemRequest update = responseUpdate(practiceId, read, to, response, at);
        try {
            return BillingItems.claim(dynamo.updateItem(update.toBuilder().returnValues(ReturnValue.ALL_NEW).build()).attributes());
        } catch (ConditionalCheckFailedException e) {
            throw new StaleVersionException("The claim");
        }
    }

    @Override
    public Optional<StoredClaim> post(String practiceId, StoredClaim read, Posting posting, ClaimStatus to, PayerResponse response) {
        UpdateItemRequest update = responseUpdate(practiceId, read, to, response, posting.postedAt());
        try {
            putNewAndUpdate(BillingItems.posting(practiceId, posting), update);
        } catch (TransactionCanceledException e) {
            if (failed(e, 0)) {
                return Optional.empty(); // posted before
            }
            if (failed(e, 1)) {
                throw new StaleVersionException("The claim");
            }
            throw e;
        }
        // The transaction set exactly these: no need to read the claim back.
        return Optional.of(new StoredClaim(read.claim(), read.noteId(), read.noteSignedAt(), to, read.queued(), read.createdAt(),
                read.version() + 1, response, read.milestones().answered(to, posting.postedAt(), response.denials())));
    }

    @Override
    public List<Posting> ledger(String practiceId, String claimId) {
        List<Posting> postings = new ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        do {
            QueryResponse page = dynamo.query(QueryRequest.builder().tableName(table)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                    .expressionAttributeValues(Map.of(":pk", s(practiceId), ":prefix", s(BillingItems.LEDGER + claimId + "#")))
                    .consistentRead(true).exclusiveStartKey(startKey).build());
            page.items().forEach(item -> postings.add(BillingItems.posting(item)));
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        postings.sort(java.util.Comparator.comparing(Posting::postedAt).thenComparing(Posting::id));
        return postings;
    }

    @Override
    public StoredClaim createSuccessor(String practiceId, StoredClaim original, StoredClaim successor) {
        PayerResponse closed = original.response().withSuccessor(successor.claim().id());
        UpdateItemRequest update = responseUpdate(practiceId, original, original.status(), closed, successor.createdAt());
        try {
            putNewAndUpdate(BillingItems.claim(practiceId, successor), update);
        } catch (TransactionCanceledException e) {
            throw new StaleVersionException("The claim");
        }
        return successor;
    }

    @Override
    public PracticeRepository.Page<StoredClaim> withOpenDenials(String practiceId, int limit, String cursor) {
        Map<String, AttributeValue> startKey = Cursors.decode(practiceId, cursor, key -> key.containsKey(BillingItems.REVIEW_QUEUE)
                && BillingItems.DENIALS.equals(key.get(BillingItems.REVIEW_QUEUE).s()) && practiceId.equals(key.get(Keys.PK).s()));
        return page(QueryRequest.builder().tableName(table).indexName(BillingItems.NEEDS_REVIEW_INDEX)
                .keyConditionExpression("#queue = :queue AND pk = :pk")
                .expressionAttributeNames(Map.of("#queue", BillingItems.REVIEW_QUEUE))
                .expressionAttributeValues(Map.of(":queue", s(BillingItems.DENIALS), ":pk", s(practiceId))).build(),
                startKey, limit, key -> item(practiceId, key.get(Keys.SK).s()).map(BillingItems::claim));
    }

    /**
     * Sets a claim's status and what came back for it, over the version read, keeping the work-queue key in step, and
     * records the milestones this move reaches first (each once: if_not_exists).
     */
    private UpdateItemRequest responseUpdate(String practiceId, StoredClaim read, ClaimStatus to, PayerResponse response,
                                             Instant at) {
        Map<String, String> names = new HashMap<>(Map.of("#status", "status"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":to", s(to.name()), ":one", n(1), ":version", n(read.version())));
        StringBuilder set = new StringBuilder("SET #status = :to, version = version + :one");
        List<String> remove = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, AttributeValue> e : BillingItems.responseValues(response).entrySet()) {
            names.put("#r" + i, e.getKey());
            values.put(":r" + i, e.getValue());
            set.append(", #r").append(i).append(" = :r").append(i);
            i++;
        }
        for (String[] single : new String[][] {{"payerClaimControlNumber", response.payerClaimControlNumber()},
                {"successorId", response.successorId()}}) {
            if (single[1] != null) {
                names.put("#r" + i, single[0]);
                values.put(":r" + i, s(single[1]));
                set.append(", #r").append(i).append(" = :r").append(i);
                i++;
            }
        }
        ClaimMilestones before = read.milestones();
        ClaimMilestones after = before.answered(to, at, response.denials());
        Map<String, AttributeValue> firsts = new java.util.LinkedHashMap<>();
        if (after.firstDecision() != before.firstDecision()) {
            firsts.put(BillingItems.FIRST_DECISION, s(after.firstDecision().name()));
            firsts.put(BillingItems.FIRST_DECISION_AT, s(after.firstDecisionAt().toString()));
        }
        if (after.firstAdjudication() != before.firstAdjudication()) {
            firsts.put(BillingItems.FIRST_ADJUDICATION, s(after.firstAdjudication().name()));
            firsts.put(BillingItems.FIRST_ADJUDICATED_AT, s(after.firstAdjudicatedAt().toString()));
            firsts.put(BillingItems.INITIAL_DENIALS, BillingItems.denials(after.initialDenials()));
        }
        for (Map.Entry<String, AttributeValue> e : firsts.entrySet()) {
            names.put("#r" + i, e.getKey());
            values.put(":r" + i, e.getValue());
            set.append(", #r").append(i).append(" = if_not_exists(#r").append(i).append(", :r").append(i).append(")");
            i++;
        }
        if (response.denialWork() == null) {
            remove.add("denialWork");
        }
        String queue = BillingItems.reviewQueue(to, response);
        if (queue != null) {
            set.append(", ").append(BillingItems.REVIEW_QUEUE).append(" = :queue");
            values.put(":queue", s(queue));
        } else {
            remove.add(BillingItems.REVIEW_QUEUE);
        }
        return UpdateItemRequest.builder().tableName(table).key(Keys.key(practiceId, BillingItems.CLAIM + read.claim().id()))
                .updateExpression(set + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove)))
                .conditionExpression("attribute_exists(pk) AND version = :version")
                .expressionAttributeNames(names).expressionAttributeValues(values).build();
    }

    /** One transaction: a new item (conditional on its key being new) and a conditional update. */
    private void putNewAndUpdate(Map<String, AttributeValue> item, UpdateItemRequest update) {
        dynamo.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
                        .conditionExpression("attribute_not_exists(pk)")).build(),
                TransactWriteItem.builder().update(u -> u.tableName(table).key(update.key())
                        .updateExpression(update.updateExpression()).conditionExpression(update.conditionExpression())
                        .expressionAttributeNames(update.expressionAttributeNames())
                        .expressionAttributeValues(update.expressionAttributeValues())).build()));
    }

    private static boolean failed(TransactionCanceledException e, int index) {
        return e.hasCancellationReasons() && e.cancellationReasons().size() > index
                && "ConditionalCheckFailed".equals(e.cancellationReasons().get(index).code());
    }

    /**
     * The update clause that keeps the sparse index key in step with a status change (set into NEEDS_REVIEW or
     * SCRUB_PENDING, removed otherwise).
     */
    private static String reviewQueue(ClaimStatus to) {
        return BillingItems.reviewQueue(to) != null ? ", " + BillingItems.REVIEW_QUEUE + " = :reviewQueue"
                : " REMOVE " + BillingItems.REVIEW_QUEUE;
    }

    private static Map<String, AttributeValue> withReviewQueue(ClaimStatus to, Map<String, AttributeValue> values) {
        String queue = BillingItems.reviewQueue(to);
        if (queue == null) {
            return values;
        }
        Map<String, AttributeValue> all = new HashMap<>(values);
        all.put(":reviewQueue", s(queue));
        return all;
    }

    private static AttributeValue finding(Finding f) {
        return AttributeValue.fromM(Attributes.builder().put("ruleId", f.ruleId()).put("severity", f.severity())
                .put("field", f.field()).put("message", f.message()).put("fixHint", f.fixHint()).build());
    }

    static Finding finding(AttributeValue value) {
        Attributes a = Attributes.of(value.m());
        return new Finding(a.string("ruleId"), a.enumValue("severity", Severity.class), a.optionalString("field"),
                a.optionalString("message"), a.optionalString("fixHint"));
    }
}
