package org.therapyops.billing.x12;

import org.therapyops.billing.acknowledgement.FunctionalAcknowledgement;
import org.therapyops.billing.acknowledgement.FunctionalAcknowledgement.AckCode;
import org.therapyops.billing.acknowledgement.FunctionalAcknowledgement.Context;
import org.therapyops.billing.acknowledgement.FunctionalAcknowledgement.ElementError;
import org.therapyops.billing.acknowledgement.FunctionalAcknowledgement.SegmentError;
import org.therapyops.billing.acknowledgement.FunctionalAcknowledgement.TransactionSetResponse;
import org.therapyops.billing.x12.X12Segments.Segment;
import org.therapyops.billing.x12.X12Segments.TransactionSet;

import java.util.ArrayList;
import java.util.List;

/** Reads one 999 (005010X231A1) transaction set: AK1, each AK2 loop with its IK3/CTX/IK4 errors and IK5, AK9. */
final class Read999 {

    private Read999() {
    }

    static FunctionalAcknowledgement read(TransactionSet set) {
        List<Segment> segments = set.segments();
        Segment se = segments.get(segments.size() - 1);
        if (segments.size() < 4) {
            throw se.error("a 999 needs AK1 and AK9");
        }
        Segment ak1 = segments.get(1);
        if (!ak1.tag().equals("AK1")) {
            throw ak1.error("AK1 expected");
        }
        ak1.required(1);
        ak1.required(2);
        List<TransactionSetResponse> responses = new ArrayList<>();
        SetBuilder response = null;
        Segment ak9 = null;
        for (int i = 2; i < segments.size() - 1; i++) {
            Segment s = segments.get(i);
            if (ak9 != null) {
                throw s.error("segment after AK9");
            }
            switch (s.tag()) {
                case "AK2" -> {
                    if (response != null) {
                        throw s.error("AK2 before the previous one's IK5");
                    }
                    response = new SetBuilder(s);
                }
                case "IK3" -> requireSet(s, response).segmentError(s);
                case "CTX" -> requireSet(s, response).context(s);
                case "IK4" -> requireSet(s, response).elementError(s);
                case "IK5" -> {
                    responses.add(requireSet(s, response).build(s));
                    response = null;
                }
                case "AK9" -> {
                    if (response != null) {
                        throw s.error("AK9 before the last AK2's IK5");
                    }
                    ak9 = s;
                }
                default -> throw s.error("segment not expected in a 999");
            }
        }
        if (ak9 == null) {
            throw se.error("the 999 has no AK9");
        }
        return new FunctionalAcknowledgement(ak1.element(2), ak1.element(1), ak1.element(3), responses,
                code(ak9, 1), ak9.requiredInteger(2), ak9.requiredInteger(3), ak9.requiredInteger(4),
                codes(ak9, 5, 9));
    }

    private static SetBuilder requireSet(Segment s, SetBuilder response) {
        if (response == null) {
            throw s.error(s.tag() + " outside an AK2 loop");
        }
        return response;
    }

    private static AckCode code(Segment s, int n) {
        String value = s.required(n);
        try {
            return AckCode.of(value);
        } catch (IllegalArgumentException e) {
            throw s.error(s.id(n) + " is not an acknowledgment code");
        }
    }

    private static List<String> codes(Segment s, int from, int to) {
        List<String> codes = new ArrayList<>();
        for (int n = from; n <= to; n++) {
            if (s.element(n) != null) {
                codes.add(s.element(n));
            }
        }
        return codes;
    }

    /** "5", "5:3" or "5:3:1": an element position composite (IK401, CTX05) as written. */
    private static String position(Segment s, int n) {
        List<String> components = s.components(n);
        return components.isEmpty() ? null
                : String.join(":", components.stream().map(c -> c == null ? "" : c).toList());
    }

    private static final class SetBuilder {
        final Segment ak2;
        final List<SegmentError> segmentErrors = new ArrayList<>();
        Segment ik3;
        List<Context> segmentContexts;
        List<ElementError> elements;
        Segment ik4;
        List<Context> elementContexts;

        SetBuilder(Segment ak2) {
            this.ak2 = ak2;
            ak2.required(1);
            ak2.required(2);
        }

        void segmentError(Segment s) {
            closeSegmentError();
            s.required(1);
            s.requiredInteger(2);
            ik3 = s;
            segmentContexts = new ArrayList<>();
            elements = new ArrayList<>();
        }

        void elementError(Segment s) {
            if (ik3 == null) {
                throw s.error("IK4 outside an IK3 loop");
            }
            closeElementError();
            s.requiredComponent(1, 1);
            s.required(3);
            ik4 = s;
            elementContexts = new ArrayList<>();
        }

        void context(Segment s) {
            if (ik3 == null) {
                throw s.error("CTX outside an IK3 loop");
            }
            Context context = new Context(s.requiredComponent(1, 1), s.component(1, 2), s.element(2), s.integer(3),
                    s.element(4), position(s, 5));
            (ik4 == null ? segmentContexts : elementContexts).add(context);
        }

        private void closeElementError() {
            if (ik4 != null) {
                elements.add(new ElementError(position(ik4, 1), ik4.element(2), ik4.element(3), ik4.element(4),
                        elementContexts));
                ik4 = null;
            }
        }

        private void closeSegmentError() {
            closeElementError();
            if (ik3 != null) {
                segmentErrors.add(new SegmentError(ik3.element(1), ik3.integer(2), ik3.element(3), ik3.element(4),
                        elements, segmentContexts));
                ik3 = null;
            }
        }

        TransactionSetResponse build(Segment ik5) {
            closeSegmentError();
            return new TransactionSetResponse(ak2.element(1), ak2.element(2), ak2.element(3), code(ik5, 1),
                    codes(ik5, 2, 6), segmentErrors);
        }
    }
}
