package org.therapyops.billing.remittance.service;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.therapyops.billing.StoredClaim;
import org.therapyops.billing.remittance.EraRecord;
import org.therapyops.billing.remittance.Posting;
import org.therapyops.billing.remittance.Remittance;
import org.therapyops.billing.remittance.RemittancePosting;
import org.therapyops.billing.remittance.Unapplied;
import org.therapyops.ports.ClaimRepository;
import org.therapyops.ports.RemittanceRepository;
import org.therapyops.ports.StaleVersionException;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Posts an ERA to the practice's claims, exactly once however often it comes (by the same delivery or another):
 * an ERA that does not balance is held whole; otherwise each claim payment, in file order, is decided by
 * {@link RemittancePosting} against its claim as it stands after the earlier ones, and posted in one conditional
 * write with its ledger entry (a posting that exists already is skipped), or held for a biller. Applying the ERA again
 * posts nothing twice and tries the held ones again (their claim may exist now).
 */
public final class RemittanceService {

    private static final Logger LOG = LoggerFactory.getLogger(RemittanceService.class);
    private static final int ATTEMPTS = 5;

    private final ClaimRepository claims;
    private final RemittanceRepository remittances;
    private final Clock clock;

    public RemittanceService(ClaimRepository claims, RemittanceRepository remittances, Clock clock) {
        this.claims = claims;
        this.remittances = remittances;
        this.clock = clock;
    }

    /** What posting an ERA did: its record, and how many claim payments this application posted. */
    public record Outcome(EraRecord era, int postedNow, List<String> changes) {
        public Outcome {
            changes = List.copyOf(changes);
        }
    }

    public Outcome post(String practiceId, String deliveryId, Remittance era) {
        Instant now = clock.instant();
        String eraId = RemittancePosting.eraId(era.payment());
        Optional<EraRecord> earlier = remittances.get(practiceId, eraId);
        Set<String> deliveries = new LinkedHashSet<>(earlier.map(EraRecord::deliveryIds).orElse(List.of()));
        deliveries.add(deliveryId);
        Instant receivedAt = earlier.map(EraRecord::receivedAt).orElse(now);
        String trace = era.payment().traceNumber();

        List<String> problems = RemittancePosting.eraProblems(era);
        if (!problems.isEmpty()) {
            List<Unapplied> held = new ArrayList<>();
            for (int i = 0; i < era.claims().size(); i++) {
                Remittance.ClaimPayment clp = era.claims().get(i);
                held.add(new Unapplied(i, clp.patientControlNumber(), null, Unapplied.Reason.ERA_UNBALANCED, String.join("; ", problems),
                        clp.charge(), clp.paid()));
            }
            EraRecord record = new EraRecord(eraId, EraRecord.Status.HELD, era.payment(), era.payer(), era.payee(),
                    era.claims().size(), 0, BigDecimal.ZERO, held, era.providerAdjustments(), problems, List.copyOf(deliveries),
                    receivedAt, now);
            remittances.save(practiceId, record);
            LOG.info("ERA {} (trace {}) of practice {} held: it does not balance", eraId, trace, practiceId);
            return new Outcome(record, 0, List.of("835 " + eraId + " (trace " + trace + "): held, nothing posted: "
                    + String.join("; ", problems)));
        }

        Map<String, StoredClaim> current = new HashMap<>();
        Map<String, Map<String, String>> postingIds = new HashMap<>();
        List<Unapplied> held = new ArrayList<>();
        int posted = 0;
        int postedNow = 0;
        int postedByOthers = 0;
        BigDecimal postedPaid = BigDecimal.ZERO;
        for (int i = 0; i < era.claims().size(); i++) {
            Remittance.ClaimPayment clp = era.claims().get(i);
            Optional<String> claimId = claims.claimIdByControlNumber(practiceId, clp.patientControlNumber());
            PostResult result = postOne(practiceId, claimId.orElse(null), era, i, eraId, deliveryId, now, current, postingIds);
            if (result.held != null) {
                held.add(result.held);
            } else {
                posted++;
                postedPaid = postedPaid.add(clp.paid() == null ? BigDecimal.ZERO : clp.paid());
                if (result.now) {
                    postedNow++;
                }
                if (result.byAnotherDelivery) {
                    postedByOthers++;
                }
            }
        }
        EraRecord record = new EraRecord(eraId, held.isEmpty() ? EraRecord.Status.POSTED : EraRecord.Status.POSTED_WITH_UNAPPLIED,
                era.payment(), era.payer(), era.payee(), era.claims().size(), posted, postedPaid, held, era.providerAdjustments(),
                List.of(), List.copyOf(deliveries), receivedAt, now);
        remittances.save(practiceId, record);
        LOG.info("ERA {} (trace {}) of practice {}: {} of {} claim payments posted ({} now), {} held", eraId, trace, practiceId,
                posted, era.claims().size(), postedNow, held.size());
        List<String> changes = new ArrayList<>();
        changes.add("835 " + eraId + " (trace " + trace + ", " + era.payment().amount().toPlainString() + "): " + posted + " of "
                + era.claims().size() + " claim payment(s) posted" + (postedByOthers == 0 ? "" : " (" + postedByOthers
                + " already posted before)") + (held.isEmpty() ? "" : ", " + held.size() + " held as unapplied"));
        held.forEach(u -> changes.add("unapplied claim payment " + (u.clpIndex() + 1) + " (" + u.patientControlNumber() + "): "
                + u.reason()));
        return new Outcome(record, postedNow, changes);
    }

