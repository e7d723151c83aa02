package org.therapyops.domain;

/**
 * Medicare Beneficiary Identifier format check (CMS MBI specification): 11 characters; position 1 a
 * digit 1–9; positions 2, 5, 8, 9 letters; positions 3 and 6 a letter or a digit; positions 4, 7, 10,
 * 11 digits. Letters are upper case and never S, L, O, I, B or Z. No dashes or spaces.
 */
public final class Mbi {

    /** The number of characters of an MBI. */
    public static final int LENGTH = 11;

    private static final String LETTERS = "ACDEFGHJKMNPQRTUVWXY";
    private static final String DIGITS = "0123456789";

    /** What each position admits, from the specification's position table. */
    private static final String[] POSITIONS = {
            "123456789", LETTERS, LETTERS + DIGITS, DIGITS, LETTERS, LETTERS + DIGITS, DIGITS, LETTERS, LETTERS, DIGITS, DIGITS
    };

    private Mbi() {
    }

    public static boolean isValid(String mbi) {
        return mbi != null && firstInvalidPosition(mbi) == 0;
    }

    /**
     * The 1-based position of the first character that breaks the format (or is missing, when the value is
     * too short), {@code LENGTH + 1} when the value is too long, 0 when it is valid.
     */
    public static int firstInvalidPosition(String mbi) {
        for (int i = 0; i < POSITIONS.length; i++) {
            if (i >= mbi.length() || POSITIONS[i].indexOf(mbi.charAt(i)) < 0) {
                return i + 1;
            }
        }
        return mbi.length() == POSITIONS.length ? 0 : POSITIONS.length + 1;
    }

}
