package org.therapyops.domain;

/**
 * Health care provider taxonomy code format (NUCC code set, e.g. 225100000X physical therapist):
 * ten characters, nine upper-case letters or digits followed by X. The code's existence in the NUCC
 * list is not checked here.
 */
public final class Taxonomy {

    private Taxonomy() {
    }

    public static boolean isValid(String code) {
        return code != null && code.matches("[0-9A-Z]{9}X");
    }
}
