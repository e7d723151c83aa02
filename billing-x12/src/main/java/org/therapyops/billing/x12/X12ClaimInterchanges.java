package org.therapyops.billing.x12;

import org.therapyops.billing.Claim;
import org.therapyops.domain.BillingProfile;
import org.therapyops.ports.ClaimInterchanges;
import org.therapyops.ports.ControlNumbers;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

/** {@link ClaimInterchanges} as X12 005010X222A1 837P interchanges to one receiver, dated by the given clock. */
public final class X12ClaimInterchanges implements ClaimInterchanges {

    private final ControlNumbers numbers;
    private final Receiver receiver;
    private final Clock clock;

    public X12ClaimInterchanges(ControlNumbers numbers, Receiver receiver, Clock clock) {
        this.numbers = numbers;
        this.receiver = receiver;
        this.clock = clock;
    }

    @Override
    public Interchange write(String practiceId, BillingProfile profile, List<Claim> claims) {
        BillingProfile.Submitter s = profile.submitter();
        Submitter submitter = new Submitter(practiceId, profile.organizationName(), s.id(), s.contactName(), s.phone(), s.email());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        X12_837P.Interchange written;
        try {
            written = X12_837P.write(claims, submitter, receiver, numbers, out, clock, X12_837P.COMMERCIAL);
        } catch (IllegalArgumentException e) {
            throw new UnwritableException(e.getMessage());
        }
        return new Interchange(written.interchangeControlNumber(), written.groupControlNumber(),
                written.transactionSetControlNumber(), out.toString(StandardCharsets.US_ASCII));
    }
}
