package org.therapyops.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.servlet.http.ServletHttpRequest;
import org.therapyops.api.problem.ApiProblemException;
import org.therapyops.api.problem.ProblemType;

/**
 * Refuses, before anything is parsed, request bodies no request of this API has: larger than any legitimate one, or
 * not declared as JSON (a body without {@code Content-Type}, or with another type, is not guessed at), or not text
 * (a lone UTF-16 surrogate).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class RequestBodyFilter {

    static final int MAX_BODY_CHARS = 64 * 1024;

    @RequestFilter
    public void check(HttpRequest<?> request) {
        if (!(request instanceof ServletHttpRequest<?, ?> servlet)
                || !(servlet.getNativeRequest() instanceof APIGatewayV2HTTPEvent event)
                || event.getBody() == null || event.getBody().isEmpty()) {
            return;
        }
        if (event.getBody().length() > MAX_BODY_CHARS) {
            throw new ApiProblemException(ProblemType.PAYLOAD_TOO_LARGE,
                    "The request body is larger than " + MAX_BODY_CHARS / 1024 + " KiB.");
        }
        int surrogate = loneSurrogate(event.getBody());
        if (surrogate >= 0) {
            // Decoding would silently turn it into "?"; it is no character, so no client meant to send it.
            throw new ApiProblemException(ProblemType.MALFORMED_REQUEST,
                    "The request body is not valid Unicode text: a lone UTF-16 surrogate at character " + surrogate + ".");
        }
        if (!isJson(request.getContentType().orElse(null))) {
            throw new ApiProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, request.getContentType()
                    .map(type -> "The request body is " + type + "; send it as application/json.")
                    .orElse("The request body has no Content-Type; send it as application/json."));
        }
    }

    /** The index of the first surrogate not part of a pair, or -1. */
    static int loneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** application/json, or a JSON-based type such as application/merge-patch+json, with any parameters. */
    static boolean isJson(MediaType type) {
        return type != null && type.getType().equalsIgnoreCase("application")
                && (type.getSubtype().equalsIgnoreCase("json") || type.getSubtype().toLowerCase(java.util.Locale.ROOT).endsWith("+json"));
    }
}
