package org.therapyops.dynamodb;

import org.therapyops.billing.remittance.EraRecord;
import org.therapyops.inbound.InboundDelivery;
import org.therapyops.inbound.Integration;
import org.therapyops.inbound.WebhookEndpoint;
import org.therapyops.ports.InboundDeliveryRepository;
import org.therapyops.ports.IntegrationRepository;
import org.therapyops.ports.PracticeRepository;
import org.therapyops.ports.RemittanceRepository;
import org.therapyops.ports.StaleVersionException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The Inbound table's repositories: integrations (with the webhook door's lookup), deliveries and ERAs. */
public final class DynamoInboundRepositories {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoInboundRepositories(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public IntegrationRepository integrations() {
        return new Integrations();
    }

    public InboundDeliveryRepository deliveries() {
        return new Deliveries();
    }

    public RemittanceRepository remittances() {
        return new Remittances();
    }

    private Optional<Map<String, AttributeValue>> item(String pk, String sk) {
        var response = dynamo.getItem(b -> b.tableName(table).key(Map.of(Keys.PK, AttributeValue.fromS(pk), Keys.SK,
                AttributeValue.fromS(sk))).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    }

    /** Newest first from the ByTime index, under one kind prefix, with an optional filter on status. */
    private <T> PracticeRepository.Page<T> newestFirst(String practiceId, String prefix, String status, int limit, String cursor,
                                                       Function<Map<String, AttributeValue>, T> mapper) {
        Map<String, AttributeValue> startKey = Cursors.decode(practiceId, cursor, key -> key.containsKey(InboundItems.TIME_KEY)
                && key.get(InboundItems.TIME_KEY).s().startsWith(prefix));
        Map<String, String> names = new HashMap<>(Map.of("#time", InboundItems.TIME_KEY));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", AttributeValue.fromS(practiceId),
                ":prefix", AttributeValue.fromS(prefix)));
        if (status != null) {
            names.put("#status", "status");
            values.put(":status", AttributeValue.fromS(status));
        }
        List<T> items = new ArrayList<>();
        Map<String, AttributeValue> last;
        do {
            QueryResponse page = dynamo.query(QueryRequest.builder().tableName(table).indexName(InboundItems.BY_TIME)
                    .keyConditionExpression("pk = :pk AND begins_with(#time, :prefix)")
                    .filterExpression(status == null ? null : "#status = :status")
                    .expressionAttributeNames(names).expressionAttributeValues(values).scanIndexForward(false)
                    .exclusiveStartKey(startKey).limit(limit - items.size()).build());
            page.items().forEach(i -> items.add(mapper.apply(i)));
            last = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            startKey = last;
        } while (last != null && items.size() < limit);
        return new PracticeRepository.Page<>(items, last == null ? null : Cursors.encode(last));
    }

    private final class Integrations implements IntegrationRepository {

