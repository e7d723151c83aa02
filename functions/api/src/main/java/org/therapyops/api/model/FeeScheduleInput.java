package org.therapyops.api.model;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.therapyops.billing.charges.FeeSchedule;

import java.math.BigDecimal;
import java.util.List;

/**
 * The practice's fees: the amount of one unit of a code, optionally for one modifier (e.g. a lower fee for 97110 with
 * CQ). The most specific entry wins when a charge is priced.
 */
@Serdeable
public record FeeScheduleInput(@NotNull @Size(max = FeeScheduleInput.MAX_FEES) List<@NotNull @Valid Fee> fees) {

    public static final int MAX_FEES = 2000;

    /** One fee: code (CPT/HCPCS), optional modifier, amount per unit in US dollars. */
    @Serdeable
    public record Fee(@Nullable String code, @Nullable String modifier, @Nullable BigDecimal amount) {
    }

    /** The schedule's fees, code then modifier (none first). */
    public static List<Fee> of(FeeSchedule schedule) {
        return schedule.fees().stream().map(f -> new Fee(f.code(), f.modifier(), f.amount())).toList();
    }
}
