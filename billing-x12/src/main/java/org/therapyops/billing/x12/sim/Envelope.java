package org.therapyops.billing.x12.sim;

import io.xlate.edi.stream.EDIStreamException;
import org.therapyops.billing.x12.SegmentWriter;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * One response interchange from the clearinghouse (the 837P's ISA08) to the submitter (its ISA06): ISA, one GS,
 * the body's transaction sets, GE, IEA. Also the deterministic numbers the responses carry: the same 837P always
 * gets the same control numbers, trace numbers and payer claim control numbers.
 */
final class Envelope {

    static final DateTimeFormatter D8 = DateTimeFormatter.ofPattern("yyyyMMdd");
    static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HHmm");
    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");

    /** Writes the transaction sets of one group; returns how many it wrote. */
    interface Body {
        int write(SegmentWriter s) throws EDIStreamException;
    }

    private Envelope() {
    }

    /**
     * @param kind what the interchange is (999, 277, 835): each kind gets its own control numbers
     */
    static String write(Submitted837P in, ZonedDateTime now, String kind, String functionalId, String version,
                        Body body) {
        long control = controlNumber(in.submitterId(), in.isa13(), in.gs06(), kind);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SegmentWriter s = new SegmentWriter(out);
        try {
            s.startInterchange();
            s.write("ISA", "00", " ".repeat(10), "00", " ".repeat(10), "ZZ", SegmentWriter.fixed(in.receiverId(), 15),
                    "ZZ", SegmentWriter.fixed(in.submitterId(), 15), now.format(YYMMDD), now.format(HHMM),
                    String.valueOf(SegmentWriter.REPETITION), "00501", String.format("%09d", control), "0",
                    in.usage(), String.valueOf(SegmentWriter.COMPONENT));
            s.write("GS", functionalId, SegmentWriter.text(in.receiverId(), 15), SegmentWriter.text(in.submitterId(), 15),
                    now.format(D8), now.format(HHMM), String.valueOf(control), "X", version);
            int sets = body.write(s);
            s.write("GE", String.valueOf(sets), String.valueOf(control));
            s.write("IEA", "1", String.format("%09d", control));
            s.endInterchange();
        } catch (EDIStreamException e) {
            throw new IllegalStateException("could not write the simulated " + kind + ": " + e.getMessage(), e);
        } finally {
            s.flushQuietly();
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    /** Writes SE for the set whose ST was written after {@link SegmentWriter#startTransaction()}. */
    static void endSet(SegmentWriter s, String st02) throws EDIStreamException {
        s.write("SE", String.valueOf(s.transactionCount() + 1), st02);
    }

    /** ISA13 and GS06 of a response: 1 to 999,999,999, from the submission and the kind of response. */
    static long controlNumber(String... parts) {
        return hash(parts).mod(BigInteger.valueOf(999_999_999L)).longValue() + 1;
    }

    /** {@code length} upper-case letters and digits from the parts, after {@code prefix}. */
    static String reference(String prefix, int length, String... parts) {
        String base36 = hash(parts).mod(BigInteger.valueOf(36).pow(length)).toString(36).toUpperCase(java.util.Locale.ROOT);
        return prefix + "0".repeat(length - base36.length()) + base36;
    }

    /** {@code length} digits from the parts. */
    static String digits(int length, String... parts) {
        String decimal = hash(parts).mod(BigInteger.TEN.pow(length)).toString();
        return "0".repeat(length - decimal.length()) + decimal;
    }

    private static BigInteger hash(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                sha.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return new BigInteger(1, sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
