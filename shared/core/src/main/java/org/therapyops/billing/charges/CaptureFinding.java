package org.therapyops.billing.charges;

/**
 * One thing charge capture found: the code, the note's service line it concerns (1-based; 0 for the whole
 * note) and a message for the biller.
 */
public record CaptureFinding(FindingCode code, int line, String message) {

    public FindingCode.Severity severity() {
        return code.severity();
    }
}
