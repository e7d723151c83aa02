package org.therapyops.billing.charges;

import org.therapyops.billing.Charge;
import org.therapyops.billing.Claim;
import org.therapyops.billing.ClaimFrequency;
import org.therapyops.billing.StoredClaim;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A patient's Medicare therapy amounts in a calendar year counted before a note's services: PT and speech-language
 * pathology combined, occupational therapy separately (the two KX thresholds, {@link TherapyPool}).
 *
 * <p>{@link #beforeNote} and {@link #beforeClaim} compute it from the patient's claims:
 * <ul>
 * <li>the patient's claims of the same calendar year whose payer the caller counts (its Medicare payers: the thresholds are
 *     Medicare's, other payers' claims never count);</li>
 * <li>the <em>allowed</em> amounts of their lines, by pool (GP/GN or GO), as CMS counts them (the fee schedule's,
 *     deductible and coinsurance included): an 835's AMT*B6 for the line, else its payment plus patient responsibility.
 *     A line no remittance has spoken of yet counts its <em>billed</em> amount: a known approximation until the ERA
 *     comes (a practice whose fees exceed Medicare's reaches the threshold here before it does at CMS, so KX comes early
 *     rather than late);</li>
 * <li>only claims earlier in {@link Position} order: an earlier date of service; on the same date, a note signed
 *     earlier; at the same instant, the smaller note id. The order rests on stored facts only, so capturing a note
 *     again counts the same claims — a note signed later never counts, however early it was captured. (One case
 *     differs: a note signed earlier whose capture came only after this note's first capture counts on a recapture;
 *     the first capture's charges stand, as claims are written once, and the scrubber, counting the same way, flags
 *     the KX that no longer agrees.) A claim without a note stands at its creation time under its own id;</li>
 * <li>never the claims of the note itself (a note's claims are one unit for KX, see {@link #kxPools}), nor a void
 *     claim (frequency 8), nor a claim that a replacement or void among the patient's claims refers to. Claims count
 *     in every status; a denied line counts what the payer allowed for it (nothing).</li>
 * </ul>
 */
public record TherapyYearToDate(int year, BigDecimal physicalAndSpeech, BigDecimal occupational) {

    public TherapyYearToDate {
        Objects.requireNonNull(physicalAndSpeech, "physicalAndSpeech");
        Objects.requireNonNull(occupational, "occupational");
        if (physicalAndSpeech.signum() < 0 || occupational.signum() < 0) {
            throw new IllegalArgumentException("year-to-date amounts cannot be negative");
        }
    }

    /** Nothing billed yet this year. */
    public static TherapyYearToDate none(int year) {
        return new TherapyYearToDate(year, BigDecimal.ZERO, BigDecimal.ZERO);
    }

    /**
     * Where a note's services stand in the patient's year: date of service, then when the note was signed (null: after
     * every signed note of that day), then the note's id.
     */
    public record Position(LocalDate dateOfService, Instant signedAt, String noteId) implements Comparable<Position> {

        private static final Comparator<Position> ORDER = Comparator.comparing(Position::dateOfService)
                .thenComparing(Position::signedAt, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(Position::noteId);

        public Position {
            Objects.requireNonNull(dateOfService, "dateOfService");
            Objects.requireNonNull(noteId, "noteId");
        }

        /** A stored claim's position: its note's, or, without a note, its creation time and its own id. */
        public static Position of(StoredClaim stored) {
            return stored.noteId() == null
                    ? new Position(stored.claim().dateOfService(), stored.createdAt(), stored.claim().id())
                    : new Position(stored.claim().dateOfService(), stored.noteSignedAt(), stored.noteId());
        }

        @Override
        public int compareTo(Position other) {
            return ORDER.compare(this, other);
        }
    }

    /** The patient's amounts counted before their note at {@code note}, from their claims (see the type's description). */
    public static TherapyYearToDate beforeNote(String patientId, Position note, Collection<StoredClaim> claims,
                                               Predicate<String> countedPayer) {
        return sum(patientId, note, claims, countedPayer, null);
    }

    /**
     * What counts before a stored claim's lines when its KX is checked: the amounts before its note and the other claims
     * of that note (a note's claims are one unit for KX, as charge capture decides KX before the note is split into claims).
     */
    public static TherapyYearToDate beforeClaim(StoredClaim claim, Collection<StoredClaim> claims, Predicate<String> countedPayer) {
        return sum(claim.claim().patientId(), Position.of(claim), claims, countedPayer, claim.claim().id());
    }

    /** The claims before {@code note}, and, unless {@code claimId} is null, the note's own claims other than that one. */
    private static TherapyYearToDate sum(String patientId, Position note, Collection<StoredClaim> claims,
                                         Predicate<String> countedPayer, String claimId) {
        Set<String> superseded = superseded(claims);
        int year = note.dateOfService().getYear();
        TherapyYearToDate ytd = none(year);
        for (StoredClaim stored : claims) {
            Position at = Position.of(stored);
            boolean sameNote = at.noteId().equals(note.noteId());
            boolean counted = sameNote ? claimId != null && !claimId.equals(stored.claim().id()) : at.compareTo(note) < 0;
            if (counted && counts(stored, patientId, year, countedPayer, superseded)) {
                ytd = ytd.plus(stored.claim().lines(), allowed(stored));
            }
        }
        return ytd;
    }

    public BigDecimal amount(TherapyPool pool) {
        return pool == TherapyPool.OCCUPATIONAL ? occupational : physicalAndSpeech;
    }

    /** These amounts with the lines' amounts added to their pools (lines of neither pool, or without an amount, add nothing). */
    public TherapyYearToDate plus(Collection<Charge> lines) {
        return plus(List.copyOf(lines), List.of());
    }

    /**
     * These amounts with each line's allowed amount added to its pool where {@code allowed} has one (same index), its
     * billed amount elsewhere.
     */
    public TherapyYearToDate plus(List<Charge> lines, List<BigDecimal> allowed) {
        BigDecimal ps = physicalAndSpeech;
        BigDecimal ot = occupational;
        for (int i = 0; i < lines.size(); i++) {
            Charge line = lines.get(i);
            TherapyPool pool = TherapyPool.of(line).orElse(null);
            BigDecimal amount = i < allowed.size() && allowed.get(i) != null ? allowed.get(i).max(BigDecimal.ZERO) : line.amount();
            if (pool == null || amount == null) {
                continue;
            }
            if (pool == TherapyPool.OCCUPATIONAL) {
                ot = ot.add(amount);
            } else {
                ps = ps.add(amount);
            }
        }
        return new TherapyYearToDate(year, ps, ot);
    }

    /** The allowed amount of each line of the claim as remittances posted it (empty before any). */
    private static List<BigDecimal> allowed(StoredClaim stored) {
        return stored.response().remittance() == null ? List.of() : stored.response().remittance().allowedByLine();
    }

    /**
     * The pools whose lines among {@code lines} must all carry KX: those where these amounts plus every line of the pool
     * exceed the threshold; in the other pools no line carries it. This is the one KX rule of charge capture and the
     * scrubber. KX is decided for the claim as a whole, per pool, not line by line from the crossing: CMS's instruction
     * for a claim on which some therapy lines fall below the threshold and others above is to put KX on all of that
     * discipline's lines or on none (MLN Matters SE0637, June 2006, "Use of the KX Modifier on Claims ... When Some
     * Services Exceed the Therapy Caps": claims were denied for mixing lines with and without KX; OT lines decided apart
     * from PT/SLP lines). "Exceed" is strictly above, as in the Medicare Claims Processing Manual (100-04) ch. 5 §10.3.
     * Here the unit is the note: its claims (one, unless split by rendering provider or at 50 lines) are decided together.
     */
    public Set<TherapyPool> kxPools(Collection<Charge> lines, BigDecimal threshold) {
        TherapyYearToDate with = plus(lines);
        Set<TherapyPool> pools = EnumSet.noneOf(TherapyPool.class);
        for (Charge line : lines) {
            TherapyPool.of(line).filter(p -> with.amount(p).compareTo(threshold) > 0).ifPresent(pools::add);
        }
        return pools;
    }

    private static boolean counts(StoredClaim stored, String patientId, int year, Predicate<String> countedPayer,
                                  Set<String> superseded) {
        Claim claim = stored.claim();
        return patientId.equals(claim.patientId()) && claim.dateOfService().getYear() == year && claim.frequency() != ClaimFrequency.VOID
                && !superseded.contains(claim.id()) && claim.payerId() != null && countedPayer.test(claim.payerId());
    }

    /** Claims a replacement or void among these refers to: the replacement counts instead, a void not at all. */
    private static Set<String> superseded(Collection<StoredClaim> claims) {
        Set<String> ids = new HashSet<>();
        for (StoredClaim stored : claims) {
            Claim c = stored.claim();
            if (c.frequency() != ClaimFrequency.ORIGINAL && c.originalClaimId() != null) {
                ids.add(c.originalClaimId());
            }
        }
        return ids;
    }
}
