package org.therapyops.api.model;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import org.therapyops.billing.AssistantInvolvement;
import org.therapyops.billing.ServiceLine;

/** One documented service: code, minutes, rendering provider (default: the appointment's), assistant involvement. */
@Serdeable
public record NoteLineInput(@Nullable String code, @Nullable Integer minutes, @Nullable String renderingProviderId,
                            @Nullable AssistantInvolvement assistant) {

    public static NoteLineInput of(ServiceLine line) {
        return new NoteLineInput(line.code(), line.minutes(), line.renderingProviderId(), line.assistant());
    }
}
