package org.therapyops.billing.x12.sim;

import org.therapyops.billing.x12.X12ParseException;
import org.therapyops.billing.x12.sim.Ack277CA.Decided;
import org.therapyops.billing.x12.sim.Adjudication.ClaimResult;
import org.therapyops.billing.x12.sim.Submitted837P.SubmittedClaim;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A clearinghouse and payer in one, for tests and local runs: answers a submitted 837P with the 999, the 277CA and
 * the 835 a real one would send back, deterministic for a given 837P and clock. Each claim's fate is chosen by its
 * subscriber's member id (NM109 of NM1*IL), by prefix, case-insensitive: {@code REJECTED…} is rejected in the 277CA,
 * {@code DENIED…} denied in the 835 (CO-197, RARC N54), {@code PARTIAL…} paid in part (80 % allowed, 20 %
 * coinsurance, the last of two or more lines bundled, CO-97), anything else paid in full. A claim whose CLM02 is not
 * the sum of its lines is rejected too. Pure Java: no I/O, no AWS.
 */
public final class SimulatedClearinghouse {

    private SimulatedClearinghouse() {
    }

    /** What the member id's prefix makes of a claim. */
    public enum Outcome {
        PAID, PARTIAL, DENIED, REJECTED;

        /** By prefix, case-insensitive, an underscore after it optional ({@code DENIED_123}, {@code denied123}). */
        public static Outcome of(String memberId) {
            String id = memberId == null ? "" : memberId.toUpperCase(Locale.ROOT);
            for (Outcome o : List.of(REJECTED, DENIED, PARTIAL, PAID)) {
                if (id.startsWith(o.name())) {
                    return o;
                }
            }
            return PAID;
        }
    }

    /** How to answer. {@code reject999} makes the 999 reject the batch (IK3 at the first CLM, IK5*R, AK9*R). */
    public record Options(boolean reject999) {

        public static final Options DEFAULT = new Options(false);

        public static Options rejecting999() {
            return new Options(true);
        }
    }

    /**
     * The three responses, each one X12 interchange from the clearinghouse to the submitter.
     *
     * @param ack277ca null when the 999 rejected the batch
     * @param era835   null when the 999 rejected the batch or the 277CA rejected every claim
     */
    public record Responses(String ack999, String ack277ca, String era835) {

        public Responses {
            Objects.requireNonNull(ack999, "ack999");
        }
    }

    /** Answers with the default options: everything the 837P holds is accepted into adjudication. */
    public static Responses respond(String x12_837P, Clock clock) {
        return respond(x12_837P, clock, Options.DEFAULT);
    }

    /**
     * Answers one submitted 837P interchange (one group, one 005010X222A1 set).
     *
     * @throws X12ParseException when it cannot be read as such
     */
    public static Responses respond(String x12_837P, Clock clock, Options options) {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(options, "options");
        Submitted837P in = Submitted837P.read(x12_837P);
        ZonedDateTime now = ZonedDateTime.now(clock);
        String ack999 = Ack999.write(in, now, options.reject999());
        if (options.reject999()) {
            return new Responses(ack999, null, null);
        }
        List<Decided> decided = in.claims().stream().map(c -> new Decided(c, outcome(c))).toList();
        String ack277ca = Ack277CA.write(in, decided, now);
        List<ClaimResult> adjudicated = decided.stream().filter(d -> d.outcome() != Outcome.REJECTED)
                .map(d -> Adjudication.adjudicate(d.claim(), d.outcome())).toList();
        String era835 = adjudicated.isEmpty() ? null : Era835.write(in, adjudicated, now);
        return new Responses(ack999, ack277ca, era835);
    }

    /**
     * The payer claim control number the 277CA (REF*1K) and the 835 (CLP07) give a claim: stable for the same
     * submitter and patient control number, so a resubmitted claim keeps it.
     */
    public static String payerClaimControlNumber(String submitterId, String patientControlNumber) {
        return Envelope.reference("SIM", 17, "ICN", submitterId, patientControlNumber);
    }

    private static Outcome outcome(SubmittedClaim claim) {
        if (claim.totalCharge().compareTo(claim.lineTotal()) != 0) {
            return Outcome.REJECTED;
        }
        return Outcome.of(claim.memberId());
    }
}
