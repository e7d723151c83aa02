package org.therapyops.domain;

/**
 * National Provider Identifier check: 10 digits, the last a Luhn check digit computed over the
 * prefix 80840 followed by the first nine digits (CMS, NPI check digit specification).
 */
public final class Npi {

    private static final String PREFIX = "80840";

    private Npi() {
    }

    public static boolean isValid(String npi) {
        if (npi == null || !npi.matches("[0-9]{10}")) {
            return false;
        }
        return checkDigit(npi.substring(0, 9)) == npi.charAt(9) - '0';
    }

    /** The Luhn check digit for the first nine digits of an NPI. */
    static int checkDigit(String firstNine) {
        String digits = PREFIX + firstNine;
        int sum = 0;
        boolean doubleIt = true; // the check digit will sit to the right, so the rightmost digit here is doubled
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return (10 - sum % 10) % 10;
    }
}
