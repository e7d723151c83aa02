package org.therapyops.domain;

import java.time.Instant;

/** An insurance payer, with the payer id used on claims (e.g. an EDI payer id). */
public record Payer(String id, String name, String payerId, Instant createdAt, long version) {
}
