package org.therapyops.payer.service;

import org.therapyops.domain.Payer;
import org.therapyops.payer.PayerProfiles;
import org.therapyops.payer.PayerRules;
import org.therapyops.payer.PayerRulesLookup;
import org.therapyops.ports.PracticeRepository;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one place payer rules are resolved: the profile of the payer's type in force on the date of service, and the
 * payer's own rule version in force on that date over it ({@link PayerRules#resolve}). Booking, charge capture, the
 * scrubber and the payer's API view all ask here.
 */
public final class PayerRulesResolver {

    private final PayerProfiles profiles;

    public PayerRulesResolver(PayerProfiles profiles) {
        this.profiles = profiles;
    }

    /** A resolver over the shipped profiles. */
    public static PayerRulesResolver shipped() {
        return new PayerRulesResolver(PayerProfiles.defaults());
    }

    public PayerProfiles profiles() {
        return profiles;
    }

    /** The payer's rules on the date; empty when no profile of its type is in force then. */
    public Optional<PayerRules> rulesFor(Payer payer, LocalDate dateOfService) {
        return profiles.inForce(payer.payerType(), dateOfService).map(profile -> PayerRules.resolve(payer, profile, dateOfService));
    }

    /** Looks the practice's payers up as asked (each read once per lookup), for deciding many dates or coverages. */
    public PayerRulesLookup lookup(PracticeRepository practice, String practiceId) {
        Map<String, Optional<Payer>> payers = new HashMap<>();
        return (payerId, date) -> payerId == null ? Optional.empty()
                : payers.computeIfAbsent(payerId, id -> practice.payer(practiceId, id)).flatMap(p -> rulesFor(p, date));
    }
}
