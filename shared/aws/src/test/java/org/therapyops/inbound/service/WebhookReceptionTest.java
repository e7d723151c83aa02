package org.therapyops.inbound.service;

import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.therapyops.dynamodb.DynamoInboundRepositories;
import org.therapyops.inbound.InboundDelivery;
import org.therapyops.inbound.Integration;
import org.therapyops.inbound.WebhookSignature;
import org.therapyops.messaging.S3DeliveryBodies;
import org.therapyops.messaging.SqsInboundQueue;
import org.therapyops.messaging.SqsMessages;
import org.therapyops.ports.IntegrationRepository;
import org.therapyops.testing.Moto;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook door on moto (DynamoDB, S3, SQS): signed deliveries are kept before they are acknowledged and queued once;
 * forged, stale, unknown, revoked, oversized and conflicting ones leave nothing behind; a rotation lets both secrets
 * verify until the old one is retired. The signature scheme is checked against Standard Webhooks' published vector.
 */
class WebhookReceptionTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final byte[] BODY = "ISA*00*...~".getBytes(StandardCharsets.US_ASCII);

    private static Moto moto;
    private static DynamoInboundRepositories inbound;
    private static String bucket;
    private static String queueUrl;
    private static SqsClient sqs;

    @BeforeAll
    static void tables() {
        moto = Moto.shared();
        inbound = new DynamoInboundRepositories(moto.dynamo(), moto.createInboundTable());
        bucket = moto.createBucket();
        queueUrl = moto.createQueue();
        sqs = moto.sqs();
    }

    private static WebhookReception door(Instant now, int maxBytes) {
        return new WebhookReception(inbound.integrations(), inbound.deliveries(), new S3DeliveryBodies(moto.s3(), bucket),
                new SqsInboundQueue(new SqsMessages<>(sqs, queueUrl, JsonMapper.createDefault())), Clock.fixed(now, ZoneOffset.UTC), maxBytes);
    }

    private static WebhookReception door() {
        return door(NOW, WebhookReception.DEFAULT_MAX_BYTES);
    }

    private static IntegrationService.WithSecret integration(String practice) {
        return new IntegrationService(inbound.integrations(), Clock.fixed(NOW, ZoneOffset.UTC))
                .create(practice, "Test clearinghouse", Integration.Kind.CLEARINGHOUSE, "admin-1");
    }

    private static WebhookReception.Request signed(String integrationId, String secret, String webhookId, long timestamp, byte[] body) {
        return new WebhookReception.Request(integrationId, webhookId, Long.toString(timestamp),
                WebhookSignature.sign(secret, webhookId, timestamp, body), "application/edi-x12", body);
    }

    @Test
    void theSignatureIsStandardWebhooksOwnTestVector() {
        byte[] body = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        assertThat(WebhookSignature.sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        Instant signedAt = Instant.ofEpochSecond(1614265330);
        assertThat(WebhookSignature.verify(List.of("whsec_c2VjcmV0LW9mLWEtcm90YXRlZC1lbmRwb2ludA==", secret),
                "msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330",
                "v1,bm90IGl0 v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", body, signedAt.plusSeconds(299)))
                .isInstanceOf(WebhookSignature.Verdict.Valid.class);
        assertThat(WebhookSignature.verify(List.of(secret), "msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330",
                "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", body, signedAt.minusSeconds(301)))
                .isInstanceOf(WebhookSignature.Verdict.Invalid.class);
        assertThat(WebhookSignature.verify(List.of(secret), "msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330",
                "v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", body, signedAt)).isInstanceOf(WebhookSignature.Verdict.Invalid.class);
        assertThat(WebhookSignature.newSecret()).startsWith("whsec_").hasSizeGreaterThanOrEqualTo(6 + 44);
    }

    @Test
    void aSignedDeliveryIsKeptThenQueuedOnceAndItsReplayHasNoSecondEffect() {
        String practice = "practice-" + UUID.randomUUID();
        IntegrationService.WithSecret created = integration(practice);
        String id = created.integration().id();
        long ts = NOW.getEpochSecond() - 30;

        WebhookReception.Outcome first = door().receive(signed(id, created.secret(), "msg-1", ts, BODY));
        assertThat(first).isInstanceOf(WebhookReception.Outcome.Accepted.class);
        InboundDelivery delivery = ((WebhookReception.Outcome.Accepted) first).delivery();
        assertThat(delivery.practiceId()).isEqualTo(practice);
        assertThat(new S3DeliveryBodies(moto.s3(), bucket).get(delivery.bodyKey())).hasValueSatisfying(b -> assertThat(b).isEqualTo(BODY));
        InboundDelivery kept = inbound.deliveries().get(practice, delivery.id()).orElseThrow();
        assertThat(kept.status()).isEqualTo(InboundDelivery.Status.RECEIVED);
        assertThat(kept.queued()).isTrue();

        WebhookReception.Outcome again = door().receive(signed(id, created.secret(), "msg-1", ts + 60, BODY));
        assertThat(again).isInstanceOf(WebhookReception.Outcome.Duplicate.class);
        assertThat(messagesFor(delivery.id())).hasSize(1);

        WebhookReception.Outcome otherBody = door().receive(signed(id, created.secret(), "msg-1", ts, "ISA*other~".getBytes()));
        assertThat(otherBody).isInstanceOf(WebhookReception.Outcome.Conflict.class);
        assertThat(inbound.deliveries().list(practice, null, 10, null).items()).hasSize(1);
    }

    @Test
    void forgedStaleUnknownRevokedAndOversizedDeliveriesLeaveNothing() {
        String practice = "practice-" + UUID.randomUUID();
        IntegrationService.WithSecret created = integration(practice);
        String id = created.integration().id();
        long ts = NOW.getEpochSecond();
        String forgedSecret = WebhookSignature.newSecret();

        assertThat(door().receive(signed(id, forgedSecret, "f-1", ts, BODY))).isInstanceOf(WebhookReception.Outcome.Unauthorized.class);
        assertThat(door().receive(signed(id, created.secret(), "f-2", ts - 301, BODY))).isInstanceOf(WebhookReception.Outcome.Unauthorized.class);
        assertThat(door().receive(signed(id, created.secret(), "f-3", ts + 301, BODY))).isInstanceOf(WebhookReception.Outcome.Unauthorized.class);
        assertThat(door().receive(new WebhookReception.Request(id, "f-4", Long.toString(ts), null, null, BODY)))
                .isInstanceOf(WebhookReception.Outcome.Unauthorized.class);
        assertThat(door().receive(signed("int-unknown", created.secret(), "f-5", ts, BODY)))
                .isInstanceOf(WebhookReception.Outcome.Unauthorized.class);
        assertThat(door(NOW, 8).receive(signed(id, created.secret(), "f-6", ts, BODY))).isEqualTo(new WebhookReception.Outcome.TooLarge(8));
        assertThat(inbound.deliveries().list(practice, null, 10, null).items()).isEmpty();

        IntegrationService service = new IntegrationService(inbound.integrations(), Clock.fixed(NOW, ZoneOffset.UTC));
        service.revoke(inbound.integrations().get(practice, id).orElseThrow(), "admin-1");
        assertThat(door().receive(signed(id, created.secret(), "f-7", ts, BODY))).isInstanceOf(WebhookReception.Outcome.Unauthorized.class);
        assertThat(inbound.deliveries().list(practice, null, 10, null).items()).isEmpty();
        assertThat(inbound.integrations().get(practice, id).orElseThrow().status()).isEqualTo(Integration.Status.REVOKED);
    }

    @Test
    void duringARotationBothSecretsVerifyUntilTheOldOneIsRetired() {
        String practice = "practice-" + UUID.randomUUID();
        IntegrationService service = new IntegrationService(inbound.integrations(), Clock.fixed(NOW, ZoneOffset.UTC));
        IntegrationService.WithSecret created = service.create(practice, "Payer", Integration.Kind.PAYER, "admin-1");
        IntegrationRepository repo = inbound.integrations();
        String id = created.integration().id();
        long ts = NOW.getEpochSecond();

        IntegrationService.WithSecret rotated = service.rotate(repo.get(practice, id).orElseThrow());
        assertThat(rotated.secret()).isNotEqualTo(created.secret());
        assertThat(rotated.integration().activeSecrets()).hasSize(2);
        assertThat(door().receive(signed(id, created.secret(), "r-1", ts, BODY))).isInstanceOf(WebhookReception.Outcome.Accepted.class);
        assertThat(door().receive(signed(id, rotated.secret(), "r-2", ts, BODY))).isInstanceOf(WebhookReception.Outcome.Accepted.class);

        Integration retired = service.retireOlderSecrets(repo.get(practice, id).orElseThrow());
        assertThat(retired.activeSecrets()).hasSize(1);
        assertThat(door().receive(signed(id, created.secret(), "r-3", ts, BODY))).isInstanceOf(WebhookReception.Outcome.Unauthorized.class);
        assertThat(door().receive(signed(id, rotated.secret(), "r-4", ts, BODY))).isInstanceOf(WebhookReception.Outcome.Accepted.class);
        assertThat(repo.get(practice, id).orElseThrow().toString()).doesNotContain(rotated.secret().substring(6));
    }

    @Test
    void aDeliveryKeptButNotQueuedIsQueuedWhenTheIntegratorRetries() {
        String practice = "practice-" + UUID.randomUUID();
        IntegrationService.WithSecret created = integration(practice);
        String id = created.integration().id();
        long ts = NOW.getEpochSecond();
        String deliveryId = InboundDelivery.idOf(id, "crash-1");
        // As if the function stopped after keeping the delivery, before queueing it (no 2xx went out).
        inbound.deliveries().createIfAbsent(new InboundDelivery(deliveryId, practice, id, "crash-1", ts, NOW, "application/edi-x12",
                BODY.length, InboundDelivery.sha256Hex(BODY), "deliveries/" + practice + "/" + deliveryId,
                InboundDelivery.Status.RECEIVED, null, List.of(), null, 0, null, false, 1));

        assertThat(door().receive(signed(id, created.secret(), "crash-1", ts, BODY))).isInstanceOf(WebhookReception.Outcome.Duplicate.class);
        assertThat(inbound.deliveries().get(practice, deliveryId).orElseThrow().queued()).isTrue();
        assertThat(messagesFor(deliveryId)).hasSize(1);
    }

    @Test
    void aSettledOutcomeStandsWhenADuplicateOfTheDeliverysMessageRecordsAnotherOne() {
        // Two receipts of one SQS message applied side by side: the one that records second must not overwrite the first.
        String practice = "practice-" + UUID.randomUUID();
        String id = integration(practice).integration().id();
        String deliveryId = InboundDelivery.idOf(id, "twice-1");
        inbound.deliveries().createIfAbsent(new InboundDelivery(deliveryId, practice, id, "twice-1", NOW.getEpochSecond(), NOW,
                "application/edi-x12", BODY.length, InboundDelivery.sha256Hex(BODY), "deliveries/" + practice + "/" + deliveryId,
                InboundDelivery.Status.RECEIVED, null, List.of(), null, 0, null, true, 1));
        InboundDelivery first = inbound.deliveries().recordOutcome(practice, deliveryId, InboundDelivery.Status.APPLIED, "835",
                List.of("835 era-1: 2 of 2 claim payment(s) posted"), null, NOW);
        InboundDelivery second = inbound.deliveries().recordOutcome(practice, deliveryId, InboundDelivery.Status.FAILED, "835",
                List.of(), "could not be applied", NOW.plusSeconds(1));
        assertThat(second).isEqualTo(first);
        assertThat(inbound.deliveries().get(practice, deliveryId).orElseThrow()).satisfies(d -> {
            assertThat(d.status()).isEqualTo(InboundDelivery.Status.APPLIED);
            assertThat(d.changes()).containsExactly("835 era-1: 2 of 2 claim payment(s) posted");
            assertThat(d.version()).isEqualTo(2);
        });
        // Reopened on a biller's request, it records again.
        inbound.deliveries().reopen(practice, deliveryId);
        assertThat(inbound.deliveries().recordOutcome(practice, deliveryId, InboundDelivery.Status.APPLIED, "835",
                List.of("again"), null, NOW).changes()).containsExactly("again");
    }

    /** Receives (and deletes) every message on the queue, keeping those for the delivery. */
    private static List<Message> messagesFor(String deliveryId) {
        List<Message> found = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            for (Message m : batch) {
                if (m.body().contains(deliveryId)) {
                    found.add(m);
                }
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
            if (batch.isEmpty()) {
                break;
            }
        }
        return found;
    }
}
