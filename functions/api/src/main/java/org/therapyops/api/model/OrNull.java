package org.therapyops.api.model;

import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A view field that is always written but may be null: required and nullable in the OpenAPI document (every field of a
 * view is written, null included; see micronaut.serde.serialization.inclusion).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
@Nullable
@Schema(requiredMode = Schema.RequiredMode.REQUIRED)
public @interface OrNull {
}
