package org.therapyops.billing.x12;

import org.therapyops.billing.acknowledgement.ClaimAcknowledgementReport;
import org.therapyops.billing.acknowledgement.FunctionalAcknowledgement;
import org.therapyops.billing.remittance.Remittance;

import java.time.LocalDateTime;
import java.util.List;

/**
 * One interchange received from a clearinghouse or payer, as {@link X12Reader} read it: its envelope and the 999s,
 * 277CAs and 835s it holds, each list in file order (one element per transaction set).
 *
 * @param senderId       ISA06, trimmed
 * @param receiverId     ISA08, trimmed
 * @param controlNumber  ISA13, as written (nine digits)
 * @param created        ISA09 and ISA10 (the two-digit year read as 20YY)
 * @param usageIndicator ISA15: P production, T test, I information
 */
public record InboundInterchange(String senderId, String receiverId, String controlNumber, LocalDateTime created,
                                 String usageIndicator, List<FunctionalAcknowledgement> functionalAcknowledgements,
                                 List<ClaimAcknowledgementReport> claimAcknowledgements, List<Remittance> remittances) {

    public InboundInterchange {
        functionalAcknowledgements = List.copyOf(functionalAcknowledgements);
        claimAcknowledgements = List.copyOf(claimAcknowledgements);
        remittances = List.copyOf(remittances);
    }

    /** Whether ISA15 marks production data (P); test files must not be posted. */
    public boolean production() {
        return "P".equals(usageIndicator);
    }
}
