package org.therapyops.dynamodb;

import org.therapyops.domain.Authorization;
import org.therapyops.domain.Coverage;
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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    public PracticeSettings settings(String practiceId) {
        return get(practiceId, Keys.SETTINGS, ItemMapper::settings).orElseGet(PracticeSettings::defaults);
    }

    @Override
    public void saveSettings(String practiceId, PracticeSettings settings, long expectedVersion) {
        PracticeSettings next = new PracticeSettings(settings.schedulingPolicy(), settings.overrideRole(), settings.timeZone(),
                settings.alerts(), settings.recipientsByRole(), expectedVersion + 1);
        try {
            dynamo.putItem(PutItemRequest.builder().tableName(table).item(ItemMapper.settings(practiceId, next))
                    .conditionExpression(expectedVersion == 0 ? "attribute_not_exists(pk)" : "version = :v")
                    .expressionAttributeValues(expectedVersion == 0 ? null : Map.of(":v", AttributeValue.fromN(Long.toString(expectedVersion))))
                    .build());
        } catch (ConditionalCheckFailedException e) {
            throw new StaleVersionException("The practice's settings");
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

    private void putNew(Map<String, AttributeValue> item) {
        try {
            dynamo.putItem(PutItemRequest.builder().tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk)").build());
        } catch (ConditionalCheckFailedException e) {
            throw new DuplicateIdException(Attributes.of(item).string(Keys.SK));
        }
    }

    private <T> Optional<T> get(String practiceId, String sortKey, Function<Map<String, AttributeValue>, T> mapper) {
        var response = dynamo.getItem(GetItemRequest.builder().tableName(table).key(Keys.key(practiceId, sortKey))
                .consistentRead(true).build());
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(mapper.apply(response.item())) : Optional.empty();
    }
}
