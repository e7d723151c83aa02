package org.therapyops.api.problem;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body API Gateway answers with itself, before any function runs (e.g. {@code {"message":"Unauthorized"}} from the
 * JWT authorizer): not a problem document, which only the API writes.
 */
@Serdeable
@Schema(description = "API Gateway's own error body, e.g. {\"message\":\"Unauthorized\"}")
public record GatewayError(String message) {
}
