package org.therapyops.api.model;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/** An 837P batch: its control numbers (ISA13 as written, GS06, ST02), the claims it submitted and when. */
@Serdeable
public record ClaimBatchView(String batchId, String isa13, long interchangeControlNumber, long groupControlNumber,
                             long transactionSetControlNumber, List<String> claimIds, Instant createdAt) {
}
