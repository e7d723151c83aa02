package org.therapyops.inbound.service;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.therapyops.dynamodb.DynamoInboundRepositories;
import org.therapyops.inbound.InboundDelivery;
import org.therapyops.ports.DeliveryBodies;
import org.therapyops.testing.Moto;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One receipt of a delivery's message applies it at a time (found by the chaos run: a duplicate applied alongside
 * recorded "nothing changed" over what the other had done); a crashed receipt's lease runs out and the retry takes over.
 */
class InboundDeliveryServiceTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final byte[] BODY = "{}".getBytes(StandardCharsets.UTF_8);
    private static DynamoInboundRepositories inbound;

    @BeforeAll
    static void tables() {
        inbound = new DynamoInboundRepositories(Moto.shared().dynamo(), Moto.shared().createInboundTable());
    }

    private static String kept(String practice) {
        String deliveryId = InboundDelivery.idOf("int-1", "w-" + UUID.randomUUID());
        inbound.deliveries().createIfAbsent(new InboundDelivery(deliveryId, practice, "int-1", "w", NOW.getEpochSecond(), NOW,
                "application/json", BODY.length, InboundDelivery.sha256Hex(BODY), "deliveries/" + practice + "/" + deliveryId,
                InboundDelivery.Status.RECEIVED, null, List.of(), null, 0, null, true, 1));
        return deliveryId;
    }

    /** A store that hands out the body after {@code before} ran. */
    private static DeliveryBodies bodies(Runnable before) {
        return new DeliveryBodies() {
            @Override
            public void put(String key, byte[] body, String contentType) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<byte[]> get(String key) {
                before.run();
                return Optional.of(BODY);
            }
        };
    }

    private static DeliveryBodies bodies() {
        return bodies(() -> { });
    }

    private static InboundDeliveryService service(DeliveryBodies bodies, Instant now) {
        // No documents: nothing to apply, only the claim and the record are exercised.
        return new InboundDeliveryService(inbound.deliveries(), bodies, (body, type) -> List.of(), null, null, null,
                Clock.fixed(now, ZoneOffset.UTC), Duration.ofSeconds(30));
    }

    @Test
    void aDuplicateReceiptWhileTheFirstIsApplyingIsRefusedAndLaterFindsTheDeliverySettled() throws Exception {
        String practice = "practice-" + UUID.randomUUID();
        String deliveryId = kept(practice);
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        DeliveryBodies slow = bodies(() -> {
            reading.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        CompletableFuture<InboundDelivery> first = CompletableFuture.supplyAsync(() -> service(slow, NOW).apply(practice, deliveryId));
        assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> service(bodies(), NOW.plusSeconds(1)).apply(practice, deliveryId))
                .isInstanceOf(InboundDeliveryService.DeliveryInProgressException.class);
        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).status()).isEqualTo(InboundDelivery.Status.APPLIED);
        InboundDelivery again = service(bodies(), NOW.plusSeconds(2)).apply(practice, deliveryId);
        assertThat(again.status()).isEqualTo(InboundDelivery.Status.APPLIED);
        assertThat(again.attempts()).as("recorded once").isEqualTo(1);
    }

    @Test
    void aLeaseLeftByACrashedReceiptRunsOutAndTheRetryTakesOver() {
        String practice = "practice-" + UUID.randomUUID();
        String deliveryId = kept(practice);
        assertThat(inbound.deliveries().claim(practice, deliveryId, NOW, NOW.plusSeconds(30))).isTrue(); // then the crash
        assertThatThrownBy(() -> service(bodies(), NOW.plusSeconds(10)).apply(practice, deliveryId))
                .isInstanceOf(InboundDeliveryService.DeliveryInProgressException.class);
        assertThat(service(bodies(), NOW.plusSeconds(31)).apply(practice, deliveryId).status())
                .isEqualTo(InboundDelivery.Status.APPLIED);
        assertThat(inbound.deliveries().claim(practice, deliveryId, NOW.plusSeconds(40), NOW.plusSeconds(70)))
                .as("a settled delivery is not claimed").isFalse();
        inbound.deliveries().reopen(practice, deliveryId);
        assertThat(inbound.deliveries().claim(practice, deliveryId, NOW.plusSeconds(40), NOW.plusSeconds(70)))
                .as("reopened on a biller's request, it is").isTrue();
    }
}
