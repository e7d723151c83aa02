package org.therapyops.dynamodb;

import org.therapyops.domain.Authorization;
import org.therapyops.billing.charges.FeeSchedule;
import org.therapyops.billing.charges.KxThresholds;
import org.therapyops.domain.BillingProfile;
import org.therapyops.domain.Coverage;
import org.therapyops.domain.Discipline;
import org.therapyops.domain.PayerType;
import org.therapyops.ports.InvalidCursorException;
import org.therapyops.domain.Patient;
import org.therapyops.domain.Payer;
import org.therapyops.domain.Provider;
import org.therapyops.ports.PracticeRepository;
import org.therapyops.ports.StaleVersionException;
import org.therapyops.domain.PracticeSettings;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** {@link PracticeRepository} on the Practice table. */
public final class DynamoPracticeRepository implements PracticeRepository {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoPracticeRepository(DynamoDbClient dynamo, Tables tables) {
        this.dynamo = dynamo;
        this.table = tables.practice();
    }

    @Override
    public void create(String practiceId, Patient patient) {
        putNew(ItemMapper.patient(practiceId, patient));
    }

    @Override
    public void create(String practiceId, Payer payer) {
        putNew(ItemMapper.payer(practiceId, payer));
    }

    @Override
    public void create(String practiceId, Provider provider) {
        putNew(ItemMapper.provider(practiceId, provider));
    }

    @Override
    public void create(String practiceId, Coverage coverage) {
        putNew(ItemMapper.coverage(practiceId, coverage));
    }

    @Override
    public void create(String practiceId, Authorization authorization) {
        putNew(ItemMapper.authorization(practiceId, authorization));
    }

    @Override
    public Optional<Patient> patient(String practiceId, String patientId) {
        return get(practiceId, Keys.patient(patientId), ItemMapper::patient);
    }

    @Override
    public Optional<Payer> payer(String practiceId, String payerId) {
        return get(practiceId, Keys.payer(payerId), ItemMapper::payer);
    }

    @Override
    public Optional<Provider> provider(String practiceId, String providerId) {
        return get(practiceId, Keys.provider(providerId), ItemMapper::provider);
    }

    @Override
    public Optional<Coverage> coverage(String practiceId, String patientId, String coverageId) {
        return get(practiceId, Keys.coverage(patientId, coverageId), ItemMapper::coverage);
    }

    @Override
    public Optional<Authorization> authorization(String practiceId, String patientId, String authorizationId) {
        return get(practiceId, Keys.authorization(patientId, authorizationId), ItemMapper::authorization);
    }

    @Override
    public Patient update(String practiceId, Patient p) {
        Patient next = new Patient(p.id(), p.firstName(), p.lastName(), p.birthDate(), p.sex(), p.address(), p.createdAt(), p.version() + 1);
        replace(ItemMapper.patient(practiceId, next), p.version(), Set.of("sex"), "The patient");
        return next;
    }

    @Override
    public Payer update(String practiceId, Payer p) {
        Payer next = p.withVersion(p.version() + 1);
        // The attributes of items written before rule versions go: their values are in ruleVersions now.
        replace(ItemMapper.payer(practiceId, next), p.version(), Set.of("ruleVersions", "authorizationRequired",
                "authorizationCodes", "unitRounding", "timelyFilingDays", "posHome", "posOther", "telehealthModifier"), "The payer");
        return next;
    }

    @Override
    public Provider update(String practiceId, Provider p) {
        Provider next = new Provider(p.id(), p.npi(), p.firstName(), p.lastName(), p.discipline(), p.taxonomy(), p.credential(),
                p.supervisorId(), p.createdAt(), p.version() + 1);
        replace(ItemMapper.provider(practiceId, next), p.version(), Set.of("taxonomy", "credential", "supervisorId"), "The provider");
        return next;
    }

    @Override
    public Coverage update(String practiceId, Coverage c) {
        Coverage next = new Coverage(c.id(), c.patientId(), c.payerId(), c.memberId(), c.priority(), c.effectiveFrom(),
                c.effectiveTo(), c.createdAt(), c.version() + 1);
        replace(ItemMapper.coverage(practiceId, next), c.version(), Set.of("effectiveTo"), "The coverage");
        return next;
    }

