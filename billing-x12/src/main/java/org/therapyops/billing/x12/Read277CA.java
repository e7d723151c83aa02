package org.therapyops.billing.x12;

import org.therapyops.billing.acknowledgement.ClaimAcknowledgementReport;
import org.therapyops.billing.acknowledgement.ClaimAcknowledgementReport.ClaimStatusReport;
import org.therapyops.billing.acknowledgement.ClaimAcknowledgementReport.LineStatus;
import org.therapyops.billing.acknowledgement.ClaimAcknowledgementReport.StatusInformation;
import org.therapyops.billing.x12.X12Segments.Segment;
import org.therapyops.billing.x12.X12Segments.TransactionSet;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads one 277CA (005010X214) transaction set: BHT, then the HL levels 20 (information source), 21 (receiver), 19
 * (billing provider) and PT (patient). Only the patient level's claims (2200D) and their lines (2220D) are kept;
 * the batch and provider levels' own totals and statuses are read past.
 */
final class Read277CA {

    private static final Set<String> LEVELS = Set.of("20", "21", "19", "PT");
    private static final Set<String> UPPER_LEVEL_SEGMENTS = Set.of("NM1", "TRN", "DTP", "STC", "REF", "QTY", "AMT");
    private static final Set<String> PATIENT_LEVEL_SEGMENTS = Set.of("NM1", "TRN", "STC", "REF", "DTP", "SVC");

    private final List<ClaimStatusReport> claims = new ArrayList<>();
    private ClaimBuilder claim;
    private LineBuilder line;
    private String level;

    private Read277CA() {
    }

    static ClaimAcknowledgementReport read(TransactionSet set) {
        return new Read277CA().readSet(set.segments());
    }

    private ClaimAcknowledgementReport readSet(List<Segment> segments) {
        Segment bht = segments.get(1);
        if (!bht.tag().equals("BHT")) {
            throw bht.error("BHT expected");
        }
        for (int i = 2; i < segments.size() - 1; i++) {
            segment(segments.get(i));
        }
        closeClaim();
        return new ClaimAcknowledgementReport(bht.required(3), bht.requiredDate(4), claims);
    }

    private void segment(Segment s) {
        if (s.tag().equals("HL")) {
            String code = s.required(3);
            if (!LEVELS.contains(code)) {
                throw s.error("HL03 is not a 277CA level (20, 21, 19, PT)");
            }
            closeClaim();
            level = code;
            return;
        }
        if (level == null) {
            throw s.error("segment before the first HL");
        }
        if (!level.equals("PT")) {
            if (!UPPER_LEVEL_SEGMENTS.contains(s.tag())) {
                throw s.error("segment not expected here in a 277CA");
            }
            return;
        }
        if (!PATIENT_LEVEL_SEGMENTS.contains(s.tag())) {
            throw s.error("segment not expected here in a 277CA");
        }
        switch (s.tag()) {
            case "TRN" -> {
                closeClaim();
                claim = new ClaimBuilder(s);
            }
            case "SVC" -> {
                closeLine();
                requireClaim(s);
                line = new LineBuilder(s);
            }
            case "STC" -> {
                List<StatusInformation> statuses = statuses(s);
                if (line != null) {
                    line.statuses.addAll(statuses);
                } else {
                    ClaimBuilder c = requireClaim(s);
                    if (c.statuses.isEmpty()) {
                        c.totalCharge = s.decimal(4);
                    }
                    c.statuses.addAll(statuses);
                }
            }
            case "REF" -> {
                String qualifier = s.required(1);
                if (line != null) {
                    if (qualifier.equals("FJ")) {
                        line.lineItemControlNumber = s.required(2);
                    }
                } else if (qualifier.equals("1K")) {
                    requireClaim(s).payerClaimControlNumber = s.required(2);
                } else if (qualifier.equals("D9")) {
                    requireClaim(s).clearinghouseTraceNumber = s.required(2);
                }
            }
            case "DTP" -> {
                if (!s.required(1).equals("472")) {
                    throw s.error("DTP01 must be 472 at the patient level");
                }
                LocalDate[] dates = serviceDates(s);
                if (line != null) {
                    line.serviceDate = dates[0];
                } else {
                    ClaimBuilder c = requireClaim(s);
                    c.serviceFrom = dates[0];
                    c.serviceTo = dates[1];
                }
            }
            default -> {
                // NM1*QC, the patient: not kept (the claim is matched by its patient control number)
            }
        }
    }