        @Override
        public void create(Integration integration, String secret) {
            Map<String, AttributeValue> endpoint = Attributes.builder().put(Keys.PK, InboundItems.WEBHOOK + integration.id())
                    .put(Keys.SK, "WEBHOOK").put("type", "WEBHOOK").put("practiceId", integration.practiceId()).putBool("active", true)
                    .putList("secrets", List.of(secret), AttributeValue::fromS)
                    .putStringList("secretIds", integration.secrets().stream().map(Integration.SecretInfo::id).toList()).build();
            dynamo.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(InboundItems.integration(integration))
                            .conditionExpression("attribute_not_exists(pk)")).build(),
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(endpoint)
                            .conditionExpression("attribute_not_exists(pk)")).build()));
        }

        @Override
        public Optional<Integration> get(String practiceId, String integrationId) {
            return item(practiceId, InboundItems.INTEGRATION + integrationId).map(InboundItems::integration);
        }

        @Override
        public PracticeRepository.Page<Integration> list(String practiceId, int limit, String cursor) {
            return newestFirst(practiceId, InboundItems.INTEGRATION, null, limit, cursor, InboundItems::integration);
        }

        @Override
        public Optional<WebhookEndpoint> endpoint(String integrationId) {
            return item(InboundItems.WEBHOOK + integrationId, "WEBHOOK").map(item -> {
                Attributes a = Attributes.of(item);
                return new WebhookEndpoint(integrationId, a.string("practiceId"), a.bool("active"), a.stringList("secrets"));
            });
        }

        @Override
        public Integration revoke(Integration read, String by, Instant at) {
            Integration next = new Integration(read.id(), read.practiceId(), read.name(), read.kind(), Integration.Status.REVOKED,
                    read.secrets(), read.createdAt(), read.createdBy(), at, by, read.version() + 1);
            write(read, next, "SET active = :no, secrets = :none", Map.of(":no", AttributeValue.fromBool(false),
                    ":none", AttributeValue.fromL(List.of())));
            return next;
        }

        @Override
        public Integration addSecret(Integration read, String secretId, String secret, Instant at) {
            List<Integration.SecretInfo> infos = new ArrayList<>();
            infos.add(new Integration.SecretInfo(secretId, at, null));
            infos.addAll(read.secrets());
            Integration next = new Integration(read.id(), read.practiceId(), read.name(), read.kind(), read.status(), infos,
                    read.createdAt(), read.createdBy(), read.revokedAt(), read.revokedBy(), read.version() + 1);
            // Newest first, so the door tries the secret integrators are moving to before the old one.
            write(read, next, "SET secrets = list_append(:new, secrets)", Map.of(":new",
                    AttributeValue.fromL(List.of(AttributeValue.fromS(secret)))));
            return next;
        }

        @Override
        public Integration retireOlderSecrets(Integration read, Instant at) {
            List<Integration.SecretInfo> infos = new ArrayList<>();
            for (int i = 0; i < read.secrets().size(); i++) {
                Integration.SecretInfo s = read.secrets().get(i);
                infos.add(i == 0 || s.retiredAt() != null ? s : new Integration.SecretInfo(s.id(), s.createdAt(), at));
            }
            Integration next = new Integration(read.id(), read.practiceId(), read.name(), read.kind(), read.status(), infos,
                    read.createdAt(), read.createdBy(), read.revokedAt(), read.revokedBy(), read.version() + 1);
            Map<String, AttributeValue> endpoint = item(InboundItems.WEBHOOK + read.id(), "WEBHOOK").orElseThrow(
                    () -> new StaleVersionException("The integration"));
            List<AttributeValue> secrets = endpoint.get("secrets").l();
            write(read, next, "SET secrets = :kept", Map.of(":kept", AttributeValue.fromL(secrets.isEmpty() ? List.of()
                    : List.of(secrets.get(0)))));
            return next;
        }

        /** The practice's record replaced over the version read, and the door's updated with it, both or neither. */
        private void write(Integration read, Integration next, String endpointUpdate, Map<String, AttributeValue> endpointValues) {
            try {
                dynamo.transactWriteItems(b -> b.transactItems(
                        TransactWriteItem.builder().put(p -> p.tableName(table).item(InboundItems.integration(next))
                                .conditionExpression("version = :version").expressionAttributeValues(Map.of(":version",
                                        AttributeValue.fromN(Long.toString(read.version()))))).build(),
                        TransactWriteItem.builder().update(u -> u.tableName(table).key(Map.of(Keys.PK,
                                        AttributeValue.fromS(InboundItems.WEBHOOK + read.id()), Keys.SK, AttributeValue.fromS("WEBHOOK")))
                                .updateExpression(endpointUpdate).conditionExpression("attribute_exists(pk)")
                                .expressionAttributeValues(endpointValues)).build()));
            } catch (TransactionCanceledException e) {
                throw new StaleVersionException("The integration");
            }
        }
    }

    private final class Deliveries implements InboundDeliveryRepository {

        @Override
        public boolean createIfAbsent(InboundDelivery delivery) {
            try {
                dynamo.putItem(b -> b.tableName(table).item(InboundItems.delivery(delivery)).conditionExpression("attribute_not_exists(pk)"));
                return true;
            } catch (ConditionalCheckFailedException e) {
                return false;
            }
        }

        @Override
        public Optional<InboundDelivery> get(String practiceId, String deliveryId) {
            return item(practiceId, InboundItems.DELIVERY + deliveryId).map(InboundItems::delivery);
        }

        @Override
        public void markQueued(String practiceId, String deliveryId) {
            dynamo.updateItem(b -> b.tableName(table).key(Keys.key(practiceId, InboundItems.DELIVERY + deliveryId))
                    .updateExpression("SET queued = :yes").conditionExpression("attribute_exists(pk)")
                    .expressionAttributeValues(Map.of(":yes", AttributeValue.fromBool(true))));
        }

        @Override
        public InboundDelivery recordOutcome(String practiceId, String deliveryId, InboundDelivery.Status status, String kind,
                                             List<String> changes, String error, Instant at) {
            Map<String, AttributeValue> values = new HashMap<>(Map.of(":status", AttributeValue.fromS(status.name()),
                    ":changes", AttributeValue.fromL(changes.stream().map(AttributeValue::fromS).toList()),
                    ":at", AttributeValue.fromS(at.toString()), ":one", AttributeValue.fromN("1"),
                    ":zero", AttributeValue.fromN("0")));
            StringBuilder set = new StringBuilder("SET #status = :status, #changes = :changes, #appliedAt = :at, "
                    + "#attempts = if_not_exists(#attempts, :zero) + :one, #version = #version + :one");
            List<String> remove = new ArrayList<>(List.of("leaseUntil"));
            if (kind != null) {
                set.append(", #kind = :kind");
                values.put(":kind", AttributeValue.fromS(kind));
            }
            if (error != null) {
                set.append(", #error = :error");
                values.put(":error", AttributeValue.fromS(error));
            } else {
                remove.add("#error");
            }
            values.put(":applied", AttributeValue.fromS(InboundDelivery.Status.APPLIED.name()));
            values.put(":attention", AttributeValue.fromS(InboundDelivery.Status.NEEDS_ATTENTION.name()));
            try {
                return InboundItems.delivery(dynamo.updateItem(b -> b.tableName(table)
                        .key(Keys.key(practiceId, InboundItems.DELIVERY + deliveryId))
                        .updateExpression(set + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove)))
                        // A settled outcome stands: a receipt whose lease ran out while it worked records nothing over it.
                        .conditionExpression("attribute_exists(pk) AND NOT #status IN (:applied, :attention)")
                        .expressionAttributeNames(names(kind != null))
                        .expressionAttributeValues(values).returnValues(ReturnValue.ALL_NEW)).attributes());
            } catch (ConditionalCheckFailedException settled) {
                return get(practiceId, deliveryId).orElseThrow(() -> settled);
            }
        }

        private Map<String, String> names(boolean withKind) {
            Map<String, String> names = new HashMap<>(Map.of("#status", "status", "#error", "error", "#changes", "changes",
                    "#appliedAt", "appliedAt", "#attempts", "attempts", "#version", "version"));
            if (withKind) {
                names.put("#kind", "kind");
            }
            return names;
        }

        @Override
        public boolean claim(String practiceId, String deliveryId, Instant now, Instant leaseUntil) {
            try {
                dynamo.updateItem(b -> b.tableName(table).key(Keys.key(practiceId, InboundItems.DELIVERY + deliveryId))
                        .updateExpression("SET leaseUntil = :lease")
                        .conditionExpression("attribute_exists(pk) AND NOT #status IN (:applied, :attention) "
                                + "AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)")
                        .expressionAttributeNames(Map.of("#status", "status"))
                        .expressionAttributeValues(Map.of(":lease", AttributeValue.fromS(leaseUntil.toString()),
                                ":now", AttributeValue.fromS(now.toString()),
                                ":applied", AttributeValue.fromS(InboundDelivery.Status.APPLIED.name()),
                                ":attention", AttributeValue.fromS(InboundDelivery.Status.NEEDS_ATTENTION.name()))));
                return true;
            } catch (ConditionalCheckFailedException held) {
                return false;
            }
        }

        @Override
        public InboundDelivery reopen(String practiceId, String deliveryId) {
            return InboundItems.delivery(dynamo.updateItem(b -> b.tableName(table)
                    .key(Keys.key(practiceId, InboundItems.DELIVERY + deliveryId))
                    .updateExpression("SET #status = :received, queued = :no, version = version + :one REMOVE leaseUntil")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":received", AttributeValue.fromS(InboundDelivery.Status.RECEIVED.name()),
                            ":no", AttributeValue.fromBool(false), ":one", AttributeValue.fromN("1")))
                    .returnValues(ReturnValue.ALL_NEW)).attributes());
        }

        @Override
        public PracticeRepository.Page<InboundDelivery> list(String practiceId, InboundDelivery.Status status, int limit, String cursor) {
            return newestFirst(practiceId, InboundItems.DELIVERY, status == null ? null : status.name(), limit, cursor,
                    InboundItems::delivery);
        }
    }

    private final class Remittances implements RemittanceRepository {

        @Override
        public Optional<EraRecord> get(String practiceId, String eraId) {
            return item(practiceId, InboundItems.ERA + eraId).map(InboundItems::era);
        }

        @Override
        public void save(String practiceId, EraRecord era) {
            // Everything but the deliveries is the same whichever application writes last; the deliveries are a set that
            // only grows, so that two deliveries of one ERA applied at once both stay named.
            Map<String, AttributeValue> item = InboundItems.era(practiceId, era);
            item.remove("deliveryIds");
            Map<String, String> names = new HashMap<>();
            Map<String, AttributeValue> values = new HashMap<>();
            List<String> sets = Keys.setEvery(item, names, values);
            names.put("#deliveries", "deliveryIds");
            values.put(":deliveries", AttributeValue.fromSs(era.deliveryIds()));
            dynamo.updateItem(b -> b.tableName(table).key(Keys.key(practiceId, InboundItems.ERA + era.id()))
                    .updateExpression("SET " + String.join(", ", sets) + " ADD #deliveries :deliveries")
                    .expressionAttributeNames(names).expressionAttributeValues(values));
        }

        @Override
        public PracticeRepository.Page<EraRecord> list(String practiceId, EraRecord.Status status, int limit, String cursor) {
            return newestFirst(practiceId, InboundItems.ERA, status == null ? null : status.name(), limit, cursor, InboundItems::era);
        }
    }
}
