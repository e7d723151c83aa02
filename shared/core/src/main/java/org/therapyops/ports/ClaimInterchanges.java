package org.therapyops.ports;

import org.therapyops.billing.Claim;
import org.therapyops.domain.BillingProfile;

import java.util.List;

/** Writes claims as one outgoing interchange (an X12 837P) from the practice, as its billing profile names it, to the clearinghouse. */
public interface ClaimInterchanges {

    /** Takes fresh control numbers; throws {@link UnwritableException} when the claims cannot be written as one interchange. */
    Interchange write(String practiceId, BillingProfile profile, List<Claim> claims);

    /** The interchange written: its control numbers (ISA13, GS06, ST02) and its text. */
    record Interchange(long interchangeControlNumber, long groupControlNumber, long transactionSetControlNumber, String text) {
    }

    /** The claims (or the profile) lack what the interchange needs; nothing was handed out but control numbers. */
    final class UnwritableException extends RuntimeException {
        public UnwritableException(String message) {
            super(message);
        }
    }
}
