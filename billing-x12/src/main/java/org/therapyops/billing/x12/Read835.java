package org.therapyops.billing.x12;

import org.therapyops.billing.remittance.Remittance;
import org.therapyops.billing.remittance.Remittance.Adjustment;
import org.therapyops.billing.remittance.Remittance.ClaimPayment;
import org.therapyops.billing.remittance.Remittance.Party;
import org.therapyops.billing.remittance.Remittance.Payment;
import org.therapyops.billing.remittance.Remittance.ProviderAdjustment;
import org.therapyops.billing.remittance.Remittance.ServicePayment;
import org.therapyops.billing.x12.X12Segments.Segment;
import org.therapyops.billing.x12.X12Segments.TransactionSet;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads one 835 (005010X221A1) transaction set into a {@link Remittance}, loop by loop. */
final class Read835 {

    /** Where the reader is: each state allows its own segments; N1, LX, CLP, SVC and PLB move between them. */
    private enum Where {
        HEADER(Set.of("CUR", "REF", "DTM")),
        PAYER(Set.of("N3", "N4", "REF", "PER")),
        PAYEE(Set.of("N3", "N4", "REF", "RDM")),
        HEADER_NUMBER(Set.of("TS3", "TS2")),
        CLAIM(Set.of("CAS", "NM1", "MIA", "MOA", "REF", "DTM", "PER", "AMT", "QTY")),
        SERVICE(Set.of("DTM", "CAS", "REF", "AMT", "QTY", "LQ")),
        FOOTER(Set.of());

        final Set<String> allowed;

        Where(Set<String> allowed) {
            this.allowed = allowed;
        }
    }

    private Payment payment;
    private Party payer;
    private Party payee;
    private final List<ClaimPayment> claims = new ArrayList<>();
    private final List<ProviderAdjustment> providerAdjustments = new ArrayList<>();
    private ClaimBuilder claim;
    private ServiceBuilder service;
    private Where where = Where.HEADER;

    private Read835() {
    }

    static Remittance read(TransactionSet set) {
        return new Read835().readSet(set.segments());
    }

    private Remittance readSet(List<Segment> segments) {
        Segment se = segments.get(segments.size() - 1);
        if (segments.size() < 4) {
            throw se.error("an 835 needs BPR and TRN");
        }
        Segment bpr = expect(segments.get(1), "BPR");
        Segment trn = expect(segments.get(2), "TRN");
        payment = new Payment(bpr.required(1), bpr.requiredDecimal(2), bpr.required(3), bpr.required(4),
                bpr.requiredDate(16), trn.required(2), trn.element(3));
        for (int i = 3; i < segments.size() - 1; i++) {
            segment(segments.get(i));
        }
        closeClaim();
        if (payer == null) {
            throw se.error("the 835 has no payer (N1*PR)");
        }
        if (payee == null) {
            throw se.error("the 835 has no payee (N1*PE)");
        }
        return new Remittance(payment, payer, payee, claims, providerAdjustments);
    }

    private static Segment expect(Segment segment, String tag) {
        if (!segment.tag().equals(tag)) {
            throw segment.error(tag + " expected");
        }
        return segment;
    }

    private void segment(Segment s) {
        switch (s.tag()) {
            case "N1" -> party(s);
            case "LX" -> {
                requireAtLeast(s, Where.PAYEE);
                closeClaim();
                where = Where.HEADER_NUMBER;
            }
            case "CLP" -> {
                if (where != Where.HEADER_NUMBER && where != Where.CLAIM && where != Where.SERVICE) {
                    throw s.error("CLP outside a header number loop (LX)");
                }
                closeClaim();
                claim = new ClaimBuilder(s);
                where = Where.CLAIM;
            }
            case "SVC" -> {
                if (claim == null || where == Where.FOOTER) {
                    throw s.error("SVC outside a claim payment (CLP)");
                }
                closeService();
                service = new ServiceBuilder(s);
                where = Where.SERVICE;
            }
            case "PLB" -> {
                requireAtLeast(s, Where.PAYEE);
                closeClaim();
                where = Where.FOOTER;
                providerAdjustments(s);
            }
            default -> {
                if (!where.allowed.contains(s.tag())) {
                    throw s.error("segment not expected here in an 835");
                }
                detail(s);
            }
        }
    }

    private void requireAtLeast(Segment s, Where least) {
        if (where.ordinal() < least.ordinal() || where == Where.FOOTER && !s.tag().equals("PLB")) {
            throw s.error("segment not expected here in an 835");
        }
    }

    private void party(Segment n1) {
        String entity = n1.required(1);
        Party party = new Party(n1.required(2), n1.element(3), n1.element(4));
        if (entity.equals("PR") && where == Where.HEADER) {
            payer = party;
            where = Where.PAYER;
        } else if (entity.equals("PE") && where == Where.PAYER) {
            payee = party;
            where = Where.PAYEE;
        } else {
            throw n1.error("N101 must be PR (payer) after the header, then PE (payee)");
        }
    }

