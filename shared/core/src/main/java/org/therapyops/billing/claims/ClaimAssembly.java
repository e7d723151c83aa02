package org.therapyops.billing.claims;

import org.therapyops.billing.Charge;
import org.therapyops.billing.Claim;
import org.therapyops.billing.ClaimFrequency;
import org.therapyops.billing.Party;
import org.therapyops.billing.charges.CapturedCharge;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Groups a note's charges into claims, one per rendering provider and date of service (patient, coverage and
 * billing provider are the note's), and splits a claim that would carry more than 12 diagnoses or 50 lines.
 * Pointers are rewritten to each claim's own diagnosis list. Deterministic: claim ids are
 * {@code <noteId>-C<nn>} in the order of the charges, so a redelivered signing event builds the same claims.
 */
public final class ClaimAssembly {

    private ClaimAssembly() {
    }

    /**
     * The claims, which claim each charge went to, and the note's diagnoses that no line points to and that
     * did not fit on any claim (at most 12 per claim).
     */
    public record Assembled(List<Claim> claims, Map<String, String> claimOfCharge, List<String> unplacedDiagnoses) {
        public Assembled {
            claims = List.copyOf(claims);
            claimOfCharge = Map.copyOf(claimOfCharge);
            unplacedDiagnoses = List.copyOf(unplacedDiagnoses);
        }
    }

    public static String claimId(String noteId, int sequence) {
        return noteId + "-C" + String.format("%02d", sequence);
    }

    /**
     * @param diagnoses the note's diagnoses in order; each charge's pointers index them (1-based)
     * @param renderingParty the claim party of a rendering provider id
     */
    public static Assembled assemble(String noteId, ClaimHeader header, List<String> diagnoses,
                                     List<CapturedCharge> charges, Function<String, Party> renderingParty) {
        Objects.requireNonNull(header, "header");
        Map<String, List<CapturedCharge>> groups = new LinkedHashMap<>();
        for (CapturedCharge c : charges) {
            groups.computeIfAbsent(c.charge().renderingProviderId() + "|" + c.charge().dateOfService(),
                    k -> new ArrayList<>()).add(c);
        }
        List<Bucket> buckets = new ArrayList<>();
        for (List<CapturedCharge> group : groups.values()) {
            Bucket current = null;
            for (CapturedCharge c : group) {
                Set<String> needed = new LinkedHashSet<>();
                for (int pointer : c.charge().diagnosisPointers()) {
                    needed.add(diagnoses.get(pointer - 1));
                }
                if (current == null || !current.fits(needed)) {
                    current = new Bucket();
                    buckets.add(current);
                }
                current.add(c, needed);
            }
        }
        // Diagnoses no line points to still belong on a claim (they support medical necessity): where there is room.
        Set<String> referenced = new LinkedHashSet<>();
        buckets.forEach(b -> referenced.addAll(b.diagnoses));
        List<String> unplaced = new ArrayList<>();
        for (String dx : diagnoses) {
            if (referenced.contains(dx)) {
                continue;
            }
            Bucket room = buckets.stream().filter(b -> b.diagnoses.size() < Claim.MAX_DIAGNOSES).findFirst().orElse(null);
            if (room == null) {
                unplaced.add(dx);
            } else {
                room.diagnoses.add(dx);
            }
        }
        List<Claim> claims = new ArrayList<>();
        Map<String, String> claimOfCharge = new HashMap<>();
        for (Bucket b : buckets) {
            String id = claimId(noteId, claims.size() + 1);
            List<String> claimDiagnoses = ordered(b.diagnoses, diagnoses);
            List<Charge> lines = new ArrayList<>();
            for (CapturedCharge c : b.charges) {
                Charge charge = c.charge();
                List<Integer> pointers = charge.diagnosisPointers().stream()
                        .map(p -> claimDiagnoses.indexOf(diagnoses.get(p - 1)) + 1).toList();
                lines.add(new Charge(charge.code(), charge.modifiers(), charge.units(), charge.minutes(), pointers,
                        charge.amount(), charge.renderingProviderId(), charge.dateOfService(), charge.placeOfService()));
                claimOfCharge.put(c.id(), id);
            }
            Charge first = lines.get(0);
            LocalDate dateOfService = first.dateOfService();
            claims.add(new Claim(id, header.patientId(), header.coverageId(), header.payerId(), header.payerName(),
                    header.payerEdiId(), header.billingProvider(), renderingParty.apply(first.renderingProviderId()),
                    header.referringProvider(), header.subscriber(), dateOfService, first.placeOfService(),
                    ClaimFrequency.ORIGINAL, null, header.priorAuthorizationNumber(), claimDiagnoses, lines));
        }
        return new Assembled(claims, claimOfCharge, unplaced);
    }

    /** The claim's diagnoses in the note's order, so the principal stays first. */
    private static List<String> ordered(Set<String> claimDiagnoses, List<String> noteDiagnoses) {
        List<String> ordered = new ArrayList<>();
        for (String dx : noteDiagnoses) {
            if (claimDiagnoses.contains(dx) && !ordered.contains(dx)) {
                ordered.add(dx);
            }
        }
        return ordered;
    }

    private static final class Bucket {
        final List<CapturedCharge> charges = new ArrayList<>();
        final Set<String> diagnoses = new LinkedHashSet<>();

        boolean fits(Set<String> needed) {
            if (charges.size() >= Claim.MAX_LINES) {
                return false;
            }
            Set<String> union = new LinkedHashSet<>(diagnoses);
            union.addAll(needed);
            return union.size() <= Claim.MAX_DIAGNOSES;
        }

        void add(CapturedCharge charge, Set<String> needed) {
            charges.add(charge);
            diagnoses.addAll(needed);
        }
    }
}
