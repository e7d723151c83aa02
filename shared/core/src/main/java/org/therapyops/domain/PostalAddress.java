package org.therapyops.domain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A US postal address as X12 N3/N4 carry it: one or two street lines, city, USPS state or territory code, and a ZIP
 * code of 5 or 9 digits (written 12345 or 12345-6789, stored as digits). A patient's address is PHI.
 */
public record PostalAddress(String line1, String line2, String city, String state, String postalCode) {

    /** USPS codes of the states, DC and the territories X12 payers accept in N402. */
    public static final Set<String> STATES = Set.of(
            "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA",
            "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR",
            "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY",
            "AS", "GU", "MP", "PR", "VI", "FM", "MH", "PW", "AA", "AE", "AP");

    private static final Pattern ZIP = Pattern.compile("\\d{5}(-?\\d{4})?");
    private static final Pattern ZIP9 = Pattern.compile("\\d{5}-?\\d{4}");
    /** "PO Box 12", "P.O. Box", "Post Office Box", "Lock Box", "Lockbox". */
    private static final Pattern BOX = Pattern.compile(
            "(?i).*\\b(p\\.?\\s*o\\.?\\s*box|post\\s+office\\s+box|lock\\s*box)\\b.*");

    /** What the address must satisfy: any deliverable address, or a billing provider's (street only, ZIP+4). */
    public enum Use {
        /** A patient's or subscriber's address: ZIP of 5 or 9 digits, a PO box is fine. */
        MAILING,
        /**
         * Loop 2010AA of the 837P: a street address (X222A1 sends post office and lock boxes in the pay-to loop
         * instead) with the full nine-digit ZIP code.
         */
        BILLING_PROVIDER
    }

    /**
     * What is wrong with an address for a use, keyed by field (line1, city, state, postalCode); empty when nothing is.
     * Null fields are reported as missing.
     */
    public static Map<String, String> problems(PostalAddress a, Use use) {
        Map<String, String> out = new LinkedHashMap<>();
        if (blank(a.line1())) {
            out.put("line1", "is required");
        } else if (a.line1().length() > 55) {
            out.put("line1", "holds at most 55 characters");
        } else if (use == Use.BILLING_PROVIDER && BOX.matcher(a.line1()).matches()) {
            out.put("line1", "must be a street address: a billing provider's address cannot be a post office or lock box");
        }
        if (a.line2() != null && a.line2().length() > 55) {
            out.put("line2", "holds at most 55 characters");
        }
        if (blank(a.city())) {
            out.put("city", "is required");
        } else if (a.city().length() > 30) {
            out.put("city", "holds at most 30 characters");
        }
        if (a.state() == null || !STATES.contains(a.state())) {
            out.put("state", "must be a two-letter USPS state code such as IL");
        }
        if (use == Use.BILLING_PROVIDER) {
            if (a.postalCode() == null || !ZIP9.matcher(a.postalCode()).matches()) {
                out.put("postalCode", "must be the full nine-digit ZIP code (ZIP+4, e.g. 62701-1234) for a billing provider");
            }
        } else if (a.postalCode() == null || !ZIP.matcher(a.postalCode()).matches()) {
            out.put("postalCode", "must be a 5- or 9-digit ZIP code (e.g. 62701 or 62701-1234)");
        }
        return out;
    }

    /** The same address with the ZIP code as digits only and blanks trimmed (line2 null when empty). */
    public PostalAddress normalized() {
        return new PostalAddress(strip(line1), blank(line2) ? null : line2.strip(), strip(city), strip(state),
                postalCode == null ? null : postalCode.replace("-", "").strip());
    }

    private static String strip(String s) {
        return s == null ? null : s.strip();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
