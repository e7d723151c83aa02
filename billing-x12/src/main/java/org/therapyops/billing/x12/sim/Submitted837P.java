package org.therapyops.billing.x12.sim;

import org.therapyops.billing.x12.X12Segments;
import org.therapyops.billing.x12.X12Segments.Segment;
import org.therapyops.billing.x12.X12Segments.TransactionSet;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What the simulated clearinghouse needs of a submitted 837P (005010X222A1): the envelope's ids and control numbers,
 * and per claim its control number, charge, subscriber, payer, billing provider and lines. One ST set is read.
 *
 * @param submitterId   ISA06 (trimmed): the responses' receiver
 * @param receiverId    ISA08 (trimmed): the clearinghouse, the responses' sender
 * @param isa13         ISA13 as written
 * @param usage         ISA15
 * @param gs06          GS06, acknowledged in AK102
 * @param st02          ST02, acknowledged in AK202
 * @param bht03         BHT03, the batch reference echoed in the 277CA's 2200B TRN02
 */
record Submitted837P(String submitterId, String receiverId, String isa13, String usage, String gs06, String st02,
                     String bht03, String submitterName, String receiverName, List<SubmittedClaim> claims) {

    /** One CLM loop with what the responses echo. {@code clmPosition} is the CLM's position in the set (ST = 1). */
    record SubmittedClaim(String patientControlNumber, BigDecimal totalCharge, String placeOfService, String frequency,
                          int clmPosition, String filingIndicator, String memberId, String patientLastName,
                          String patientFirstName, String payerName, String payerId, String billingName,
                          String billingNpi, String billingTaxId, List<SubmittedLine> lines) {

        BigDecimal lineTotal() {
            return lines.stream().map(SubmittedLine::charge).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    /** One LX loop: SV1 and its DTP*472 and REF*6R. */
    record SubmittedLine(String code, List<String> modifiers, BigDecimal charge, BigDecimal units, LocalDate date,
                         String lineItemControlNumber) {
    }

    static Submitted837P read(String x12) {
        X12Segments.Interchange interchange = X12Segments.read(x12);
        Segment isa = interchange.isa();
        if (interchange.groups().size() != 1 || interchange.groups().get(0).transactionSets().size() != 1) {
            throw isa.error("the simulated clearinghouse reads one group with one 837P");
        }
        X12Segments.Group group = interchange.groups().get(0);
        TransactionSet set = group.transactionSets().get(0);
        Segment st = set.header();
        if (!"HC".equals(group.gs().element(1)) || !"837".equals(set.type())
                || !"005010X222A1".equals(set.implementation())) {
            throw st.error("not an 837P (GS01 HC, ST01 837, ST03 005010X222A1)");
        }
        Reader reader = new Reader(st.position());
        for (Segment s : set.segments()) {
            reader.segment(s);
        }
        reader.closeClaim();
        if (reader.claims.isEmpty()) {
            throw st.error("the 837P holds no claim");
        }
        return new Submitted837P(isa.required(6).trim(), isa.required(8).trim(), isa.required(13), isa.required(15),
                group.gs().required(6), st.required(2), reader.bht03, reader.submitterName, reader.receiverName,
                reader.claims);
    }

    /** Walks the 837P's segments, keeping the current billing provider, subscriber and payer for each claim. */
    private static final class Reader {
        final int stPosition;
        final List<SubmittedClaim> claims = new ArrayList<>();
        String bht03;
        String submitterName;
        String receiverName;
        String level;
        String billingName;
        String billingNpi;
        String billingTaxId;
        String filingIndicator;
        String memberId;
        String lastName;
        String firstName;
        String payerName;
        String payerId;
        Segment clm;
        LocalDate claimDate;
        List<SubmittedLine> lines;
        Segment sv1;
        LocalDate lineDate;
        String lineControl;

        Reader(int stPosition) {
            this.stPosition = stPosition;
        }

        void segment(Segment s) {
            switch (s.tag()) {
                case "BHT" -> bht03 = s.required(3);
                case "HL" -> {
                    closeClaim();
                    level = s.required(3);
                }
                case "SBR" -> filingIndicator = s.element(9);
                case "NM1" -> name(s);
                case "REF" -> {
                    if (s.is("REF", "EI") && "20".equals(level) && clm == null) {
                        billingTaxId = s.required(2);
                    } else if (s.is("REF", "6R") && sv1 != null) {
                        lineControl = s.required(2);
                    }
                }
                case "CLM" -> {
                    closeClaim();
                    if (memberId == null || payerId == null || billingNpi == null) {
                        throw s.error("CLM before its billing provider, subscriber and payer");
                    }
                    s.required(1);
                    s.requiredDecimal(2);
                    clm = s;
                    claimDate = null;
                    lines = new ArrayList<>();
                }
                case "DTP" -> {
                    if ("472".equals(s.element(1)) && clm != null) {
                        LocalDate date = date(s);
                        if (sv1 != null) {
                            lineDate = date;
                        } else {
                            claimDate = date;
                        }
                    }
                }
                case "LX" -> {
                    if (clm == null) {
                        throw s.error("LX outside a claim");
                    }
                    closeLine();
                }
                case "SV1" -> {
                    if (clm == null) {
                        throw s.error("SV1 outside a claim");
                    }
                    closeLine();
                    s.requiredComponent(1, 2);
                    s.requiredDecimal(2);
                    sv1 = s;
                }
                default -> {
                }
            }
        }

        private void name(Segment s) {
            String entity = s.required(1);
            switch (entity) {
                case "41" -> submitterName = s.required(3);
                case "40" -> receiverName = s.required(3);
                case "85" -> {
                    billingName = s.required(3);
                    billingNpi = s.required(9);
                    billingTaxId = null;
                }
                case "IL" -> {
                    memberId = s.required(9);
                    lastName = s.required(3);
                    firstName = s.element(4);
                }
                case "QC" -> {
                    // a patient who is not the subscriber (2010CA): the 277CA and 835 name the patient
                    lastName = s.required(3);
                    firstName = s.element(4);
                }
                case "PR" -> {
                    payerName = s.required(3);
                    payerId = s.required(9);
                }
                default -> {
                }
            }
        }

        /** D8, or the first date of an RD8 range. */
        private static LocalDate date(Segment dtp) {
            String value = dtp.required(3);
            int dash = value.indexOf('-');
            return dtp.date("RD8".equals(dtp.element(2)) && dash > 0 ? value.substring(0, dash) : value, "DTP03");
        }

        private void closeLine() {
            if (sv1 != null) {
                List<String> modifiers = new ArrayList<>();
                for (int c = 3; c <= 6; c++) {
                    if (sv1.component(1, c) != null) {
                        modifiers.add(sv1.component(1, c));
                    }
                }
                BigDecimal units = sv1.decimal(4) == null ? BigDecimal.ONE : sv1.decimal(4);
                LocalDate date = lineDate != null ? lineDate : claimDate;
                if (date == null) {
                    throw sv1.error("the line has no date of service (DTP*472)");
                }
                lines.add(new SubmittedLine(sv1.component(1, 2), modifiers, sv1.decimal(2), units, date, lineControl));
                sv1 = null;
                lineDate = null;
                lineControl = null;
            }
        }

        void closeClaim() {
            closeLine();
            if (clm != null) {
                if (lines.isEmpty()) {
                    throw clm.error("the claim has no service line");
                }
                claims.add(new SubmittedClaim(clm.element(1), clm.decimal(2), clm.component(5, 1), clm.component(5, 3),
                        clm.position() - stPosition + 1, filingIndicator, memberId, lastName, firstName, payerName,
                        payerId, billingName, billingNpi, billingTaxId, lines));
                clm = null;
                lines = null;
            }
        }
    }
}
