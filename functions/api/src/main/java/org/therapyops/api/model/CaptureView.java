package org.therapyops.api.model;

import io.micronaut.serde.annotation.Serdeable;
import org.therapyops.billing.charges.CaptureRecord;

import java.time.Instant;
import java.util.List;

/**
 * What charge capture made of a signed note: PENDING until it ran, then CHARGED (with the claims), NOTHING_BILLED or
 * REFUSED, with findings per note line (1-based; 0 is the whole note): a stable id, a severity and a message.
 */
@Serdeable
public record CaptureView(String noteId, String status, List<String> claimIds, List<Finding> findings, @OrNull Instant capturedAt) {

    /** One finding: ERROR not billed, WARNING billed (check it), INFO billed as told. */
    @Serdeable
    public record Finding(String id, String severity, int line, String message) {
    }

    public static CaptureView pending(String noteId) {
        return new CaptureView(noteId, "PENDING", List.of(), List.of(), null);
    }

    public static CaptureView of(CaptureRecord r) {
        return new CaptureView(r.noteId(), r.outcome().name(), r.claimIds(), r.findings().stream()
                .map(f -> new Finding(f.code().id(), f.severity().name(), f.line(), f.message())).toList(), r.capturedAt());
    }
}
