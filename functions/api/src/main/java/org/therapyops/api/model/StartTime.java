package org.therapyops.api.model;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * When a session starts, as a client sends it: the practice's wall-clock time ({@code 2026-12-07T09:00}), or an
 * instant with its UTC offset ({@code 2026-12-07T14:00:00Z}, what a browser's {@code toISOString()} gives), which is
 * converted to the practice's time zone. Appointments are kept and answered in practice-local time.
 */
@Schema(type = "string", description = "Practice-local date and time (2026-12-07T09:00), or an instant with a UTC offset "
        + "(2026-12-07T14:00:00Z, 2026-12-07T09:00:00-05:00), converted to the practice's time zone",
        pattern = StartTime.PATTERN, example = "2026-12-07T09:00")
public record StartTime(LocalDateTime local, ZoneOffset offset) {

    public static final String PATTERN =
            "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?(Z|[+-][0-9]{2}:[0-9]{2})?$";

    /** A practice-local time, as stored. */
    public static StartTime local(LocalDateTime local) {
        return new StartTime(local, null);
    }

    /** The wall-clock time in the practice's zone. */
    public LocalDateTime in(ZoneId practiceZone) {
        return offset == null ? local : local.atOffset(offset).atZoneSameInstant(practiceZone).toLocalDateTime();
    }

    public boolean hasOffset() {
        return offset != null;
    }
}
