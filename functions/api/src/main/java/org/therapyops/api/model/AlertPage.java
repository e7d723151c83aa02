package org.therapyops.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** One page of alerts, newest first; {@code nextCursor} fetches the next page (null on the last). */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AlertPage(List<AlertView> items, String nextCursor) {
}
