package org.therapyops.api.model;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** The claims to batch: the given ids (all READY), or every READY claim of the practice when left out. */
@Serdeable
public record ClaimBatchInput(@Nullable List<String> claimIds) {
}
