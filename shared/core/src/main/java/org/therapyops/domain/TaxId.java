package org.therapyops.domain;

/**
 * Federal tax id format (EIN, or an SSN for a sole proprietor): nine digits, optionally written NN-NNNNNNN, and not
 * all zeros. Whether the IRS issued it is not checked here.
 */
public final class TaxId {

    private TaxId() {
    }

    public static boolean isValid(String tin) {
        return tin != null && tin.strip().matches("\\d{2}-?\\d{7}") && !tin.replace("-", "").strip().matches("0{9}");
    }
}
