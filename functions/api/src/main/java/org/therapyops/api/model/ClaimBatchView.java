package org.therapyops.api.model;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An 837P batch: its control numbers (ISA13 as written, GS06, ST02), the claims it submitted and when, and each claim's
 * patient control number (CLM01, which the payer's 277CA and 835 quote) by claim id.
 */
@Serdeable
public record ClaimBatchView(String batchId, String isa13, long interchangeControlNumber, long groupControlNumber,
                             long transactionSetControlNumber, List<String> claimIds, Map<String, String> patientControlNumbers,
                             Instant createdAt) {
}