    private void detail(Segment s) {
        switch (where) {
            case PAYER -> {
                // REF*2U carries the payer id when N1 has no PlanID (N103 XV).
                if (s.is("REF", "2U") && payer.id() == null) {
                    payer = new Party(payer.name(), "2U", s.required(2));
                }
            }
            case CLAIM -> {
                switch (s.tag()) {
                    case "CAS" -> claim.adjustments.addAll(adjustments(s));
                    case "MOA" -> {
                        for (int n = 3; n <= 7; n++) {
                            if (s.element(n) != null) {
                                claim.remarks.add(s.element(n));
                            }
                        }
                    }
                    default -> {
                    }
                }
            }
            case SERVICE -> {
                switch (s.tag()) {
                    case "CAS" -> service.adjustments.addAll(adjustments(s));
                    case "DTM" -> {
                        String qualifier = s.required(1);
                        if (qualifier.equals("472") || qualifier.equals("150") && service.date == null) {
                            service.date = s.requiredDate(2);
                        }
                    }
                    case "REF" -> {
                        if (s.is("REF", "6R")) {
                            service.lineItemControlNumber = s.required(2);
                        }
                    }
                    case "AMT" -> {
                        if (s.is("AMT", "B6")) {
                            service.allowed = s.requiredDecimal(2);
                        }
                    }
                    case "LQ" -> {
                        if (s.is("LQ", "HE")) {
                            service.remarks.add(s.required(2));
                        }
                    }
                    default -> {
                    }
                }
            }
            default -> {
                // header CUR/REF/DTM, payee N3/N4/REF/RDM, TS3/TS2: nothing the model keeps
            }
        }
    }

    /** CAS: one group code and up to six reason–amount–quantity triples (CAS02–04 … CAS17–19). */
    static List<Adjustment> adjustments(Segment cas) {
        String group = cas.required(1);
        List<Adjustment> adjustments = new ArrayList<>();
        for (int n = 2; n <= 17; n += 3) {
            String reason = cas.element(n);
            if (reason == null) {
                if (cas.element(n + 1) != null || cas.element(n + 2) != null) {
                    throw cas.error(cas.id(n) + " is missing");
                }
                continue;
            }
            adjustments.add(new Adjustment(group, reason, cas.requiredDecimal(n + 1), cas.decimal(n + 2)));
        }
        if (adjustments.isEmpty()) {
            throw cas.error("CAS02 is missing");
        }
        return adjustments;
    }

    /** PLB: provider, fiscal period and up to six reason:reference composites, each with its amount. */
    private void providerAdjustments(Segment plb) {
        String provider = plb.required(1);
        LocalDate period = plb.requiredDate(2);
        int before = providerAdjustments.size();
        for (int n = 3; n <= 13; n += 2) {
            String reason = plb.component(n, 1);
            if (reason == null) {
                if (plb.element(n + 1) != null) {
                    throw plb.error(plb.id(n) + " is missing");
                }
                continue;
            }
            providerAdjustments.add(new ProviderAdjustment(provider, period, reason, plb.component(n, 2),
                    plb.requiredDecimal(n + 1)));
        }
        if (providerAdjustments.size() == before) {
            throw plb.error("PLB03 is missing");
        }
    }

    private void closeService() {
        if (service != null) {
            claim.services.add(service.build());
            service = null;
        }
    }

    private void closeClaim() {
        closeService();
        if (claim != null) {
            claims.add(claim.build());
            claim = null;
        }
    }

    private static final class ClaimBuilder {
        final Segment clp;
        final List<Adjustment> adjustments = new ArrayList<>();
        final List<String> remarks = new ArrayList<>();
        final List<ServicePayment> services = new ArrayList<>();

        ClaimBuilder(Segment clp) {
            this.clp = clp;
            clp.required(1);
            clp.required(2);
            clp.requiredDecimal(3);
            clp.requiredDecimal(4);
            clp.decimal(5);
        }

        ClaimPayment build() {
            return new ClaimPayment(clp.element(1), clp.element(2), clp.decimal(3), clp.decimal(4), clp.decimal(5),
                    clp.element(6), clp.element(7), clp.element(9), adjustments, remarks, services);
        }
    }

    private static final class ServiceBuilder {
        final Segment svc;
        final List<Adjustment> adjustments = new ArrayList<>();
        final List<String> remarks = new ArrayList<>();
        LocalDate date;
        String lineItemControlNumber;
        BigDecimal allowed;

        ServiceBuilder(Segment svc) {
            this.svc = svc;
            svc.requiredComponent(1, 1);
            svc.requiredComponent(1, 2);
            svc.requiredDecimal(2);
            svc.requiredDecimal(3);
            svc.decimal(5);
        }

        ServicePayment build() {
            List<String> modifiers = new ArrayList<>();
            for (int c = 3; c <= 6; c++) {
                if (svc.component(1, c) != null) {
                    modifiers.add(svc.component(1, c));
                }
            }
            BigDecimal units = svc.decimal(5) == null ? BigDecimal.ONE : svc.decimal(5);
            return new ServicePayment(svc.component(1, 1), svc.component(1, 2), modifiers, svc.decimal(2),
                    svc.decimal(3), units, lineItemControlNumber, allowed, date, adjustments, remarks);
        }
    }
}
