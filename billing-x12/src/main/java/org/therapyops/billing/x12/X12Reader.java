package org.therapyops.billing.x12;

import org.therapyops.billing.acknowledgement.ClaimAcknowledgementReport;
import org.therapyops.billing.acknowledgement.FunctionalAcknowledgement;
import org.therapyops.billing.remittance.Remittance;
import org.therapyops.billing.x12.X12Segments.Group;
import org.therapyops.billing.x12.X12Segments.Segment;
import org.therapyops.billing.x12.X12Segments.TransactionSet;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what comes back for claims: one X12 5010 interchange holding 999 (005010X231A1), 277CA (005010X214) and 835
 * (005010X221A1) transaction sets, in any number of groups and sets. Delimiters come from the ISA. Anything else (a
 * 997, an 837, a 277 claim status response, another X12 version) is refused. Every problem is an
 * {@link X12ParseException} naming the segment tag and position, never a value.
 */
public final class X12Reader {

    private X12Reader() {
    }

    /**
     * Reads one interchange.
     *
     * @throws X12ParseException when the text is not one well-formed interchange of supported transaction sets
     */
    public static InboundInterchange read(String text) {
        X12Segments.Interchange interchange = X12Segments.read(text);
        Segment isa = interchange.isa();
        if (!"00501".equals(isa.element(12))) {
            throw isa.error("ISA12: only X12 version 00501 is supported");
        }
        List<FunctionalAcknowledgement> acks = new ArrayList<>();
        List<ClaimAcknowledgementReport> reports = new ArrayList<>();
        List<Remittance> remittances = new ArrayList<>();
        for (Group group : interchange.groups()) {
            String functionalId = group.gs().required(1);
            String version = group.gs().required(8);
            for (TransactionSet set : group.transactionSets()) {
                Segment st = set.header();
                String type = st.required(1);
                String implementation = set.implementation() == null ? version : set.implementation();
                switch (type) {
                    case "999" -> {
                        expect(st, functionalId, "FA", implementation, "005010X231A1", "005010X231");
                        acks.add(Read999.read(set));
                    }
                    case "277" -> {
                        expect(st, functionalId, "HN", implementation, "005010X214");
                        reports.add(Read277CA.read(set));
                    }
                    case "835" -> {
                        expect(st, functionalId, "HP", implementation, "005010X221A1", "005010X221");
                        remittances.add(Read835.read(set));
                    }
                    default -> throw st.error("transaction set "
                            + (type.matches("\\d{3}") ? type : "type") + " is not supported (999, 277CA and 835 are)");
                }
            }
        }
        return new InboundInterchange(isa.required(6).trim(), isa.required(8).trim(), isa.required(13),
                created(isa), isa.required(15), acks, reports, remittances);
    }

    private static void expect(Segment st, String functionalId, String expectedId, String implementation,
                               String... implementations) {
        if (!expectedId.equals(functionalId)) {
            throw st.error("transaction set " + st.element(1) + " in a group whose GS01 is not " + expectedId);
        }
        if (!List.of(implementations).contains(implementation)) {
            throw st.error("ST03: transaction set " + st.element(1) + " of an unsupported implementation guide"
                    + " (supported: " + String.join(", ", implementations) + ")");
        }
    }

    private static LocalDateTime created(Segment isa) {
        String date = isa.required(9);
        String time = isa.required(10);
        if (!date.matches("\\d{6}") || !time.matches("\\d{4}")) {
            throw isa.error("ISA09 or ISA10 is not a YYMMDD date and HHMM time");
        }
        try {
            return LocalDateTime.of(2000 + Integer.parseInt(date.substring(0, 2)), Integer.parseInt(date.substring(2, 4)),
                    Integer.parseInt(date.substring(4, 6)), Integer.parseInt(time.substring(0, 2)),
                    Integer.parseInt(time.substring(2, 4)));
        } catch (DateTimeException e) {
            throw isa.error("ISA09 or ISA10 is not a YYMMDD date and HHMM time");
        }
    }
}
