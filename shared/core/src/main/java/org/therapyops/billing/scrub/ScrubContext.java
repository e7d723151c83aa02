package org.therapyops.billing.scrub;

import org.therapyops.billing.Claim;
import org.therapyops.billing.TelehealthMode;
import org.therapyops.billing.charges.KxThresholds;
import org.therapyops.billing.charges.TherapyYearToDate;
import org.therapyops.domain.Authorization;
import org.therapyops.domain.Coverage;
import org.therapyops.payer.PayerRules;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * What the rules need beyond the claim.
 *
 * @param rules            the payer's rules in force on the date of service (its type's profile, its own settings over it)
 * @param kxThresholds     Medicare's therapy threshold per calendar year (charge capture's)
 * @param coverage         the coverage the claim bills (null when none was found)
 * @param authorizations   the patient's authorizations with this payer; their rendered counts do not yet include
 *                         this claim's services
 * @param otherClaims      the patient's other claims (for duplicates) of the date of service's year up to that date;
 *                         the claim itself may be among them
 * @param today            the day of scrubbing (timely filing)
 * @param feeScheduleCodes the codes the practice's fee schedule has a rate for
 * @param yearToDate       the patient's Medicare therapy amounts of the claim's year that count before its lines for KX
 *                         ({@link TherapyYearToDate#beforeClaim}: earlier notes' claims and the other claims of its note),
 *                         or null when unknown
 * @param telehealth       how the session was delivered, or null when unknown
 * @param assistantIds     the ids of the claim's lines' rendering providers that are assistants (PTA, COTA)
 */
public record ScrubContext(PayerRules rules, CodeSets codeSets, KxThresholds kxThresholds, Coverage coverage,
                           List<Authorization> authorizations, List<Claim> otherClaims, LocalDate today, Set<String> feeScheduleCodes,
                           TherapyYearToDate yearToDate, TelehealthMode telehealth, Set<String> assistantIds) {

    public ScrubContext {
        authorizations = List.copyOf(authorizations);
        otherClaims = List.copyOf(otherClaims);
        feeScheduleCodes = Set.copyOf(feeScheduleCodes);
        assistantIds = assistantIds == null ? Set.of() : Set.copyOf(assistantIds);
    }

    /** A context whose lines' rendering providers are not assistants. */
    public ScrubContext(PayerRules rules, CodeSets codeSets, KxThresholds kxThresholds, Coverage coverage,
                        List<Authorization> authorizations, List<Claim> otherClaims, LocalDate today, Set<String> feeScheduleCodes,
                        TherapyYearToDate yearToDate, TelehealthMode telehealth) {
        this(rules, codeSets, kxThresholds, coverage, authorizations, otherClaims, today, feeScheduleCodes, yearToDate, telehealth,
                Set.of());
    }
}
