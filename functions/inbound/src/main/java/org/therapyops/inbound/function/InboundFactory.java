package org.therapyops.inbound.function;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.therapyops.alerting.AlertRaiser;
import org.therapyops.billing.acknowledgement.service.AcknowledgementService;
import org.therapyops.billing.remittance.service.RemittanceService;
import org.therapyops.inbound.service.AuthorizationUpdateService;
import org.therapyops.inbound.service.InboundDeliveryService;
import org.therapyops.messaging.S3DeliveryBodies;
import org.therapyops.ports.AlertNotifications;
import org.therapyops.ports.AlertRepository;
import org.therapyops.ports.AppointmentRepository;
import org.therapyops.ports.BatchRepository;
import org.therapyops.ports.ClaimRepository;
import org.therapyops.ports.InboundDeliveryRepository;
import org.therapyops.ports.PracticeRepository;
import org.therapyops.ports.RemittanceRepository;
import org.therapyops.scheduling.AuthorizationCheckService;
import software.amazon.awssdk.services.s3.S3Client;

import java.time.Clock;
import java.time.Duration;

/**
 * Applies kept deliveries: bodies from INBOUND_BUCKET (inbound.bucket), acknowledgements and remittances to the Claims
 * table, authorization updates to the Practice table with alerts on NOTIFY_QUEUE_URL (notify.queue.url); interchanges
 * must carry this deployment's usage indicator X12_USAGE_INDICATOR (x12.usage-indicator, T or P); a delivery is claimed
 * for DELIVERY_LEASE (delivery.lease, default 5m: the function's timeout, under InboundQueue's visibility timeout).
 */
@Factory
public class InboundFactory {


    @Singleton
    InboundDeliveryService inboundDeliveryService(InboundDeliveryRepository deliveries, S3Client s3,
                                                  @Value("${inbound.bucket}") String bucket, JsonMapper json,
                                                  @Value("${x12.usage-indicator:T}") String usageIndicator,
                                                  BatchRepository batches, ClaimRepository claims,
                                                  RemittanceRepository remittances, PracticeRepository practice,
                                                  AppointmentRepository appointments, AuthorizationCheckService check,
                                                  AlertRepository alerts, AlertNotifications notifications,
                                                  @Value("${delivery.lease:5m}") Duration lease, Clock clock) {
        AlertRaiser raiser = new AlertRaiser(practice, alerts, notifications, clock);
        return new InboundDeliveryService(deliveries, new S3DeliveryBodies(s3, bucket), new InboundBodyDecoder(json, usageIndicator),
                new AcknowledgementService(batches, claims, clock), new RemittanceService(claims, remittances, clock),
                new AuthorizationUpdateService(practice, appointments, check, raiser, clock), clock, lease);
    }
}
