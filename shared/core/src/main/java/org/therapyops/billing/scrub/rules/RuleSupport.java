package org.therapyops.billing.scrub.rules;

import org.therapyops.billing.Charge;
import org.therapyops.billing.Claim;

import java.util.List;
import java.util.Objects;

/** Small helpers the rules share. */
final class RuleSupport {

    private RuleSupport() {
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static String line(int i, String field) {
        return "lines[" + i + "]" + (field.isEmpty() ? "" : "." + field);
    }

    static boolean has(Charge line, String modifier) {
        return line.modifiers().contains(modifier);
    }

    static boolean hasAny(Charge line, List<String> modifiers) {
        return line.modifiers().stream().anyMatch(modifiers::contains);
    }

    /** A line's date of service, or the claim's when the line has none. */
    static java.time.LocalDate dateOf(Claim claim, Charge line) {
        return Objects.requireNonNullElse(line.dateOfService(), claim.dateOfService());
    }

    /** A line's place of service, or the claim's when the line has none. */
    static String placeOf(Claim claim, Charge line) {
        return blank(line.placeOfService()) ? claim.placeOfService() : line.placeOfService();
    }
}
