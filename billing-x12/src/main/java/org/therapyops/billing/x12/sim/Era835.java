package org.therapyops.billing.x12.sim;

import io.xlate.edi.stream.EDIStreamException;
import org.therapyops.billing.x12.SegmentWriter;
import org.therapyops.billing.x12.sim.Adjudication.Adjusted;
import org.therapyops.billing.x12.sim.Adjudication.ClaimResult;
import org.therapyops.billing.x12.sim.Adjudication.LineResult;
import org.therapyops.billing.x12.sim.Submitted837P.SubmittedClaim;
import org.therapyops.billing.x12.sim.Submitted837P.SubmittedLine;

import java.math.BigDecimal;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The 835 (005010X221A1) ERA: one transaction set per payer and payee (billing NPI), as one payment each (BPR, TRN),
 * with a CLP loop per adjudicated claim and an SVC loop per line echoing its REF*6R.
 */
final class Era835 {

    static final String VERSION = "005010X221A1";

    /** CLP06 codes that are SBR09 codes too; any other commercial filing indicator (CI, BL…) is reported as 12 (PPO). */
    private static final Set<String> SAME_FILING_CODES = Set.of("12", "13", "14", "15", "16", "17", "AM", "CH", "DS",
            "HM", "LM", "MA", "MB", "MC", "OF", "TV", "VA", "WC", "ZZ");

    private Era835() {
    }

    static String write(Submitted837P in, List<ClaimResult> results, ZonedDateTime now) {
        Map<String, List<ClaimResult>> payments = new LinkedHashMap<>();
        for (ClaimResult r : results) {
            payments.computeIfAbsent(r.claim().payerId() + '\u0000' + r.claim().billingNpi(), k -> new ArrayList<>())
                    .add(r);
        }
        return Envelope.write(in, now, "835", "HP", VERSION, s -> {
            int n = 0;
            for (List<ClaimResult> payment : payments.values()) {
                payment(s, in, payment, String.format("%04d", ++n), now);
            }
            return n;
        });
    }

    private static void payment(SegmentWriter s, Submitted837P in, List<ClaimResult> claims, String st02,
                                ZonedDateTime now) throws EDIStreamException {
        SubmittedClaim first = claims.get(0).claim();
        String date = now.format(Envelope.D8);
        BigDecimal total = claims.stream().map(ClaimResult::paid).reduce(BigDecimal.ZERO, BigDecimal::add);
        // "1" and nine digits: the payer's tax id in TRN03 and BPR10 (made up, stable per payer)
        String payerTin = "1" + Envelope.digits(9, "TIN", first.payerId());
        String trace = Envelope.reference("EFT", 15, in.submitterId(), in.isa13(), in.gs06(), first.payerId(),
                first.billingNpi());
        s.startTransaction();
        // X221A1 does not use ST03 (pyx12's map refuses it)
        s.write("ST", "835", st02);
        if (total.signum() == 0) {
            s.write("BPR", "H", "0", "C", "NON", null, null, null, null, null, null, null, null, null, null, null, date);
        } else {
            s.write("BPR", "I", SegmentWriter.amount(total), "C", "ACH", "CCP", "01", "011000015", "DA",
                    Envelope.digits(10, "PAYER-ACCOUNT", first.payerId()), payerTin, null, "01", "071000013", "DA",
                    Envelope.digits(10, "PAYEE-ACCOUNT", first.billingNpi()), date);
        }
        s.write("TRN", "1", trace, payerTin);
        s.write("DTM", "405", date);
        s.write("N1", "PR", SegmentWriter.text(first.payerName(), 60));
        s.write("N3", "PO BOX 1000");
        s.write("N4", "SPRINGFIELD", "IL", "62701");
        s.write("REF", "2U", first.payerId());
        s.write("PER", "BL", "PROVIDER SERVICES", "TE", "8005550100");
        s.write("N1", "PE", SegmentWriter.text(first.billingName(), 60), "XX", first.billingNpi());
        if (first.billingTaxId() != null) {
            s.write("REF", "TJ", first.billingTaxId());
        }
        s.write("LX", "1");
        for (ClaimResult r : claims) {
            claim(s, in, r, date);
        }
        Envelope.endSet(s, st02);
    }

    private static void claim(SegmentWriter s, Submitted837P in, ClaimResult r, String date) throws EDIStreamException {
        SubmittedClaim c = r.claim();
        s.write("CLP", c.patientControlNumber(), r.statusCode(), SegmentWriter.amount(c.totalCharge()),
                SegmentWriter.amount(r.paid()), SegmentWriter.amount(r.patientResponsibility()), filing(c),
                SimulatedClearinghouse.payerClaimControlNumber(in.submitterId(), c.patientControlNumber()),
                c.placeOfService(), c.frequency());
        s.write("NM1", "QC", "1", SegmentWriter.text(c.patientLastName(), 60),
                SegmentWriter.text(c.patientFirstName(), 35), null, null, null, "MI", c.memberId());
        s.write("DTM", "050", date);
        for (LineResult l : r.lines()) {
            SubmittedLine line = l.line();
            List<String> procedure = new ArrayList<>(List.of("HC", line.code()));
            procedure.addAll(line.modifiers());
            s.write("SVC", procedure.toArray(String[]::new), SegmentWriter.amount(line.charge()),
                    SegmentWriter.amount(l.paid()), null,
                    line.units().compareTo(BigDecimal.ONE) == 0 ? null : SegmentWriter.amount(line.units()));
            s.write("DTM", "472", line.date().format(Envelope.D8));
            adjustments(s, l.adjustments());
            if (line.lineItemControlNumber() != null) {
                s.write("REF", "6R", line.lineItemControlNumber());
            }
            s.write("AMT", "B6", SegmentWriter.amount(l.allowed()));
            for (String remark : l.remarks()) {
                s.write("LQ", "HE", remark);
            }
        }
    }

    /** One CAS per group code, up to six reason–amount–quantity triples each, as X221A1 asks. */
    private static void adjustments(SegmentWriter s, List<Adjusted> adjustments) throws EDIStreamException {
        Map<String, List<Adjusted>> byGroup = new LinkedHashMap<>();
        adjustments.forEach(a -> byGroup.computeIfAbsent(a.group(), g -> new ArrayList<>()).add(a));
        for (Map.Entry<String, List<Adjusted>> group : byGroup.entrySet()) {
            List<Adjusted> all = group.getValue();
            for (int from = 0; from < all.size(); from += 6) {
                List<Object> elements = new ArrayList<>(List.of(group.getKey()));
                for (Adjusted a : all.subList(from, Math.min(from + 6, all.size()))) {
                    elements.add(a.reason());
                    elements.add(SegmentWriter.amount(a.amount()));
                    elements.add(null);
                }
                s.write("CAS", elements.toArray());
            }
        }
    }

    private static String filing(SubmittedClaim c) {
        String code = c.filingIndicator();
        return code != null && SAME_FILING_CODES.contains(code) ? code : "12";
    }
}
