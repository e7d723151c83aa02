package org.therapyops.api;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.therapyops.payer.service.NeedsAuthRecheck;
import org.therapyops.payer.service.PayerRulesResolver;
import org.therapyops.payer.service.PayerService;
import org.therapyops.ports.AppointmentRepository;
import org.therapyops.ports.PracticeRepository;

import java.time.Clock;

/** The payer use case: registering and replacing payers, and checking blocked bookings again after a replacement. */
@Factory
public class PayerFactory {

    @Singleton
    PayerService payerService(PracticeRepository practice, AppointmentRepository appointments, PayerRulesResolver payerRules,
                              Clock clock) {
        return new PayerService(practice, new NeedsAuthRecheck(practice, appointments, payerRules, clock), clock);
    }
}
