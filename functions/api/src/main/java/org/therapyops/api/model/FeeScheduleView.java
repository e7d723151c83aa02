package org.therapyops.api.model;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** The practice's fee schedule as the API shows it: the fees, code then modifier, and the schedule's version. */
@Serdeable
public record FeeScheduleView(List<FeeScheduleInput.Fee> fees, long version) {
}
