package org.therapyops.billing;

/** A charge as the Claims table holds it: its deterministic id, the note and claim it belongs to. */
public record StoredCharge(String id, String noteId, String claimId, Charge charge) {
}
