package org.therapyops.billing.x12;

import java.util.regex.Pattern;

/**
 * X12 input that cannot be read: its message names the problem, the segment tag and the segment's position in the
 * interchange (ISA = 1), never an element's value, since values are PHI.
 */
public final class X12ParseException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private static final Pattern TAG = Pattern.compile("[A-Z][A-Z0-9]{1,2}");

    private final String segmentTag;
    private final int segmentPosition;

    /** A problem with the input as a whole (empty, not X12), before any segment could be read. */
    public X12ParseException(String problem) {
        this(problem, null, -1);
    }

    /** A problem at one segment; a tag that is not a plausible segment id (junk input) is not repeated. */
    public X12ParseException(String problem, String segmentTag, int segmentPosition) {
        super(message(problem, safeTag(segmentTag), segmentPosition));
        this.segmentTag = safeTag(segmentTag);
        this.segmentPosition = segmentPosition;
    }

    /** The tag of the segment at fault, or null when unknown. */
    public String segmentTag() {
        return segmentTag;
    }

    /** The position of the segment at fault in the interchange (ISA = 1), or -1 when unknown. */
    public int segmentPosition() {
        return segmentPosition;
    }

    private static String safeTag(String tag) {
        return tag != null && TAG.matcher(tag).matches() ? tag : null;
    }

    private static String message(String problem, String tag, int position) {
        if (tag == null && position < 1) {
            return problem;
        }
        String where = tag == null ? "segment" : "segment " + tag;
        return position < 1 ? problem + " (" + where + ")" : problem + " (" + where + " at position " + position + ")";
    }
}
