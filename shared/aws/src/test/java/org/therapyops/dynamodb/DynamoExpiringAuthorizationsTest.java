package org.therapyops.dynamodb;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.therapyops.domain.Authorization;
import org.therapyops.domain.UnitType;
import org.therapyops.ports.ExpiringAuthorizations;
import org.therapyops.ports.ExpiringAuthorizations.Ending;
import org.therapyops.testing.Moto;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The expiry scan's read of the Practice table's byEndDate index (as template.yaml declares it), on the emulator. */
class DynamoExpiringAuthorizationsTest {

    private static final LocalDate FIRST = LocalDate.of(2026, 12, 6);
    private static final LocalDate LAST = FIRST.plusDays(62);
    private static DynamoDbClient dynamo;
    private static DynamoExpiringAuthorizations expiring;

    @BeforeAll
    static void table() {
        dynamo = Moto.shared().dynamo();
        String name = "practice-" + UUID.randomUUID().toString().substring(0, 8);
        dynamo.createTable(b -> b.tableName(name).billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(attribute("pk"), attribute("sk"), attribute("endDate"))
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName(DynamoExpiringAuthorizations.INDEX)
                        .keySchema(key("endDate", KeyType.HASH), key("pk", KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.ALL)).build()));
        expiring = new DynamoExpiringAuthorizations(dynamo, name);
        put(name, "practice-a", "before", FIRST.minusDays(1));
        put(name, "practice-a", "first", FIRST);
        put(name, "practice-b", "first-b", FIRST);
        put(name, "practice-a", "ninth", FIRST.plusDays(9));
        for (int i = 0; i < 5; i++) {
            put(name, "practice-" + i, "busy-" + i, FIRST.plusDays(30));
        }
        put(name, "practice-b", "last", LAST);
        put(name, "practice-a", "after", LAST.plusDays(1));
    }

    @Test
    void aSpanOfDaysReturnsEveryAuthorizationEndingInItInEndDateOrderAndNothingOutside() {
        List<Ending> span = expiring.endingBetween(FIRST, LAST);

        assertThat(span).extracting(e -> e.authorization().endDate()).isSorted();
        assertThat(span).extracting(e -> e.authorization().id()).containsExactlyInAnyOrder(
                "first", "first-b", "ninth", "busy-0", "busy-1", "busy-2", "busy-3", "busy-4", "last");
        assertThat(span).filteredOn(e -> e.authorization().id().equals("last"))
                .extracting(Ending::practiceId).containsExactly("practice-b");
        assertThat(span).as("the same as one day after the other").containsExactlyElementsOf(oneDayAtATime(FIRST, LAST));
    }

    @Test
    void oneDayAndAnEmptySpan() {
        assertThat(expiring.endingBetween(LAST, LAST)).extracting(e -> e.authorization().id()).containsExactly("last");
        assertThat(expiring.endingBetween(LAST, FIRST)).isEmpty();
    }

    @Test
    void aDayThatCannotBeReadFailsTheSpanWithTheServiceError() {
        DynamoExpiringAuthorizations missing = new DynamoExpiringAuthorizations(dynamo, "no-such-table-" + UUID.randomUUID());

        assertThatThrownBy(() -> missing.endingBetween(FIRST, LAST)).isInstanceOf(ResourceNotFoundException.class);
    }

    private static List<Ending> oneDayAtATime(LocalDate first, LocalDate last) {
        ExpiringAuthorizations sequential = expiring::endingOn;
        return sequential.endingBetween(first, last);
    }

    private static void put(String table, String practice, String id, LocalDate endDate) {
        Authorization z = new Authorization(id, "patient-1", "coverage-1", "N-" + id, Set.of("97110"), UnitType.UNITS, 12,
                2, 3, endDate.minusDays(90), endDate, null, Instant.parse("2026-09-01T00:00:00Z"), 1);
        dynamo.putItem(b -> b.tableName(table).item(ItemMapper.authorization(practice, z)));
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
