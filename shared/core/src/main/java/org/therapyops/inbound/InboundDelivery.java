package org.therapyops.inbound;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * One webhook delivery as kept: its raw body is in the object store ({@code bodyKey}) before the integrator is
 * answered; the record says what it was, what applying it changed, or why it failed. Its id is derived from the
 * integration and the integrator's {@code webhook-id}, so the same delivery is kept once.
 *
 * @param kind    what the body held once read ("999", "277CA", "835", "authorization.updated"; several joined by "+")
 * @param changes what applying it changed, one line each (ids, counts and amounts; no patient data)
 * @param error   why it could not be applied (the parser's or the use case's message), null otherwise
 */
public record InboundDelivery(String id, String practiceId, String integrationId, String webhookId, long webhookTimestamp,
                              Instant receivedAt, String contentType, long size, String bodySha256, String bodyKey,
                              Status status, String kind, List<String> changes, String error, int attempts,
                              Instant appliedAt, boolean queued, long version) {

    public InboundDelivery {
        changes = List.copyOf(changes);
    }

    /**
     * RECEIVED: kept and queued, not yet applied; APPLIED: everything in it took effect; NEEDS_ATTENTION: applied, but
     * something in it matched nothing or was held for a biller (see changes); FAILED: it could not be read or applied.
     */
    public enum Status { RECEIVED, APPLIED, NEEDS_ATTENTION, FAILED }

    public static String idOf(String integrationId, String webhookId) {
        return "dlv-" + sha256Hex((integrationId + "\n" + webhookId).getBytes(StandardCharsets.UTF_8)).substring(0, 32);
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
