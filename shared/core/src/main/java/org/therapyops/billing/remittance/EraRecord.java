package org.therapyops.billing.remittance;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An ERA as the practice keeps it: the payment, what was posted of it, and the claim payments held for a biller.
 *
 * @param claimCount  CLP loops in it
 * @param postedCount claim payments posted to claims (by this or an earlier application)
 * @param postedPaid  the payments (CLP04) of those
 * @param problems    why it was held as a whole (empty unless HELD)
 * @param deliveryIds the deliveries that carried it (the same ERA sent twice is posted once)
 */
public record EraRecord(String id, Status status, Remittance.Payment payment, Remittance.Party payer, Remittance.Party payee,
                        int claimCount, int postedCount, BigDecimal postedPaid, List<Unapplied> unapplied,
                        List<Remittance.ProviderAdjustment> providerAdjustments, List<String> problems,
                        List<String> deliveryIds, Instant receivedAt, Instant appliedAt) {

    public EraRecord {
        unapplied = List.copyOf(unapplied);
        providerAdjustments = List.copyOf(providerAdjustments);
        problems = List.copyOf(problems);
        deliveryIds = List.copyOf(deliveryIds);
    }

    /** POSTED: every claim payment posted; POSTED_WITH_UNAPPLIED: some held; HELD: nothing posted (the ERA does not balance). */
    public enum Status { POSTED, POSTED_WITH_UNAPPLIED, HELD }
}
