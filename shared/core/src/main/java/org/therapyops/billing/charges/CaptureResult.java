package org.therapyops.billing.charges;

import org.therapyops.billing.Charge;

import java.util.List;

/** What charge capture made of a signed note: charges (with findings for what was not billed), or a refusal. */
public sealed interface CaptureResult {

    String noteId();

    List<CaptureFinding> findings();

    /** The note's charges in line order, and findings for the lines (or parts) not billed or billed with caveats. */
    record Captured(String noteId, List<CapturedCharge> charges, List<CaptureFinding> findings)
            implements CaptureResult {

        public Captured {
            charges = List.copyOf(charges);
            findings = List.copyOf(findings);
        }

        /** The charges alone, in line order. */
        public List<Charge> chargeLines() {
            return charges.stream().map(CapturedCharge::charge).toList();
        }
    }

    /** The note cannot be charged as it stands (bad minutes, no lines, no diagnosis); nothing is billed. */
    record Refused(String noteId, List<CaptureFinding> findings) implements CaptureResult {

        public Refused {
            if (findings.isEmpty()) {
                throw new IllegalArgumentException("a refusal needs at least one finding");
            }
            findings = List.copyOf(findings);
        }
    }
}
