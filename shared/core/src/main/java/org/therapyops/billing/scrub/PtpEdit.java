package org.therapyops.billing.scrub;

import java.time.LocalDate;

/**
 * One NCCI procedure-to-procedure edit: billed together on a day, the column-2 code is denied unless the
 * modifier indicator allows a distinct-service modifier on it (0 never, 1 with 59/XE/XS/XP/XU, 9 not applicable).
 * In force from {@code effective} to the day before {@code deletion} (none: still in force).
 */
public record PtpEdit(String column1, String column2, LocalDate effective, LocalDate deletion, int modifierIndicator,
                      String rationale) {

    public boolean inForceOn(LocalDate date) {
        return !date.isBefore(effective) && (deletion == null || date.isBefore(deletion));
    }
}
