package org.therapyops.ports;

import org.therapyops.billing.review.ClaimForReview;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * Claims in NEEDS_REVIEW of every practice, for the daily review digest (the one cross-practice read of claims):
 * handed over practice by practice, each practice's claims on their own, never mixed with another's.
 */
public interface ClaimsNeedingReview {

    /** Calls {@code each} once for every practice with claims in NEEDS_REVIEW, with all of them. */
    void forEachPractice(BiConsumer<String, List<ClaimForReview>> each);
}
