package org.therapyops.claimscrubber;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.therapyops.billing.charges.KxThresholds;
import org.therapyops.billing.claims.ClaimScrubService;
import org.therapyops.billing.scrub.CodeSets;
import org.therapyops.billing.scrub.rules.ScrubRules;
import org.therapyops.payer.service.PayerRulesResolver;
import org.therapyops.ports.ClaimRepository;
import org.therapyops.ports.NoteRepository;
import org.therapyops.ports.PracticeRepository;

import java.time.Clock;

/** The scrub service with the payers' rules (shipped profiles, payers' own settings), code sets, KX thresholds and every rule, loaded once per container. */
@Factory
public class ClaimScrubberFactory {

    @Singleton
    ClaimScrubService claimScrubService(ClaimRepository claims, PracticeRepository practice, NoteRepository notes, Clock clock,
                                        PayerRulesResolver payerRules) {
        return new ClaimScrubService(claims, practice, notes, payerRules, CodeSets.shipped(), KxThresholds.load(),
                ScrubRules.scrubber(), clock);
    }
}
