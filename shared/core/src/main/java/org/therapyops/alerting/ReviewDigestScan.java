package org.therapyops.alerting;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.therapyops.billing.review.ReviewDigests;
import org.therapyops.domain.PracticeSettings;
import org.therapyops.domain.alert.Alert;
import org.therapyops.ports.ClaimsNeedingReview;
import org.therapyops.ports.PracticeRepository;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The daily review digest: for each practice with claims in NEEDS_REVIEW, its digest of the practice-local day is
 * raised as a CLAIMS_NEED_REVIEW alert (stored once, queued once for the notifier). A rerun the same local day
 * computes the same alert id and raises nothing; a practice without such claims gets nothing. A practice that
 * fails does not stop the others; the scan then fails as a whole so the scheduler retries it.
 */
public final class ReviewDigestScan {

    private static final Logger LOG = LoggerFactory.getLogger(ReviewDigestScan.class);

    private final PracticeRepository practice;
    private final ClaimsNeedingReview claims;
    private final AlertRaiser raiser;
    private final Clock clock;

    public ReviewDigestScan(PracticeRepository practice, ClaimsNeedingReview claims, AlertRaiser raiser, Clock clock) {
        this.practice = practice;
        this.claims = claims;
        this.raiser = raiser;
        this.clock = clock;
    }

    /** Raises today's digests; {@code seen} counts practices with claims needing review. */
    public AlertRaiser.ScanResult run() {
        int[] counts = new int[3];
        claims.forEachPractice((practiceId, forReview) -> {
            counts[0]++;
            try {
                PracticeSettings settings = practice.settings(practiceId);
                LocalDate today = LocalDate.now(clock.withZone(ZoneId.of(settings.timeZone())));
                Optional<Alert> digest = ReviewDigests.digest(practiceId, today, forReview, clock.instant());
                if (digest.isPresent() && raiser.raise(digest.get())) {
                    counts[1]++;
                }
            } catch (RuntimeException e) {
                counts[2]++;
                LOG.error("review digest: practice {} failed: {}", practiceId, e.getClass().getSimpleName());
            }
        });
        LOG.info("review digest: {} practices with claims needing review, {} digests raised, {} failed",
                counts[0], counts[1], counts[2]);
        return new AlertRaiser.ScanResult(counts[0], counts[1], counts[2]);
    }
}
