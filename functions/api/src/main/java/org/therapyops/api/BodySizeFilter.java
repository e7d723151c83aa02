package org.therapyops.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.servlet.http.ServletHttpRequest;
import org.therapyops.api.problem.ApiProblemException;
import org.therapyops.api.problem.ProblemType;

/** Refuses request bodies larger than any legitimate request of this API, before they are parsed. */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class BodySizeFilter {

    static final int MAX_BODY_CHARS = 64 * 1024;

    @RequestFilter
    public void limit(HttpRequest<?> request) {
        if (request instanceof ServletHttpRequest<?, ?> servlet
                && servlet.getNativeRequest() instanceof APIGatewayV2HTTPEvent event
                && event.getBody() != null && event.getBody().length() > MAX_BODY_CHARS) {
            throw new ApiProblemException(ProblemType.PAYLOAD_TOO_LARGE,
                    "The request body is larger than " + MAX_BODY_CHARS / 1024 + " KiB.");
        }
    }
}
