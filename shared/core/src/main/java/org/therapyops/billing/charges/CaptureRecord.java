package org.therapyops.billing.charges;

import java.time.Instant;
import java.util.List;

/**
 * What charge capture made of a signed note, kept for the clinician and the biller: the claims it built, or why the
 * note was not charged, with every finding (lines not billed, billed at 0.00, or billed with a caveat).
 */
public record CaptureRecord(String noteId, Outcome outcome, List<String> claimIds, List<CaptureFinding> findings,
                            Instant capturedAt) {

    public CaptureRecord {
        claimIds = List.copyOf(claimIds);
        findings = List.copyOf(findings);
    }

    /** CHARGED: claims were built; NOTHING_BILLED: the note was read but no line made a unit; REFUSED: the note cannot be charged as it stands. */
    public enum Outcome { CHARGED, NOTHING_BILLED, REFUSED }
}
