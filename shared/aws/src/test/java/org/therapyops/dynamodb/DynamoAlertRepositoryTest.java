package org.therapyops.dynamodb;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.therapyops.domain.alert.Alert;
import org.therapyops.domain.alert.AlertStatus;
import org.therapyops.domain.alert.AlertType;
import org.therapyops.domain.alert.ReviewDigest;
import org.therapyops.ports.AlertRepository;
import org.therapyops.ports.AlertRepository.EmailClaim;
import org.therapyops.ports.AlertRepository.EmailState;
import org.therapyops.testing.Moto;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The alert bookkeeping's conditional writes against the emulator, with the Alerts table of template.yaml. */
class DynamoAlertRepositoryTest {

    private static DynamoAlertRepository alerts;
    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    @BeforeAll
    static void table() {
        DynamoDbClient dynamo = Moto.shared().dynamo();
        String name = "alerts-" + UUID.randomUUID().toString().substring(0, 8);
        dynamo.createTable(b -> b.tableName(name).billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(attribute("pk"), attribute("sk"), attribute(DynamoAlertRepository.STATUS_KEY))
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName(DynamoAlertRepository.BY_STATUS)
                        .keySchema(key("pk", KeyType.HASH), key(DynamoAlertRepository.STATUS_KEY, KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.ALL)).build()));
        alerts = new DynamoAlertRepository(dynamo, name);
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static Alert alert(String practice, String id, Instant createdAt) {
        return new Alert(id, practice, AlertType.LOW_REMAINING, 20, "auth-1", null, "patient-1", "A.D.", "ACME-1",
                LocalDate.of(2026, 12, 31), null, "2 of 10 units left", createdAt, AlertStatus.OPEN, null, null);
    }

    private static String practice() {
        return "practice-" + UUID.randomUUID();
    }

    @Test
    void anAlertIsStoredOnceAndReadBack() {
        String practice = practice();
        Alert alert = alert(practice, "a1", T0);

        assertThat(alerts.putIfAbsent(alert)).isTrue();
        assertThat(alerts.putIfAbsent(alert)).isFalse();
        assertThat(alerts.alert(practice, "a1")).contains(alert);
        assertThat(alerts.alert(practice(), "a1")).as("another practice").isEmpty();
        assertThat(alerts.queued(practice, "a1")).isFalse();
        alerts.markQueued(practice, "a1", T0);
        assertThat(alerts.queued(practice, "a1")).isTrue();
    }

