package org.therapyops.billing.claims;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.therapyops.ports.ClaimRepository;
import org.therapyops.ports.ScrubQueue;
import org.therapyops.ports.UnqueuedClaims;

/**
 * Hands the scrub queue every SCRUB_PENDING claim that never reached it (a correction saved whose queueing failed; a
 * capture interrupted between its write and its send), and marks it queued, as charge capture and corrections do.
 * Sending one twice is harmless: the scrubber skips a claim that is no longer SCRUB_PENDING.
 */
public final class ScrubSweep {

    private static final Logger LOG = LoggerFactory.getLogger(ScrubSweep.class);

    private final UnqueuedClaims unqueued;
    private final ScrubQueue queue;
    private final ClaimRepository claims;

    public ScrubSweep(UnqueuedClaims unqueued, ScrubQueue queue, ClaimRepository claims) {
        this.unqueued = unqueued;
        this.queue = queue;
        this.claims = claims;
    }

    /** What a sweep did: claims queued, and claims whose send or mark failed (queued on the next sweep). */
    public record Result(int queued, int failed) {
    }

    public Result run() {
        int[] counts = new int[2];
        unqueued.forEach((practiceId, claimId) -> {
            try {
                queue.enqueue(practiceId, claimId);
                claims.markQueued(practiceId, claimId);
                counts[0]++;
            } catch (RuntimeException e) {
                counts[1]++;
                LOG.warn("scrub sweep: claim {} of practice {} not queued: {}", claimId, practiceId, e.toString());
            }
        });
        LOG.info("scrub sweep: {} claims queued, {} failed", counts[0], counts[1]);
        return new Result(counts[0], counts[1]);
    }
}
