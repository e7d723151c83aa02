package org.therapyops.api.model;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.List;

/**
 * The Medicare therapy (KX) thresholds a practice's admin sets, one per calendar year, over the shipped defaults: e.g.
 * the new year's once CMS publishes it in the physician fee schedule final rule. The years listed replace the
 * practice's earlier ones; a year not listed takes the shipped default, if there is one.
 */
@Serdeable
public record KxThresholdsInput(@NotNull @Size(max = KxThresholdsInput.MAX_YEARS) List<@NotNull @Valid Year> thresholds) {

    public static final int MAX_YEARS = 101;

    /** One year's threshold in US dollars (PT and speech combined; OT the same amount, separately), and where it is from. */
    @Serdeable
    public record Year(@Nullable Integer year, @Nullable BigDecimal amount, @Nullable String reference) {
    }
}
