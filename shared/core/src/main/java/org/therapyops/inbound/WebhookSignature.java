package org.therapyops.inbound;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Standard Webhooks v1 signatures (the scheme Stedi's event destinations use): {@code webhook-signature} holds one or
 * more space-separated {@code v1,<base64 HMAC-SHA256 of "id.timestamp.body">}, keyed with the base64 part of a
 * {@code whsec_} secret; {@code webhook-timestamp} (Unix seconds) must lie within 5 minutes of now, either way. The
 * JDK's HMAC is used: Maven Central's {@code com.standardwebhooks:standardwebhooks:1.0.0} jar holds no classes.
 */
public final class WebhookSignature {

    public static final String PREFIX = "whsec_";
    public static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignature() {
    }

    /** Whether a delivery verifies, and if not why (the reason is for logs and the 401 detail; it never quotes a secret). */
    public sealed interface Verdict {
        record Valid() implements Verdict {
        }

        record Invalid(String reason) implements Verdict {
        }
    }

    /** A new secret: {@code whsec_} and the base64 of 32 random bytes. */
    public static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The {@code v1,…} signature of a delivery with one secret. */
    public static String sign(String secret, String id, long timestamp, byte[] body) {
        return "v1," + Base64.getEncoder().encodeToString(mac(key(secret), id, Long.toString(timestamp), body));
    }

    /**
     * Verifies the three headers against the body with any of the secrets.
     *
     * @param id        webhook-id
     * @param timestamp webhook-timestamp
     * @param signature webhook-signature
     */
    public static Verdict verify(List<String> secrets, String id, String timestamp, String signature, byte[] body, Instant now) {
        if (id == null || id.isBlank() || timestamp == null || timestamp.isBlank() || signature == null || signature.isBlank()) {
            return new Verdict.Invalid("webhook-id, webhook-timestamp and webhook-signature are all required");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return new Verdict.Invalid("webhook-timestamp must be Unix seconds");
        }
        if (Math.abs(now.getEpochSecond() - seconds) > TOLERANCE.toSeconds()) {
            return new Verdict.Invalid("webhook-timestamp is more than 5 minutes from now");
        }
        for (String secret : secrets) {
            byte[] key;
            try {
                key = key(secret);
            } catch (IllegalArgumentException badSecret) {
                continue;
            }
            byte[] expected = mac(key, id, timestamp.strip(), body);
            for (String candidate : signature.strip().split(" +")) {
                int comma = candidate.indexOf(',');
                if (comma < 0 || !candidate.substring(0, comma).equals("v1")) {
                    continue;
                }
                byte[] given;
                try {
                    given = Base64.getDecoder().decode(candidate.substring(comma + 1));
                } catch (IllegalArgumentException notBase64) {
                    continue;
                }
                if (MessageDigest.isEqual(expected, given)) {
                    return new Verdict.Valid();
                }
            }
        }
        return new Verdict.Invalid("no v1 signature matches");
    }

    private static byte[] key(String secret) {
        String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
        return Base64.getDecoder().decode(encoded);
    }

    private static byte[] mac(byte[] key, String id, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
