package org.therapyops.dynamodb;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.therapyops.domain.Authorization;
import org.therapyops.domain.UnitType;
import org.therapyops.ports.ExpiringAuthorizations.Ending;
import org.therapyops.testing.Moto;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The expiry scan's read of the Practice table's AuthorizationsByEndDate index (as template.yaml declares it), on the emulator. */
class DynamoExpiringAuthorizationsTest {

    private static final LocalDate FIRST = LocalDate.of(2026, 12, 6);
    private static final LocalDate LAST = FIRST.plusDays(62);
    private static DynamoDbClient dynamo;
    private static DynamoExpiringAuthorizations expiring;
    private static String table;

    @BeforeAll
    static void table() {
        dynamo = Moto.shared().dynamo();
        String name = "practice-" + UUID.randomUUID().toString().substring(0, 8);
        dynamo.createTable(b -> b.tableName(name).billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(attribute("pk"), attribute("sk"), attribute("type"), attribute("endDate"))
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName(DynamoExpiringAuthorizations.INDEX)
                        .keySchema(key("type", KeyType.HASH), key("endDate", KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)).build()));
        table = name;
        expiring = new DynamoExpiringAuthorizations(dynamo, name);
        put(name, "practice-a", "before", FIRST.minusDays(1));
        put(name, "practice-a", "first", FIRST);
        put(name, "practice-b", "first-b", FIRST);
        put(name, "practice-a", "ninth", FIRST.plusDays(9));
        for (int i = 0; i < 5; i++) {
            put(name, "practice-" + i, "busy-" + i, FIRST.plusDays(30));
        }
        for (int i = 0; i < 130; i++) {
            put(name, "practice-c", String.format("many-%03d", i), FIRST.plusDays(40));
        }
        put(name, "practice-b", "last", LAST);
        put(name, "practice-a", "after", LAST.plusDays(1));
    }

    @Test
    void aSpanOfDaysReturnsEveryAuthorizationEndingInItInEndDateOrderAndNothingOutside() {
        List<Ending> span = expiring.endingBetween(FIRST, LAST);

        assertThat(span).extracting(e -> e.authorization().endDate()).isSorted();
        assertThat(span).filteredOn(e -> !e.authorization().id().startsWith("many-")).extracting(e -> e.authorization().id())
                .containsExactly("first", "first-b", "ninth", "busy-0", "busy-1", "busy-2", "busy-3", "busy-4", "last");
        assertThat(span).as("more than one batch of reads").filteredOn(e -> e.authorization().id().startsWith("many-"))
                .hasSize(130).extracting(Ending::practiceId).containsOnly("practice-c");
        assertThat(span).filteredOn(e -> e.authorization().id().equals("last"))
                .extracting(Ending::practiceId).containsExactly("practice-b");
    }

    @Test
    void theAuthorizationIsReadAsItIsNowNotAsTheIndexSawIt() {
        LocalDate day = LAST.plusDays(30);
        put(table, "practice-d", "moving", day);
        dynamo.updateItem(b -> b.tableName(table)
                .key(Map.of(Keys.PK, Keys.s("practice-d"), Keys.SK, Keys.s(Keys.authorization("patient-1", "moving"))))
                .updateExpression("SET scheduled = :s, remaining = :r")
                .expressionAttributeValues(Map.of(":s", AttributeValue.fromN("9"), ":r", AttributeValue.fromN("0"))));

        assertThat(expiring.endingBetween(day, day)).singleElement()
                .satisfies(e -> assertThat(e.authorization().remaining()).isZero());
    }

    @Test
    void oneDayAndAnEmptySpan() {
        assertThat(expiring.endingBetween(LAST, LAST)).extracting(e -> e.authorization().id()).containsExactly("last");
        assertThat(expiring.endingBetween(FIRST.plusDays(1), FIRST.plusDays(8))).isEmpty();
        assertThat(expiring.endingBetween(LAST, FIRST)).isEmpty();
    }

    @Test
    void aSpanThatCannotBeReadFailsWithTheServiceError() {
        DynamoExpiringAuthorizations missing = new DynamoExpiringAuthorizations(dynamo, "no-such-table-" + UUID.randomUUID());

        assertThatThrownBy(() -> missing.endingBetween(FIRST, LAST)).isInstanceOf(ResourceNotFoundException.class);
    }

    private static void put(String table, String practice, String id, LocalDate endDate) {
        dynamo.putItem(b -> b.tableName(table).item(ItemMapper.authorization(practice, authorization(id, endDate))));
    }

    private static Authorization authorization(String id, LocalDate endDate) {
        return new Authorization(id, "patient-1", "coverage-1", "N-" + id, Set.of("97110"), UnitType.UNITS, 12,
                2, 3, endDate.minusDays(90), endDate, null, Instant.parse("2026-09-01T00:00:00Z"), 1);
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
