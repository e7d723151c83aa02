package org.therapyops.billing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * The identifiers an 837P gives a claim and its lines, which 277CA and 835 files echo back: the patient control number
 * (CLM01, returned as 277CA TRN02 and 835 CLP01) and each line's line item control number (REF*6R, returned as 277CA
 * REF*FJ and 835 REF*6R). Deterministic: the claim id alone gives them, so they are not stored.
 */
public final class ClaimControlNumbers {

    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private ClaimControlNumbers() {
    }

    /**
     * CLM01: the claim id when it fits in the 20 characters X222A1 obliges receivers to keep (upper case, as written),
     * else "T" and 19 base-32 characters of the id's SHA-256 (95 bits), so that claims whose long ids differ only at
     * the end never share one.
     */
    public static String patientControlNumber(String claimId) {
        String plain = claimId.toUpperCase(Locale.ROOT).strip();
        if (plain.length() <= 20 && plain.matches("[A-Z0-9-]+")) {
            return plain;
        }
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256").digest(claimId.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder b = new StringBuilder("T");
        for (int i = 0; i < 19; i++) {
            int bit = i * 5;
            int value = (((hash[bit / 8] & 0xff) << 8) | (hash[bit / 8 + 1] & 0xff)) >> (11 - bit % 8) & 0x1f;
            b.append(BASE32.charAt(value));
        }
        return b.toString();
    }

    /** REF*6R of a claim's line (1-based): the patient control number, a hyphen and the line number (at most 23 characters). */
    public static String lineItemControlNumber(String claimId, int lineNumber) {
        if (lineNumber < 1) {
            throw new IllegalArgumentException("line numbers start at 1");
        }
        return patientControlNumber(claimId) + "-" + lineNumber;
    }

    /**
     * The line number a line item control number names for the claim with this patient control number; 0 when it names
     * another claim or is not one of ours.
     */
    public static int lineOf(String patientControlNumber, String lineItemControlNumber) {
        if (lineItemControlNumber == null || patientControlNumber == null) {
            return 0;
        }
        String prefix = patientControlNumber + "-";
        String value = lineItemControlNumber.strip().toUpperCase(Locale.ROOT);
        if (!value.startsWith(prefix) || value.length() == prefix.length() || value.length() > prefix.length() + 2) {
            return 0;
        }
        String digits = value.substring(prefix.length());
        return digits.chars().allMatch(Character::isDigit) ? Integer.parseInt(digits) : 0;
    }
}
