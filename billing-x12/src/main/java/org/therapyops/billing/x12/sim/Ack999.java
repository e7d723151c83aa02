package org.therapyops.billing.x12.sim;

import org.therapyops.billing.x12.SegmentWriter;
import org.therapyops.billing.x12.sim.Submitted837P.SubmittedClaim;

import java.time.ZonedDateTime;

/** The 999 (005010X231A1) for the 837P's one group and one set: accepted, or rejected at the first claim's CLM. */
final class Ack999 {

    static final String VERSION = "005010X231A1";

    private Ack999() {
    }

    static String write(Submitted837P in, ZonedDateTime now, boolean reject) {
        return Envelope.write(in, now, "999", "FA", VERSION, s -> {
            s.startTransaction();
            s.write("ST", "999", "0001", VERSION);
            s.write("AK1", "HC", in.gs06(), "005010X222A1");
            s.write("AK2", "837", in.st02(), "005010X222A1");
            if (reject) {
                SubmittedClaim first = in.claims().get(0);
                // IK304 8: segment has data element errors; IK403 7: invalid code value (CLM05-3, frequency)
                s.write("IK3", "CLM", String.valueOf(first.clmPosition()), "2300", "8");
                s.write("CTX", (Object) new String[] {"CLM01", first.patientControlNumber()});
                s.write("IK4", new String[] {"5", "3"}, "1325", "7", SegmentWriter.text(first.frequency(), 99));
                // IK502 5: one or more segments in error
                s.write("IK5", "R", "5");
                s.write("AK9", "R", "1", "1", "0");
            } else {
                s.write("IK5", "A");
                s.write("AK9", "A", "1", "1", "1");
            }
            Envelope.endSet(s, "0001");
            return 1;
        });
    }
}