    @Test
    void aReviewDigestIsStoredWithItsClaimsAndListedAndAcknowledgedLikeAnyAlert() {
        String practice = practice();
        ReviewDigest digest = new ReviewDigest(LocalDate.of(2026, 6, 20), 51, List.of(
                new ReviewDigest.ClaimLine("claim-1", LocalDate.of(2026, 6, 15), "Medicare Part B", new BigDecimal("134.5"),
                        List.of(new ReviewDigest.RuleError("DISCIPLINE_MODIFIER", "lines[0].modifiers"),
                                new ReviewDigest.RuleError("DIAGNOSIS_COUNT", null)), 3),
                new ReviewDigest.ClaimLine("claim-2", null, null, null, List.of(), 0)),
                Map.of("DISCIPLINE_MODIFIER", "Add the therapy plan's modifier"));
        Alert alert = new Alert("digest-1", practice, AlertType.CLAIMS_NEED_REVIEW, 0, null, null, null, null, null, null,
                null, "51 claims need review", T0, AlertStatus.OPEN, null, null, digest);

        assertThat(alerts.putIfAbsent(alert)).isTrue();
        assertThat(alerts.alert(practice, "digest-1")).contains(alert);
        assertThat(alerts.list(practice, AlertStatus.OPEN, 10, null).alerts()).containsExactly(alert);
        Alert acked = alerts.acknowledge(practice, "digest-1", "biller-1", T0.plusSeconds(5)).orElseThrow();
        assertThat(acked.reviewDigest()).isEqualTo(digest);
        assertThat(acked.status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
    }

    @Test
    void emailIsClaimedOnceUntilItsLeaseRunsOut() {
        String practice = practice();
        alerts.putIfAbsent(alert(practice, "a1", T0));

        assertThat(alerts.claimEmail(practice, "a1", T0, T0.plusSeconds(120))).isEqualTo(EmailClaim.CLAIMED);
        assertThat(alerts.claimEmail(practice, "a1", T0.plusSeconds(60), T0.plusSeconds(180))).isEqualTo(EmailClaim.LEASED);
        assertThat(alerts.claimEmail(practice, "a1", T0.plusSeconds(121), T0.plusSeconds(241))).as("lease ran out")
                .isEqualTo(EmailClaim.CLAIMED);
        alerts.markEmail(practice, "a1", EmailState.SENT, "message-1", T0.plusSeconds(122));
        assertThat(alerts.claimEmail(practice, "a1", T0.plusSeconds(999), T0.plusSeconds(1200))).isEqualTo(EmailClaim.DONE);
        assertThat(alerts.claimEmail(practice, "nope", T0, T0.plusSeconds(120))).isEqualTo(EmailClaim.UNKNOWN);
    }

    @Test
    void anAlertIsAcknowledgedOnce() {
        String practice = practice();
        alerts.putIfAbsent(alert(practice, "a1", T0));

        Alert acked = alerts.acknowledge(practice, "a1", "user-1", T0.plusSeconds(5)).orElseThrow();
        assertThat(acked.status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
        assertThat(acked.acknowledgedBy()).isEqualTo("user-1");
        assertThat(acked.acknowledgedAt()).isEqualTo(T0.plusSeconds(5));
        assertThatThrownBy(() -> alerts.acknowledge(practice, "a1", "user-2", T0.plusSeconds(6)))
                .isInstanceOf(AlertRepository.AlertStateException.class);
        assertThat(alerts.acknowledge(practice, "missing", "user-1", T0)).isEmpty();
        assertThat(alerts.list(practice, AlertStatus.OPEN, 10, null).alerts()).isEmpty();
        assertThat(alerts.list(practice, AlertStatus.ACKNOWLEDGED, 10, null).alerts()).extracting(Alert::id).containsExactly("a1");
    }

    @Test
    void listsNewestFirstInPagesWhoseCursorsBelongToThePracticeAndStatus() {
        String practice = practice();
        for (int i = 0; i < 5; i++) {
            alerts.putIfAbsent(alert(practice, "a" + i, T0.plusSeconds(i)));
        }
        alerts.putIfAbsent(alert(practice(), "other", T0));

        AlertRepository.Page first = alerts.list(practice, AlertStatus.OPEN, 2, null);
        AlertRepository.Page second = alerts.list(practice, AlertStatus.OPEN, 2, first.nextCursor());
        AlertRepository.Page third = alerts.list(practice, AlertStatus.OPEN, 2, second.nextCursor());

        assertThat(first.alerts()).extracting(Alert::id).containsExactly("a4", "a3");
        assertThat(second.alerts()).extracting(Alert::id).containsExactly("a2", "a1");
        assertThat(third.alerts()).extracting(Alert::id).containsExactly("a0");
        assertThatThrownBy(() -> alerts.list(practice(), AlertStatus.OPEN, 2, first.nextCursor()))
                .isInstanceOf(AlertRepository.InvalidAlertCursorException.class);
        assertThatThrownBy(() -> alerts.list(practice, AlertStatus.ACKNOWLEDGED, 2, first.nextCursor()))
                .isInstanceOf(AlertRepository.InvalidAlertCursorException.class);
        assertThatThrownBy(() -> alerts.list(practice, AlertStatus.OPEN, 2, "not a cursor!"))
                .isInstanceOf(AlertRepository.InvalidAlertCursorException.class);
    }
}
