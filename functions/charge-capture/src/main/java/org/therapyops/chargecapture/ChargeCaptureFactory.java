package org.therapyops.chargecapture;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.therapyops.billing.charges.CodeCatalog;
import org.therapyops.billing.charges.KxThresholds;
import org.therapyops.billing.claims.ChargeCaptureService;
import org.therapyops.messaging.SqsScrubQueue;
import org.therapyops.payer.service.PayerRulesResolver;
import org.therapyops.ports.AppointmentRepository;
import org.therapyops.ports.ClaimRepository;
import org.therapyops.ports.PracticeRepository;
import org.therapyops.ports.ScrubQueue;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;

/** The scrub queue (SCRUB_QUEUE_URL, scrub.queue.url) and the charge-capture service with the shipped billing data. */
@Factory
public class ChargeCaptureFactory {

    @Singleton
    ScrubQueue scrubQueue(SqsClient sqs, @Value("${scrub.queue.url}") String queueUrl) {
        return new SqsScrubQueue(sqs, queueUrl);
    }

    /** Fees come from each practice's fee schedule, read per note; payers' rules from the shipped profiles and the payer. */
    @Singleton
    ChargeCaptureService chargeCaptureService(PracticeRepository practice, AppointmentRepository appointments,
                                              ClaimRepository claims, ScrubQueue scrubQueue, Clock clock,
                                              PayerRulesResolver payerRules) {
        return new ChargeCaptureService(practice, appointments, claims, scrubQueue, clock, CodeCatalog.load(),
                KxThresholds.load(), payerRules);
    }
}