    private ClaimBuilder requireClaim(Segment s) {
        if (claim == null) {
            throw s.error(s.tag() + " before the claim's TRN");
        }
        return claim;
    }

    /** STC01 and, when present, STC10 and STC11, each with the STC's date, action code and free text. */
    private static List<StatusInformation> statuses(Segment stc) {
        LocalDate date = stc.date(2);
        String action = stc.element(3);
        String text = stc.element(12);
        List<StatusInformation> statuses = new ArrayList<>();
        statuses.add(new StatusInformation(stc.requiredComponent(1, 1), stc.requiredComponent(1, 2),
                stc.component(1, 3), date, action, text));
        for (int n : new int[] {10, 11}) {
            if (!stc.components(n).isEmpty()) {
                statuses.add(new StatusInformation(stc.requiredComponent(n, 1), stc.requiredComponent(n, 2), stc.component(n, 3),
                        date, action, text));
            }
        }
        return statuses;
    }

    /** DTP*472: D8 gives {date, null}, RD8 {from, to}. */
    private static LocalDate[] serviceDates(Segment dtp) {
        String format = dtp.required(2);
        String value = dtp.required(3);
        if (format.equals("D8")) {
            return new LocalDate[] {dtp.date(value, "DTP03"), null};
        }
        if (format.equals("RD8")) {
            int dash = value.indexOf('-');
            if (dash < 0) {
                throw dtp.error("DTP03 is not a CCYYMMDD-CCYYMMDD range");
            }
            LocalDate from = dtp.date(value.substring(0, dash), "DTP03");
            LocalDate to = dtp.date(value.substring(dash + 1), "DTP03");
            if (to.isBefore(from)) {
                throw dtp.error("DTP03 ends before it starts");
            }
            return new LocalDate[] {from, to};
        }
        throw dtp.error("DTP02 must be D8 or RD8");
    }

    private void closeLine() {
        if (line != null) {
            claim.lines.add(line.build());
            line = null;
        }
    }

    private void closeClaim() {
        closeLine();
        if (claim != null) {
            if (claim.statuses.isEmpty()) {
                throw claim.trn.error("the claim has no STC");
            }
            claims.add(claim.build());
            claim = null;
        }
    }

    private static final class ClaimBuilder {
        final Segment trn;
        final List<StatusInformation> statuses = new ArrayList<>();
        final List<LineStatus> lines = new ArrayList<>();
        String payerClaimControlNumber;
        String clearinghouseTraceNumber;
        BigDecimal totalCharge;
        LocalDate serviceFrom;
        LocalDate serviceTo;

        ClaimBuilder(Segment trn) {
            this.trn = trn;
            trn.required(2);
        }

        ClaimStatusReport build() {
            return new ClaimStatusReport(trn.element(2), payerClaimControlNumber, clearinghouseTraceNumber, statuses,
                    totalCharge, serviceFrom, serviceTo, lines);
        }
    }

    private static final class LineBuilder {
        final Segment svc;
        final List<StatusInformation> statuses = new ArrayList<>();
        String lineItemControlNumber;
        LocalDate serviceDate;

        LineBuilder(Segment svc) {
            this.svc = svc;
            svc.requiredComponent(1, 2);
            svc.requiredDecimal(2);
        }

        LineStatus build() {
            if (statuses.isEmpty()) {
                throw svc.error("the service line has no STC");
            }
            List<String> modifiers = new ArrayList<>();
            for (int c = 3; c <= 6; c++) {
                if (svc.component(1, c) != null) {
                    modifiers.add(svc.component(1, c));
                }
            }
            return new LineStatus(svc.component(1, 2), modifiers, svc.decimal(2), lineItemControlNumber, statuses,
                    serviceDate);
        }
    }
}
