package org.therapyops.billing;

/** CLM05-3 claim frequency: an original claim, a replacement of one, or a void. */
public enum ClaimFrequency {
    ORIGINAL("1"), REPLACEMENT("7"), VOID("8");

    private final String code;

    ClaimFrequency(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
