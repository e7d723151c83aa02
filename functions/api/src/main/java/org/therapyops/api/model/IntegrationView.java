package org.therapyops.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import org.therapyops.inbound.Integration;

import java.time.Instant;
import java.util.List;

/**
 * An integration as admins see it: where it posts ({@code webhookPath}, under the API's base URL) and its secrets' ids
 * and dates. {@code secret} is filled once, in the answer that made it (registration or rotation), and never again.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record IntegrationView(String id, String name, String kind, String status, String webhookPath, List<Secret> secrets,
                              @OrNull @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                                      description = "Shown once: the new signing secret (whsec_…); store it now")
                              String secret, Instant createdAt, @OrNull String createdBy,
                              @OrNull Instant revokedAt, long version) {

    /** A signing secret's id and life; {@code retiredAt} null while it verifies. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Secret(String id, Instant createdAt, @OrNull Instant retiredAt) {
    }

    public static IntegrationView of(Integration i, String secret) {
        return new IntegrationView(i.id(), i.name(), kind(i.kind()), i.status().name(), "/webhooks/" + i.id(),
                i.secrets().stream().map(s -> new Secret(s.id(), s.createdAt(), s.retiredAt())).toList(), secret, i.createdAt(),
                i.createdBy(), i.revokedAt(), i.version());
    }

    /** The kind as the API spells it: clearinghouse, payer, um-vendor. */
    public static String kind(Integration.Kind kind) {
        return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
