package org.therapyops.chargecapture;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.therapyops.billing.charges.CodeCatalog;
import org.therapyops.billing.charges.KxThresholds;
import org.therapyops.billing.claims.ChargeCaptureService;
import org.therapyops.payer.service.PayerRulesResolver;
import org.therapyops.ports.AppointmentRepository;
import org.therapyops.ports.ClaimRepository;
import org.therapyops.ports.PracticeRepository;
import org.therapyops.ports.ScrubQueue;

import java.time.Clock;

/** The charge-capture service with the shipped billing data, sending to the scrub queue (SCRUB_QUEUE_URL, scrub.queue.url). */
@Factory
public class ChargeCaptureFactory {

    /** Fees come from each practice's fee schedule, read per note; payers' rules from the shipped profiles and the payer. */
    @Singleton
    ChargeCaptureService chargeCaptureService(PracticeRepository practice, AppointmentRepository appointments,
                                              ClaimRepository claims, ScrubQueue scrubQueue, Clock clock,
                                              PayerRulesResolver payerRules) {
        return new ChargeCaptureService(practice, appointments, claims, scrubQueue, clock, CodeCatalog.load(),
                KxThresholds.load(), payerRules);
    }
}
