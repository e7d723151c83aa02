package org.therapyops.api.batch;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.therapyops.billing.claims.ClaimBatchService;
import org.therapyops.billing.x12.Receiver;
import org.therapyops.billing.x12.X12ClaimInterchanges;
import org.therapyops.ports.BatchRepository;
import org.therapyops.ports.ClaimRepository;
import org.therapyops.ports.ControlNumbers;
import org.therapyops.ports.PracticeRepository;

import java.time.Clock;

/**
 * The 837P batch use case, writing X12 to the deployment's clearinghouse (template parameters ClearinghouseName,
 * ClearinghouseId and X12UsageIndicator: x12.receiver.name, x12.receiver.id, x12.usage-indicator); the submitter is
 * each practice's, from its billing profile.
 */
@Factory
public class ClaimBatchFactory {

    @Singleton
    ClaimBatchService claimBatchService(ClaimRepository claims, PracticeRepository practice, BatchRepository batches,
                                        ControlNumbers numbers, Clock clock,
                                        @Value("${x12.receiver.name:TEST CLEARINGHOUSE}") String receiverName,
                                        @Value("${x12.receiver.id:CLEARINGHOUSE}") String receiverId,
                                        @Value("${x12.usage-indicator:T}") String usageIndicator) {
        if (!usageIndicator.equals("T") && !usageIndicator.equals("P")) {
            throw new IllegalArgumentException("x12.usage-indicator (X12UsageIndicator) must be T or P, is " + usageIndicator);
        }
        Receiver receiver = new Receiver(receiverName, receiverId, usageIndicator.equals("P"));
        return new ClaimBatchService(claims, practice, batches, new X12ClaimInterchanges(numbers, receiver, clock), clock);
    }
}
