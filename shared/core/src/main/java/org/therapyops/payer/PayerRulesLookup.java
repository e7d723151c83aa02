package org.therapyops.payer;

import java.time.LocalDate;
import java.util.Optional;

/** The rules in force for a payer of one practice on a date, by the payer's id. */
@FunctionalInterface
public interface PayerRulesLookup {

    /** Empty when the payer does not exist or no profile of its type is in force on the date. */
    Optional<PayerRules> rulesFor(String payerId, LocalDate dateOfService);
}
