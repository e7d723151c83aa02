package org.therapyops.api.model;

import io.micronaut.serde.annotation.Serdeable;
import org.therapyops.billing.charges.KxThresholds;

import java.math.BigDecimal;
import java.util.List;

/**
 * The thresholds charge capture and the scrubber decide KX by for the practice: every year's, the earliest first, with
 * where it comes from ({@code SHIPPED} defaults or {@code PRACTICE}, set by its admin), and the version of the practice's
 * own (0 when it set none).
 */
@Serdeable
public record KxThresholdsView(List<Year> thresholds, long version) {

    /** One year's threshold. */
    @Serdeable
    public record Year(int year, BigDecimal amount, KxThresholds.Origin origin, boolean confirmed, String reference) {
    }

    public static KxThresholdsView of(KxThresholds resolved, long version) {
        return new KxThresholdsView(resolved.thresholds().stream()
                .map(t -> new Year(t.year(), t.amount(), t.origin(), t.confirmed(), t.reference())).toList(), version);
    }
}
