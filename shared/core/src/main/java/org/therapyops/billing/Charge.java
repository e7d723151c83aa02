package org.therapyops.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One billable line: procedure code with up to four modifiers, units, the minutes behind them, pointers
 * (1-based, at most four) into the claim's diagnoses, the charge amount, who rendered it, when and where.
 */
public record Charge(String code, List<String> modifiers, int units, int minutes, List<Integer> diagnosisPointers,
                     BigDecimal amount, String renderingProviderId, LocalDate dateOfService, String placeOfService) {

    public Charge {
        modifiers = List.copyOf(modifiers);
        diagnosisPointers = List.copyOf(diagnosisPointers);
    }
}
