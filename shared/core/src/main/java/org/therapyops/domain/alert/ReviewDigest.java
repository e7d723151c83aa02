package org.therapyops.domain.alert;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a {@link AlertType#CLAIMS_NEED_REVIEW} alert lists: how many of the practice's claims needed review on its
 * local date {@code asOf}, the first of them (oldest date of service first) with the scrubber's errors as rule id and
 * field, and the fix hint of each rule listed. Ids, dates, payer names and amounts: nothing about the patient.
 */
public record ReviewDigest(LocalDate asOf, int total, List<ClaimLine> claims, Map<String, String> fixHints) {

    public ReviewDigest {
        Objects.requireNonNull(asOf, "asOf");
        claims = List.copyOf(claims);
        fixHints = fixHints == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(fixHints));
        if (total < claims.size()) {
            throw new IllegalArgumentException("total " + total + " is less than the " + claims.size() + " claims listed");
        }
    }

    /** Claims that needed review but are beyond the list's cap. */
    public int notListed() {
        return total - claims.size();
    }

    /** One listed claim; {@code moreErrors} counts the errors beyond those listed. */
    public record ClaimLine(String claimId, LocalDate dateOfService, String payerName, BigDecimal billedAmount,
                            List<RuleError> errors, int moreErrors) {

        public ClaimLine {
            Objects.requireNonNull(claimId, "claimId");
            errors = List.copyOf(errors);
        }
    }

    /** A scrubber error: the rule that found it and the field of the claim it concerns (a path, never a value). */
    public record RuleError(String ruleId, String field) {

        public RuleError {
            Objects.requireNonNull(ruleId, "ruleId");
        }
    }
}