    @Override
    public Authorization update(String practiceId, Authorization z) {
        Authorization next = new Authorization(z.id(), z.patientId(), z.coverageId(), z.number(), z.serviceCodes(), z.unitType(),
                z.authorized(), z.scheduled(), z.rendered(), z.startDate(), z.endDate(), z.discipline(), z.createdAt(), z.version() + 1);
        Map<String, AttributeValue> item = ItemMapper.authorization(practiceId, next);
        // The counters belong to the authorization check; the version condition guarantees they are the ones read.
        item.keySet().removeAll(Set.of("scheduled", "rendered", "unitType", "coverageId", "patientId", "createdAt", "type", "id"));
        replace(item, z.version(), Set.of("discipline"), "The authorization");
        return next;
    }

    @Override
    public Page<Patient> patients(String practiceId, String lastNamePrefix, int limit, String cursor) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":type", Keys.s("PATIENT")));
        String filter = "#type = :type";
        if (lastNamePrefix != null) {
            filter += " AND begins_with(lastNameKey, :name)";
            values.put(":name", Keys.s(ItemMapper.lastNameKey(lastNamePrefix)));
        }
        return list(practiceId, "PATIENT#", filter, values, limit, cursor, ItemMapper::patient);
    }

    @Override
    public Page<Payer> payers(String practiceId, PayerType payerType, int limit, String cursor) {
        return payerType == null ? list(practiceId, "PAYER#", null, Map.of(), limit, cursor, ItemMapper::payer)
                : list(practiceId, "PAYER#", payerType == PayerType.OTHER ? "(payerType = :t OR attribute_not_exists(payerType))"
                : "payerType = :t", Map.of(":t", Keys.s(payerType.name())), limit, cursor, ItemMapper::payer);
    }

    @Override
    public Page<Provider> providers(String practiceId, Discipline discipline, int limit, String cursor) {
        return discipline == null ? list(practiceId, "PROVIDER#", null, Map.of(), limit, cursor, ItemMapper::provider)
                : list(practiceId, "PROVIDER#", "discipline = :d", Map.of(":d", Keys.s(discipline.name())), limit, cursor,
                ItemMapper::provider);
    }

    @Override
    public Page<Coverage> coverages(String practiceId, String patientId, LocalDate activeOn, int limit, String cursor) {
        String prefix = Keys.coverage(patientId, "");
        return activeOn == null ? list(practiceId, prefix, null, Map.of(), limit, cursor, ItemMapper::coverage)
                : list(practiceId, prefix, "effectiveFrom <= :d AND (attribute_not_exists(effectiveTo) OR effectiveTo >= :d)",
                Map.of(":d", Keys.s(activeOn.toString())), limit, cursor, ItemMapper::coverage);
    }

    @Override
    public Page<Authorization> authorizations(String practiceId, String patientId, LocalDate activeOn, String serviceCode,
                                              int limit, String cursor) {
        List<String> conditions = new ArrayList<>();
        Map<String, AttributeValue> values = new HashMap<>();
        if (activeOn != null) {
            conditions.add("startDate <= :d AND endDate >= :d"); // ISO dates compare as strings
            values.put(":d", Keys.s(activeOn.toString()));
        }
        if (serviceCode != null) {
            conditions.add("contains(serviceCodes, :code)");
            values.put(":code", Keys.s(serviceCode));
        }
        return list(practiceId, Keys.authorization(patientId, ""), conditions.isEmpty() ? null : String.join(" AND ", conditions),
                values, limit, cursor, ItemMapper::authorization);
    }

    @Override
    public List<Coverage> coveragesByMember(String practiceId, String memberId) {
        if (memberId == null || memberId.isBlank()) {
            return List.of();
        }
        List<Coverage> result = new ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        do {
            var page = dynamo.query(QueryRequest.builder().tableName(table).indexName(ItemMapper.BY_MEMBER)
                    .keyConditionExpression("#key = :key").expressionAttributeNames(Map.of("#key", ItemMapper.MEMBER_KEY))
                    .expressionAttributeValues(Map.of(":key", Keys.s(ItemMapper.memberKey(practiceId, memberId))))
                    .exclusiveStartKey(startKey).build());
            page.items().forEach(item -> result.add(ItemMapper.coverage(item)));
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        return result;
    }

    @Override
    public List<Authorization> practiceAuthorizations(String practiceId) {
        List<Authorization> result = new ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        do {
            var page = dynamo.query(QueryRequest.builder().tableName(table)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                    .filterExpression("#type = :type").expressionAttributeNames(Map.of("#type", "type"))
                    .expressionAttributeValues(Map.of(":pk", Keys.s(practiceId), ":prefix", Keys.s("PATIENT#"),
                            ":type", Keys.s("AUTHORIZATION")))
                    .exclusiveStartKey(startKey).build());
            page.items().forEach(item -> result.add(ItemMapper.authorization(item)));
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        return result;
    }

    @Override
    public PracticeSettings settings(String practiceId) {
        return get(practiceId, Keys.SETTINGS, ItemMapper::settings).orElseGet(PracticeSettings::defaults);
    }

    @Override
    public void saveSettings(String practiceId, PracticeSettings settings, long expectedVersion) {
        PracticeSettings next = settings.withVersion(expectedVersion + 1);
        putVersioned(ItemMapper.settings(practiceId, next), expectedVersion, "The practice's settings");
    }

    @Override
    public Optional<Versioned<FeeSchedule>> feeSchedule(String practiceId) {
        return get(practiceId, Keys.FEE_SCHEDULE, ItemMapper::feeSchedule);
    }

    @Override
    public void saveFeeSchedule(String practiceId, FeeSchedule schedule, long expectedVersion) {
        putVersioned(ItemMapper.feeSchedule(practiceId, schedule, expectedVersion + 1), expectedVersion, "The practice's fee schedule");
    }

    @Override
    public Optional<Versioned<KxThresholds>> kxThresholds(String practiceId) {
        return get(practiceId, Keys.KX_THRESHOLDS, ItemMapper::kxThresholds);
    }

    @Override
    public void saveKxThresholds(String practiceId, KxThresholds thresholds, long expectedVersion) {
        putVersioned(ItemMapper.kxThresholds(practiceId, thresholds, expectedVersion + 1), expectedVersion, "The practice's KX thresholds");
    }

    @Override
    public Optional<BillingProfile> billingProfile(String practiceId) {
        return get(practiceId, Keys.BILLING_PROFILE, ItemMapper::billingProfile);
    }

    @Override
    public void saveBillingProfile(String practiceId, BillingProfile profile, long expectedVersion) {
        BillingProfile next = new BillingProfile(profile.organizationName(), profile.npi(), profile.taxId(), profile.taxonomy(),
                profile.address(), profile.submitter(), expectedVersion + 1);
        putVersioned(ItemMapper.billingProfile(practiceId, next), expectedVersion, "The practice's billing profile");
    }

    /** Puts a practice-wide record (settings, billing profile, fee schedule, KX thresholds) over the version read; 0: none yet. */
    private void putVersioned(Map<String, AttributeValue> record, long expectedVersion, String what) {
        Map<String, AttributeValue> item = AppliedWrites.tokened(record);
        try {
            dynamo.putItem(PutItemRequest.builder().tableName(table).item(item)
                    .conditionExpression(expectedVersion == 0 ? "attribute_not_exists(pk)" : "version = :v")
                    .expressionAttributeValues(expectedVersion == 0 ? null : Map.of(":v", AttributeValue.fromN(Long.toString(expectedVersion))))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
        } catch (ConditionalCheckFailedException e) {
            if (!AppliedWrites.alreadyApplied(e, item)) {
                throw new StaleVersionException(what);
            }
        }
    }

    @Override
    public PatientBenefits benefits(String practiceId, String patientId) {
        List<Coverage> coverages = new ArrayList<>();
        List<Authorization> authorizations = new ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        do {
            var page = dynamo.query(QueryRequest.builder().tableName(table).consistentRead(true)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                    .expressionAttributeValues(Map.of(":pk", Keys.s(practiceId), ":prefix", Keys.s(Keys.patientChildren(patientId))))
                    .exclusiveStartKey(startKey).build());
            for (Map<String, AttributeValue> item : page.items()) {
                switch (Attributes.of(item).string("type")) {
                    case "COVERAGE" -> coverages.add(ItemMapper.coverage(item));
                    case "AUTHORIZATION" -> authorizations.add(ItemMapper.authorization(item));
                    default -> { }
                }
            }
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        return new PatientBenefits(List.copyOf(coverages), List.copyOf(authorizations));
    }

    /**
     * Queries the practice's partition under a sort-key prefix, keeps filling until {@code limit} items pass the
     * filter or the prefix is exhausted, and answers the key of the last item kept as the next cursor.
     */
    private <T> Page<T> list(String practiceId, String prefix, String filter, Map<String, AttributeValue> filterValues,
                             int limit, String cursor, Function<Map<String, AttributeValue>, T> mapper) {
        Map<String, AttributeValue> values = new HashMap<>(filterValues);
        values.put(":pk", Keys.s(practiceId));
        values.put(":prefix", Keys.s(prefix));
        Map<String, String> names = filter != null && filter.contains("#type") ? Map.of("#type", "type") : null;
        Map<String, AttributeValue> startKey = Cursors.decode(practiceId, cursor,
                key -> key.containsKey(Keys.SK) && key.get(Keys.SK).s().startsWith(prefix));
        List<Map<String, AttributeValue>> kept = new ArrayList<>();
        while (true) {
            QueryResponse page = dynamo.query(QueryRequest.builder().tableName(table)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                    .filterExpression(filter).expressionAttributeNames(names).expressionAttributeValues(values)
                    .exclusiveStartKey(startKey).limit(limit - kept.size() + 1).build());
            boolean more = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty();
            for (Map<String, AttributeValue> item : page.items()) {
                if (kept.size() == limit) {
                    more = true;
                    break;
                }
                kept.add(item);
            }
            if (!more) {
                return new Page<>(kept.stream().map(mapper).toList(), null);
            }
            if (kept.size() == limit) {
                Map<String, AttributeValue> last = kept.get(kept.size() - 1);
                return new Page<>(kept.stream().map(mapper).toList(),
                        Cursors.encode(Map.of(Keys.PK, last.get(Keys.PK), Keys.SK, last.get(Keys.SK))));
            }
            startKey = page.lastEvaluatedKey();
        }
    }

    /**
     * Writes the item's attributes over the stored item at {@code expectedVersion} (one UpdateItem, so attributes
     * other code keeps on the item survive) and removes the optional ones the new state leaves out.
     */
    private void replace(Map<String, AttributeValue> record, long expectedVersion, Set<String> optional, String what) {
        Map<String, AttributeValue> item = AppliedWrites.tokened(record);
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> sets = Keys.setEvery(item, names, values);
        List<String> removes = new ArrayList<>();
        for (String name : optional) {
            if (!item.containsKey(name)) {
                String n = "#a" + names.size();
                names.put(n, name);
                removes.add(n);
            }
        }
        names.put("#version", "version");
        values.put(":expected", AttributeValue.fromN(Long.toString(expectedVersion)));
        String update = "SET " + String.join(", ", sets) + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes));
        try {
            dynamo.updateItem(UpdateItemRequest.builder().tableName(table)
                    .key(Keys.key(item.get(Keys.PK).s(), item.get(Keys.SK).s()))
                    .updateExpression(update).conditionExpression("#version = :expected")
                    .expressionAttributeNames(names).expressionAttributeValues(values)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build());
        } catch (ConditionalCheckFailedException e) {
            if (!AppliedWrites.alreadyApplied(e, item)) {
                throw new StaleVersionException(what);
            }
        }
    }

    private void putNew(Map<String, AttributeValue> record) {
        Map<String, AttributeValue> item = AppliedWrites.tokened(record);
        try {
            dynamo.putItem(PutItemRequest.builder().tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk)")
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build());
        } catch (ConditionalCheckFailedException e) {
            if (!AppliedWrites.alreadyApplied(e, item)) {
                throw new DuplicateIdException(Attributes.of(item).string(Keys.SK));
            }
        }
    }

    private <T> Optional<T> get(String practiceId, String sortKey, Function<Map<String, AttributeValue>, T> mapper) {
        var response = dynamo.getItem(GetItemRequest.builder().tableName(table).key(Keys.key(practiceId, sortKey))
                .consistentRead(true).build());
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(mapper.apply(response.item())) : Optional.empty();
    }
}
