package org.therapyops.testing;

import org.therapyops.domain.Payer;
import org.therapyops.domain.PayerRuleSettings;
import org.therapyops.domain.PayerType;
import org.therapyops.payer.PayerRules;
import org.therapyops.payer.service.PayerRulesResolver;

import java.time.Instant;
import java.time.LocalDate;

/** Payers and their rules for tests: the shipped profiles, and the payer's own settings in force from the start. */
public final class Payers {

    public static final PayerRulesResolver RESOLVER = PayerRulesResolver.shipped();
    private static final Instant CREATED = Instant.parse("2025-01-01T00:00:00Z");

    private Payers() {
    }

    /** A payer of a type with these settings of its own (NONE: the profile decides everything). */
    public static Payer payer(String id, String name, PayerType type, PayerRuleSettings settings) {
        Payer payer = new Payer(id, name, id.toUpperCase().replaceAll("[^A-Z0-9]", ""), type, CREATED, 1);
        return settings.isEmpty() ? payer : payer.withRules(settings, null, CREATED, "test");
    }

    /** The rules in force on a date for a payer of a type with these settings. */
    public static PayerRules rules(String id, PayerType type, PayerRuleSettings settings, LocalDate dateOfService) {
        return RESOLVER.rulesFor(payer(id, id, type, settings), dateOfService).orElseThrow();
    }

    /** The profile's rules alone. */
    public static PayerRules rules(String id, PayerType type, LocalDate dateOfService) {
        return rules(id, type, PayerRuleSettings.NONE, dateOfService);
    }
}
