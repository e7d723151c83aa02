package org.therapyops.billing.x12.sim;

import io.xlate.edi.stream.EDIStreamException;
import org.therapyops.billing.x12.SegmentWriter;
import org.therapyops.billing.x12.sim.SimulatedClearinghouse.Outcome;
import org.therapyops.billing.x12.sim.Submitted837P.SubmittedClaim;
import org.therapyops.billing.x12.sim.Submitted837P.SubmittedLine;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The 277CA (005010X214): the clearinghouse (2000A), the submitter's batch (2000B), each billing provider (2000C),
 * each patient (2000D) and each claim (2200D) with its status, REF*1K when accepted and REF*D9 always.
 */
final class Ack277CA {

    static final String VERSION = "005010X214";

    /** A claim in the file with a decision. */
    record Decided(SubmittedClaim claim, Outcome outcome) {
    }

    private Ack277CA() {
    }

    static String write(Submitted837P in, List<Decided> claims, ZonedDateTime now) {
        String date = now.format(Envelope.D8);
        String reference = Envelope.reference("CA", 14, in.submitterId(), in.isa13(), in.gs06());
        return Envelope.write(in, now, "277", "HN", VERSION, s -> {
            s.startTransaction();
            s.write("ST", "277", "0001", VERSION);
            s.write("BHT", "0085", "08", reference, date, now.format(Envelope.HHMM), "TH");
            s.write("HL", "1", null, "20", "1");
            s.write("NM1", "AY", "2", SegmentWriter.text(in.receiverName() == null ? "SIMULATED CLEARINGHOUSE"
                    : in.receiverName(), 60), null, null, null, null, "46", in.receiverId());
            s.write("TRN", "1", reference);
            s.write("DTP", "050", "D8", date);
            s.write("DTP", "009", "D8", date);
            s.write("HL", "2", "1", "21", "1");
            s.write("NM1", "41", "2", SegmentWriter.text(in.submitterName() == null ? in.submitterId()
                    : in.submitterName(), 60), null, null, null, null, "46", in.submitterId());
            s.write("TRN", "2", in.bht03());
            // STC A1:19: the entity acknowledges receipt of the claims
            s.write("STC", new String[] {"A1", "19", "PR"}, date, "WQ", total(claims));
            totals(s, claims, "90", "AA");

            int hl = 2;
            for (List<Decided> provider : byProvider(claims).values()) {
                int providerHl = ++hl;
                SubmittedClaim first = provider.get(0).claim();
                s.write("HL", String.valueOf(providerHl), "2", "19", "1");
                s.write("NM1", "85", "2", SegmentWriter.text(first.billingName(), 60), null, null, null, null, "XX",
                        first.billingNpi());
                s.write("TRN", "1", first.billingNpi());
                s.write("STC", new String[] {"A1", "19", "85"}, null, "WQ", total(provider));
                totals(s, provider, "QA", "QC");
                for (List<Decided> patient : byPatient(provider).values()) {
                    SubmittedClaim c = patient.get(0).claim();
                    s.write("HL", String.valueOf(++hl), String.valueOf(providerHl), "PT");
                    s.write("NM1", "QC", "1", SegmentWriter.text(c.patientLastName(), 60),
                            SegmentWriter.text(c.patientFirstName(), 35), null, null, null, "MI", c.memberId());
                    for (Decided d : patient) {
                        claim(s, in, d, date);
                    }
                }
            }
            Envelope.endSet(s, "0001");
            return 1;
        });
    }

    private static void claim(SegmentWriter s, Submitted837P in, Decided d, String date) throws EDIStreamException {
        SubmittedClaim c = d.claim();
        String charge = SegmentWriter.amount(c.totalCharge());
        s.write("TRN", "2", c.patientControlNumber());
        if (d.outcome() != Outcome.REJECTED) {
            // A1:20: accepted for processing
            s.write("STC", new String[] {"A1", "20", "PR"}, date, "WQ", charge);
            s.write("REF", "1K", SimulatedClearinghouse.payerClaimControlNumber(in.submitterId(), c.patientControlNumber()));
        } else if (c.totalCharge().compareTo(c.lineTotal()) != 0) {
            // A7:400 claim is out of balance; A7:178 submitted charges
            s.write("STC", new String[] {"A7", "400", "85"}, date, "U", charge, null, null, null, null, null,
                    new String[] {"A7", "178"}, null, "CLAIM TOTAL DIFFERS FROM THE SUM OF ITS LINES");
        } else {
            // A7:164 entity's contract/member number (the subscriber, IL); A7:21 missing or invalid information
            s.write("STC", new String[] {"A7", "164", "IL"}, date, "U", charge, null, null, null, null, null,
                    new String[] {"A7", "21", "IL"}, null, "SUBSCRIBER NOT FOUND FOR THIS MEMBER ID");
        }
        s.write("REF", "D9", Envelope.reference("D9", 18, in.submitterId(), in.isa13(), c.patientControlNumber()));
        LocalDate from = c.lines().stream().map(SubmittedLine::date).min(LocalDate::compareTo).orElseThrow();
        LocalDate to = c.lines().stream().map(SubmittedLine::date).max(LocalDate::compareTo).orElseThrow();
        if (from.equals(to)) {
            s.write("DTP", "472", "D8", from.format(Envelope.D8));
        } else {
            s.write("DTP", "472", "RD8", from.format(Envelope.D8) + "-" + to.format(Envelope.D8));
        }
    }

    /** QTY and AMT of the accepted and the rejected claims, each written only when there are any. */
    private static void totals(SegmentWriter s, List<Decided> claims, String acceptedQty, String rejectedQty)
            throws EDIStreamException {
        List<Decided> accepted = claims.stream().filter(d -> d.outcome() != Outcome.REJECTED).toList();
        List<Decided> rejected = claims.stream().filter(d -> d.outcome() == Outcome.REJECTED).toList();
        if (!accepted.isEmpty()) {
            s.write("QTY", acceptedQty, String.valueOf(accepted.size()));
        }
        if (!rejected.isEmpty()) {
            s.write("QTY", rejectedQty, String.valueOf(rejected.size()));
        }
        if (!accepted.isEmpty()) {
            s.write("AMT", "YU", total(accepted));
        }
        if (!rejected.isEmpty()) {
            s.write("AMT", "YY", total(rejected));
        }
    }

    private static String total(List<Decided> claims) {
        return SegmentWriter.amount(claims.stream().map(d -> d.claim().totalCharge())
                .reduce(BigDecimal.ZERO, BigDecimal::add));
    }

    private static Map<String, List<Decided>> byProvider(List<Decided> claims) {
        Map<String, List<Decided>> groups = new LinkedHashMap<>();
        claims.forEach(d -> groups.computeIfAbsent(d.claim().billingNpi(), k -> new java.util.ArrayList<>()).add(d));
        return groups;
    }

    private static Map<String, List<Decided>> byPatient(List<Decided> claims) {
        Map<String, List<Decided>> groups = new LinkedHashMap<>();
        claims.forEach(d -> groups.computeIfAbsent(d.claim().memberId() + '\u0000' + d.claim().patientLastName()
                + '\u0000' + d.claim().patientFirstName(), k -> new java.util.ArrayList<>()).add(d));
        return groups;
    }
}
