package org.therapyops.api.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** An RFC 9457 problem detail; {@code type} is stable, so clients can branch on it. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance,
                      @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED,
                              description = "The invalid fields; left out when the problem names none")
                      List<FieldError> errors) {

    /** One invalid field of the request, named as the client sent it. */
    @Serdeable
    public record FieldError(String field, String message) {
    }
}
