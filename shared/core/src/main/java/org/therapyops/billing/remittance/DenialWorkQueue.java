package org.therapyops.billing.remittance;

import org.therapyops.billing.PayerResponse;
import org.therapyops.billing.StoredClaim;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The denials work queue: denied lines still to work, grouped by their first CARC and the payer, each group with our
 * next-action hint, largest amount first.
 */
public final class DenialWorkQueue {

    private DenialWorkQueue() {
    }

    /** One denied line of a claim. */
    public record Item(String claimId, String patientId, String payerId, String payerName, java.time.LocalDate dateOfService,
                       String status, PayerResponse.Denial denial) {
    }

    /** The lines denied for one reason by one payer. */
    public record Group(String reason, String payerId, String payerName, DenialHints.Hint hint, int count, BigDecimal amount,
                        List<Item> items) {
        public Group {
            items = List.copyOf(items);
        }
    }

    public static List<Group> of(List<StoredClaim> claims, DenialHints hints) {
        Map<String, List<Item>> byKey = new LinkedHashMap<>();
        for (StoredClaim claim : claims) {
            for (PayerResponse.Denial denial : claim.response().denials()) {
                Item item = new Item(claim.claim().id(), claim.claim().patientId(), claim.claim().payerId(), claim.claim().payerName(),
                        claim.claim().dateOfService(), claim.status().name(), denial);
                byKey.computeIfAbsent(denial.primaryReason() + "\u001f" + claim.claim().payerId(), k -> new ArrayList<>()).add(item);
            }
        }
        List<Group> groups = new ArrayList<>();
        for (List<Item> items : byKey.values()) {
            Item first = items.get(0);
            BigDecimal amount = items.stream().map(i -> i.denial().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
            String reason = first.denial().primaryReason();
            groups.add(new Group(reason, first.payerId(), first.payerName(), hints.of(reason), items.size(), amount, items));
        }
        groups.sort(Comparator.comparing(Group::amount).reversed().thenComparing(Group::reason));
        return groups;
    }
}
