package org.therapyops.api;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** The API's OpenAPI definition: title, version and the bearer-token security every operation needs. */
@OpenAPIDefinition(
        info = @Info(title = "Therapy Ops API", version = "1.0",
                description = "Scheduling aligned with insurance authorizations for therapy practices. "
                        + "Errors are application/problem+json (RFC 9457) with a stable type URI."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
final class Api {

    private Api() {
    }
}
