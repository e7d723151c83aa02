package org.therapyops.api.model;

import io.swagger.v3.oas.annotations.media.Schema;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A session time as the API reads and writes it: a local date and time in the practice's time zone, without an offset
 * (so not an RFC 3339 date-time, which the OpenAPI format date-time would promise; local-date-time is not a registered
 * format, so validators check the pattern).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
@Schema(type = "string", format = "local-date-time", pattern = SessionTime.PATTERN, requiredMode = Schema.RequiredMode.REQUIRED,
        description = "Local date and time in the practice's time zone, without an offset, e.g. 2026-12-03T10:00")
public @interface SessionTime {

    /** yyyy-MM-ddTHH:mm, with optional seconds and fraction. */
    String PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?$";
}