    /**
     * One claim payment: held, or posted now, or found posted (by an earlier attempt of this delivery, which then still
     * counts as this delivery's posting, or by another delivery of the same ERA, which is "already posted before").
     */
    private record PostResult(Unapplied held, boolean now, boolean byAnotherDelivery) {
    }

    private PostResult postOne(String practiceId, String claimId, Remittance era, int index, String eraId, String deliveryId,
                               Instant now, Map<String, StoredClaim> current, Map<String, Map<String, String>> postingIds) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            StoredClaim claim = claimId == null ? null
                    : current.containsKey(claimId) ? current.get(claimId) : claims.get(practiceId, claimId).orElse(null);
            // A claim's postings are written with its remittance totals: a claim without totals has none to look up.
            String postedBy = claim == null || claim.response().remittance() == null ? null
                    : postingIds.computeIfAbsent(claimId, id -> ledgerIds(practiceId, id)).get(Posting.idOf(eraId, index));
            if (postedBy != null) {
                current.put(claimId, claim);
                // Posted by an earlier application: of another delivery, or of this one (a retry, a duplicate message).
                return new PostResult(null, false, !postedBy.equals(deliveryId));
            }
            RemittancePosting.Decision decision = RemittancePosting.decide(claim, era, index, eraId, deliveryId, now);
            if (decision instanceof RemittancePosting.Decision.Hold hold) {
                return new PostResult(hold.unapplied(), false, false);
            }
            RemittancePosting.Decision.Post post = (RemittancePosting.Decision.Post) decision;
            try {
                Optional<StoredClaim> after = claims.post(practiceId, claim, post.posting(), post.to(), post.response());
                current.remove(claimId);
                after.ifPresent(c -> current.put(claimId, c));
                postingIds.remove(claimId);
                if (after.isEmpty()) {
                    // Posted meanwhile, by a twin of this application or by another delivery.
                    String by = ledgerIds(practiceId, claimId).get(Posting.idOf(eraId, index));
                    return new PostResult(null, false, by != null && !by.equals(deliveryId));
                }
                return new PostResult(null, true, false);
            } catch (StaleVersionException e) {
                current.remove(claimId);
                postingIds.remove(claimId);
                LOG.info("claim {} changed while posting ERA {}; reading it again (attempt {})", claimId, eraId, attempt);
            }
        }
        throw new StaleVersionException("The claim");
    }

    /** The claim's postings: id to the delivery that posted it. */
    private Map<String, String> ledgerIds(String practiceId, String claimId) {
        Map<String, String> ids = new HashMap<>();
        claims.ledger(practiceId, claimId).forEach(p -> ids.put(p.id(), String.valueOf(p.deliveryId())));
        return ids;
    }
}
