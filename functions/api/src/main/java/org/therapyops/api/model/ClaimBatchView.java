package org.therapyops.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An 837P batch: its control numbers (ISA13 as written, GS06, ST02), the claims it submitted and when, each claim's
 * patient control number (CLM01, which the payer's 277CA and 835 quote) by claim id, and the 999's verdict once it came.
 */
@Serdeable
public record ClaimBatchView(String batchId, String isa13, long interchangeControlNumber, long groupControlNumber,
                             long transactionSetControlNumber, List<String> claimIds, Map<String, String> patientControlNumbers,
                             Instant createdAt, @OrNull Acknowledgement acknowledgement) {

    /** The 999: AK901 (A accepted, E accepted with errors, P partially, R rejected) and its errors in our words. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Acknowledgement(String status, List<String> errors, @OrNull String deliveryId, @OrNull Instant at) {
    }
}
