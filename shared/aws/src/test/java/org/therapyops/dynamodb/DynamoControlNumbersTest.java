package org.therapyops.dynamodb;

import org.junit.jupiter.api.Test;
import org.therapyops.ports.ControlNumbers;
import org.therapyops.testing.Moto;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class DynamoControlNumbersTest {

    @Test
    void countersArePerPracticeAndKindAndWrapAfterNineDigits() {
        Moto moto = Moto.shared();
        Moto.BillingTables billing = moto.createBillingTables();
        DynamoControlNumbers numbers = new DynamoControlNumbers(moto.dynamo(), billing.claims());
        String a = "practice-" + UUID.randomUUID();
        String b = "practice-" + UUID.randomUUID();

        assertThat(numbers.next(a, ControlNumbers.Kind.INTERCHANGE)).isEqualTo(1);
        assertThat(numbers.next(a, ControlNumbers.Kind.INTERCHANGE)).isEqualTo(2);
        assertThat(numbers.next(a, ControlNumbers.Kind.GROUP)).isEqualTo(1);
        assertThat(numbers.next(b, ControlNumbers.Kind.INTERCHANGE)).isEqualTo(1);

        moto.dynamo().putItem(p -> p.tableName(billing.claims()).item(Map.of("pk", AttributeValue.fromS(a),
                "sk", AttributeValue.fromS("X12#TRANSACTION_SET"), "counter", AttributeValue.fromN("999999998"))));
        assertThat(numbers.next(a, ControlNumbers.Kind.TRANSACTION_SET)).isEqualTo(999_999_999L);
        assertThat(numbers.next(a, ControlNumbers.Kind.TRANSACTION_SET)).isEqualTo(1);
        assertThat(numbers.next(a, ControlNumbers.Kind.TRANSACTION_SET)).isEqualTo(2);
    }

    @Test
    void wrapMapsEveryCounterValueIntoOneToMax() {
        assertThat(DynamoControlNumbers.wrap(1)).isEqualTo(1);
        assertThat(DynamoControlNumbers.wrap(ControlNumbers.MAX)).isEqualTo(ControlNumbers.MAX);
        assertThat(DynamoControlNumbers.wrap(ControlNumbers.MAX + 1)).isEqualTo(1);
        assertThat(DynamoControlNumbers.wrap(2 * ControlNumbers.MAX + 5)).isEqualTo(5);
    }
}
