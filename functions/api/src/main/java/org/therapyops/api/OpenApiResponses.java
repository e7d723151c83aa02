package org.therapyops.api;

import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.therapyops.api.problem.GatewayError;
import org.therapyops.api.problem.Problem;
import org.therapyops.api.problem.ProblemBodyProvider;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What the controllers' OpenAPI annotations share: descriptions, and the answers many operations give as
 * meta-annotations, so that the document lists every status an operation answers (schemathesis checks it does).
 */
final class OpenApiResponses {

    static final String IF_MATCH_DESCRIPTION = "The ETag of the version read, e.g. \"3\"; the update applies only to that version";
    static final String OPTIONAL_IF_MATCH_DESCRIPTION = "The ETag of the version read, e.g. \"3\": when sent, the change applies "
            + "only to that version";
    static final String VALIDATION = "A field breaks a rule (validation) or names a record that does not exist (unknown-reference); errors[].field names it";
    static final String NOT_FOUND = "No such record in the caller's practice";
    static final String FORBIDDEN = "The caller's role may not do this (or the token names no known role)";
    static final String STALE = "precondition-failed: the record changed since the If-Match version, or If-Match names no version of it; nothing was written";
    static final String NO_IF_MATCH = "precondition-required: If-Match is missing or empty";
    static final String EMPTY_IF_MATCH = "precondition-required: If-Match was sent empty";
    static final String BAD_QUERY = "malformed-request: a query parameter is not of its type, limit is out of 1–100, or the cursor was not issued by this listing";
    static final String MALFORMED_BODY = "malformed-request: the body is not JSON, is empty, or has a value of the wrong type";
    static final String TOO_LARGE = "payload-too-large: the body is over 64 KiB";
    static final String NOT_JSON = "unsupported-media-type: the body is not application/json";
    static final String UNAUTHORIZED = "From the gateway's JWT authorizer, before the API runs: the bearer token is missing, malformed, expired or not ours";
    static final String ETAG = "The record's version, e.g. \"3\"; send it back in If-Match to change the record";
    static final String LOCATION = "The new record's path";
    static final String CREATED = "Created; Location and ETag name it";

    private OpenApiResponses() {
    }

    /** On a controller: every operation may answer the gateway's 401 and a 403 problem. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @ApiResponse(responseCode = "401", description = UNAUTHORIZED,
            headers = @Header(name = "WWW-Authenticate", description = "Bearer, with the error", schema = @Schema(type = "string")),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = GatewayError.class)))
    @ApiResponse(responseCode = "403", description = FORBIDDEN, content = @Content(mediaType = ProblemBodyProvider.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @interface Authenticated {
    }

    /** An operation reading a JSON body: 400 when it cannot be read, 413, 415, and 422 when a field breaks a rule. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ApiResponse(responseCode = "400", description = MALFORMED_BODY, content = @Content(mediaType = ProblemBodyProvider.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "413", description = TOO_LARGE, content = @Content(mediaType = ProblemBodyProvider.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "415", description = NOT_JSON, content = @Content(mediaType = ProblemBodyProvider.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "422", description = VALIDATION, content = @Content(mediaType = ProblemBodyProvider.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @interface JsonBody {
    }

    /** An operation with typed query parameters: 400 when one cannot be read. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ApiResponse(responseCode = "400", description = BAD_QUERY, content = @Content(mediaType = ProblemBodyProvider.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @interface BadQuery {
    }

    /** An operation on a record named in its path: 404 when the practice has no such record. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ApiResponse(responseCode = "404", description = NOT_FOUND, content = @Content(mediaType = ProblemBodyProvider.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @interface NotFound {
    }

    /** An operation answering a body the caller may act on: 422 when a field or the record's state breaks a rule. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ApiResponse(responseCode = "422", description = VALIDATION, content = @Content(mediaType = ProblemBodyProvider.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @interface Invalid {
    }

    /** A create: 201 with the new record, its Location and its ETag. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ApiResponse(responseCode = "201", description = CREATED, useReturnTypeSchema = true, headers = {
            @Header(name = "Location", description = LOCATION, required = true, schema = @Schema(type = "string", pattern = "^/")),
            @Header(name = "ETag", description = ETAG, required = true, schema = @Schema(type = "string", pattern = "^\"[0-9]+\"$"))})
    @interface Created {
    }

    /** A read or change answering the record with its ETag. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ApiResponse(responseCode = "200", description = "The record; ETag is its version", useReturnTypeSchema = true, headers =
            @Header(name = "ETag", description = ETAG, required = true, schema = @Schema(type = "string", pattern = "^\"[0-9]+\"$")))
    @interface Versioned {
    }

    /**
     * A change whose If-Match is optional: without it the change applies to the version there is; 412 when it is stale,
     * 428 when it is sent empty.
     */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ApiResponse(responseCode = "412", description = STALE, content = @Content(mediaType = ProblemBodyProvider.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "428", description = EMPTY_IF_MATCH, content = @Content(mediaType = ProblemBodyProvider.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @interface OptionalIfMatch {
    }

    /** A change that needs If-Match (428 without it, 412 when stale), without a body to validate. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ApiResponse(responseCode = "412", description = STALE, content = @Content(mediaType = ProblemBodyProvider.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "428", description = NO_IF_MATCH, content = @Content(mediaType = ProblemBodyProvider.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
        @interface RequiredIfMatch {
    }

    /**
     * A state change of an appointment: the appointment with its ETag, 404, the body's 400/413/415/422, an optional
     * If-Match (412, 428), and 409 when its status does not allow the change.
     */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @Versioned
    @NotFound
    @JsonBody
    @OptionalIfMatch
    @interface Transition {
    }
}
