package org.therapyops.billing.review;

import org.therapyops.billing.scrub.Finding;
import org.therapyops.billing.scrub.Severity;
import org.therapyops.domain.alert.Alert;
import org.therapyops.domain.alert.AlertStatus;
import org.therapyops.domain.alert.AlertType;
import org.therapyops.domain.alert.ReviewDigest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The daily digest of a practice's claims in NEEDS_REVIEW, as a {@link AlertType#CLAIMS_NEED_REVIEW} alert whose id
 * is derived from the practice and its local date: one per practice per day, however often the schedule runs.
 *
 * <p>It lists the oldest dates of service first (they are nearest their payer's filing limit), at most
 * {@value #MAX_LISTED} claims and {@value #MAX_ERRORS_PER_CLAIM} errors per claim, each error as its rule id and
 * field. Of the findings it keeps the rules' fix hints, which are fixed text, and drops their messages, which may
 * quote claim data (diagnosis codes, member ids).
 */
public final class ReviewDigests {

    public static final int MAX_LISTED = 50;
    public static final int MAX_ERRORS_PER_CLAIM = 10;

    private static final Comparator<ClaimForReview> OLDEST_FIRST = Comparator
            .comparing(ClaimForReview::dateOfService, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(ClaimForReview::claimId);

    private ReviewDigests() {
    }

    /** The id of a practice's digest of a (practice-local) day. */
    public static String idOf(String practiceId, LocalDate day) {
        return Alert.idOf("claims-review|" + practiceId + "|" + day);
    }

    /** The practice's digest for its local date {@code today}; empty when no claim needs review. */
    public static Optional<Alert> digest(String practiceId, LocalDate today, List<ClaimForReview> claims, Instant now) {
        if (claims.isEmpty()) {
            return Optional.empty();
        }
        List<ClaimForReview> sorted = claims.stream().sorted(OLDEST_FIRST).toList();
        List<ReviewDigest.ClaimLine> listed = new ArrayList<>();
        Map<String, String> fixHints = new TreeMap<>();
        for (ClaimForReview claim : sorted.subList(0, Math.min(MAX_LISTED, sorted.size()))) {
            Set<ReviewDigest.RuleError> errors = new LinkedHashSet<>();
            for (Finding f : claim.findings()) {
                if (f.severity() == Severity.ERROR) {
                    errors.add(new ReviewDigest.RuleError(f.ruleId(), f.field()));
                }
            }
            List<ReviewDigest.RuleError> shown = errors.stream().limit(MAX_ERRORS_PER_CLAIM).toList();
            for (ReviewDigest.RuleError e : shown) {
                claim.findings().stream().filter(f -> f.ruleId().equals(e.ruleId()) && f.fixHint() != null
                        && !f.fixHint().isBlank()).findFirst().ifPresent(f -> fixHints.putIfAbsent(f.ruleId(), f.fixHint()));
            }
            listed.add(new ReviewDigest.ClaimLine(claim.claimId(), claim.dateOfService(), claim.payerName(),
                    claim.billedAmount(), shown, errors.size() - shown.size()));
        }
        ReviewDigest digest = new ReviewDigest(today, claims.size(), listed, fixHints);
        return Optional.of(new Alert(idOf(practiceId, today), practiceId, AlertType.CLAIMS_NEED_REVIEW, 0, null, null, null,
                null, null, null, null, message(sorted), now, AlertStatus.OPEN, null, null, digest));
    }

    private static String message(List<ClaimForReview> sorted) {
        int n = sorted.size();
        String what = n == 1 ? "1 claim needs review before it can be submitted" : n + " claims need review before they can be submitted";
        LocalDate oldest = sorted.get(0).dateOfService();
        return oldest == null ? what + "." : what + " (oldest date of service " + oldest + ").";
    }
}
