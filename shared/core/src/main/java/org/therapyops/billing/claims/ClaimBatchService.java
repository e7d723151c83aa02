package org.therapyops.billing.claims;

import org.therapyops.billing.Claim;
import org.therapyops.billing.ClaimBatch;
import org.therapyops.billing.ClaimStatus;
import org.therapyops.billing.StoredClaim;
import org.therapyops.domain.BillingProfile;
import org.therapyops.domain.RefusedException;
import org.therapyops.ports.BatchRepository;
import org.therapyops.ports.ClaimInterchanges;
import org.therapyops.ports.ClaimRepository;
import org.therapyops.ports.PracticeRepository;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Submits READY claims as one batch: written as one interchange with control numbers unique per practice, stored
 * with the batch, and the claims SUBMITTED, all or none. Refusals ({@link RefusedException}) write nothing.
 */
public final class ClaimBatchService {

    /** The stored file stays well under DynamoDB's 400 KB item limit. */
    public static final int MAX_BYTES = 350 * 1024;

    private final ClaimRepository claims;
    private final PracticeRepository practice;
    private final BatchRepository batches;
    private final ClaimInterchanges interchanges;
    private final Clock clock;

    public ClaimBatchService(ClaimRepository claims, PracticeRepository practice, BatchRepository batches,
                             ClaimInterchanges interchanges, Clock clock) {
        this.claims = claims;
        this.practice = practice;
        this.batches = batches;
        this.interchanges = interchanges;
        this.clock = clock;
    }

    /** Batches the named READY claims, or every READY claim of the practice (up to a batch's limit) when none are named. */
    public ClaimBatch submit(String practiceId, List<String> claimIds) {
        List<StoredClaim> ready = claimIds == null ? allReady(practiceId) : named(practiceId, claimIds);
        if (ready.isEmpty()) {
            throw new RefusedException(RefusedException.Kind.INVALID, "claims", "no READY claims",
                    "The practice has no READY claims to submit.");
        }
        List<Claim> content = ready.stream().map(StoredClaim::claim).toList();
        BillingProfile profile = practice.billingProfile(practiceId).orElse(null);
        if (profile == null || profile.submitter() == null) {
            throw new RefusedException(RefusedException.Kind.INVALID, "billingProfile.submitter", "is required to submit claims",
                    "The practice's billing profile names no submitter: set submitter (the id the clearinghouse assigned, "
                            + "and a contact) with PUT /billing-profile. Nothing was written.");
        }
        ClaimInterchanges.Interchange interchange;
        try {
            interchange = interchanges.write(practiceId, profile, content);
        } catch (ClaimInterchanges.UnwritableException e) {
            throw new RefusedException(RefusedException.Kind.INVALID, "claims", e.getMessage(),
                    "The claims cannot be written as an 837P: " + e.getMessage() + " Nothing was written.");
        }
        int size = interchange.text().getBytes(StandardCharsets.US_ASCII).length;
        if (size > MAX_BYTES) {
            throw new RefusedException(RefusedException.Kind.INVALID, "claims", "too large for one batch; submit smaller batches",
                    "The 837P of these " + content.size() + " claims is " + size + " bytes, over " + MAX_BYTES
                            + ": submit them in smaller batches (name claimIds). Nothing was written.");
        }
        ClaimBatch batch = new ClaimBatch(ClaimBatch.idOf(interchange.groupControlNumber()), interchange.interchangeControlNumber(),
                interchange.groupControlNumber(), interchange.transactionSetControlNumber(),
                content.stream().map(Claim::id).toList(), clock.instant(), interchange.text(), null);
        try {
            batches.submit(practiceId, batch, ready);
        } catch (BatchRepository.ClaimsChangedException e) {
            throw RefusedException.conflict("A claim of the batch changed while it was written; nothing was submitted. Try again.");
        }
        return batch;
    }

    private List<StoredClaim> allReady(String practiceId) {
        List<StoredClaim> ready = new ArrayList<>();
        String cursor = null;
        do {
            PracticeRepository.Page<StoredClaim> page = claims.list(practiceId, ClaimStatus.READY, 100, cursor);
            for (StoredClaim claim : page.items()) {
                if (ready.size() < BatchRepository.MAX_CLAIMS) {
                    ready.add(claim);
                }
            }
            cursor = ready.size() < BatchRepository.MAX_CLAIMS ? page.nextCursor() : null;
        } while (cursor != null);
        return ready;
    }

    private List<StoredClaim> named(String practiceId, List<String> claimIds) {
        Set<String> ids = new LinkedHashSet<>(claimIds);
        if (ids.size() > BatchRepository.MAX_CLAIMS) {
            throw RefusedException.invalid("claimIds", "holds more than " + BatchRepository.MAX_CLAIMS
                    + " claims; submit them in smaller batches");
        }
        List<StoredClaim> found = new ArrayList<>();
        for (String id : ids) {
            StoredClaim claim = claims.get(practiceId, id).orElseThrow(() -> new RefusedException(
                    RefusedException.Kind.UNKNOWN_REFERENCE, "claimIds", "refers to no existing claim", "No claim with id " + id + "."));
            if (claim.status() != ClaimStatus.READY) {
                throw RefusedException.invalid("claimIds", "names claim " + id + " which is " + claim.status() + ", not READY");
            }
            found.add(claim);
        }
        return found;
    }
}
