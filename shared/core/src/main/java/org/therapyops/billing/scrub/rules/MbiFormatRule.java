package org.therapyops.billing.scrub.rules;

import org.therapyops.billing.Claim;
import org.therapyops.payer.PayerProfile;
import org.therapyops.billing.scrub.ScrubContext;
import org.therapyops.billing.scrub.ScrubRule;
import org.therapyops.billing.scrub.Severity;
import org.therapyops.billing.scrub.Violation;
import org.therapyops.domain.Mbi;

import java.util.List;

/** Where the payer's member ids are MBIs (Medicare), the member id must have the MBI's format. */
public final class MbiFormatRule extends ScrubRule {

    public MbiFormatRule() {
        super("MEDICARE_MBI", Severity.ERROR, "Enter the patient's 11-character Medicare Beneficiary Identifier without dashes (e.g. 1EG4TE5MK73)");
    }

    @Override
    protected void check(Claim claim, ScrubContext context, List<Violation> out) {
        String id = claim.subscriber() == null ? null : claim.subscriber().memberId();
        if (context.rules().memberIdFormat() != PayerProfile.MemberIdFormat.MBI || RuleSupport.blank(id)) {
            return;
        }
        int bad = Mbi.firstInvalidPosition(id.strip());
        if (bad != 0) {
            out.add(new Violation("subscriber.memberId", bad > Mbi.LENGTH
                    ? "The member id is longer than an MBI's 11 characters"
                    : "The member id is not an MBI: position " + bad + " breaks the format"));
        }
    }
}
