package org.therapyops.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** One page of a listing; pass {@code nextCursor} back as {@code cursor} for the next page (null at the end). */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PageView<T>(List<T> items,
                          @OrNull @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                                  description = "Opaque; null when there is no further page") String nextCursor) {
}
