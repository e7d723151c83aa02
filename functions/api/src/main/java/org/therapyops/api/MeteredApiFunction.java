package org.therapyops.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import io.micronaut.web.router.Router;
import org.therapyops.api.security.Caller;
import org.therapyops.lambda.Metering;
import org.therapyops.wiring.handlers.Singletons;
import org.therapyops.ports.UsageStore;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The HTTP API's handler (template.yaml): Micronaut's payload 2.0 function, metered ({@link Metering}): each request is
 * the caller's practice's (from the verified token; none for an open route), as step {@code api /<first path segment>},
 * and counts as HTTP API requests by AWS's rule (one per started 512 KB of the request or its answer, the larger).
 */
public class MeteredApiFunction extends APIGatewayV2HTTPEventFunction {

    static final long HTTP_API_CHUNK = 512 * 1024;

    /** A request to no route the API has is metered under this step, so that made-up paths add no steps. */
    static final String OTHER = "api (no route)";

    private final UsageStore usage;
    private final Set<String> resources;

    public MeteredApiFunction() {
        super();
        this.usage = getApplicationContext().findBean(UsageStore.class).orElse(UsageStore.NONE);
        this.resources = getApplicationContext().findBean(Router.class).map(MeteredApiFunction::resources).orElse(Set.of());
    }

    /** As every function's context is built ({@link Singletons}). */
    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return Singletons.builder();
    }

    /** The first path segment of every route ("/appointments", "/openapi.yml"). */
    static Set<String> resources(Router router) {
        return router.uriRoutes().map(r -> firstSegment(r.getUriMatchTemplate().toString())).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Metering.invoke(step(event, resources), context, usage, () -> {
            Metering.practice(practiceOf(event));
            APIGatewayV2HTTPResponse response = super.handleRequest(event, context);
            Metering.httpApiRequests(Math.max(1, (Math.max(size(event), size(response)) + HTTP_API_CHUNK - 1) / HTTP_API_CHUNK));
            return response;
        });
    }

    /** "api /appointments" for /appointments/{id}/complete; {@link #OTHER} when no route starts so. */
    static String step(APIGatewayV2HTTPEvent event, Set<String> resources) {
        String first = firstSegment(event == null || event.getRawPath() == null ? "/" : event.getRawPath());
        return resources.contains(first) ? "api " + first : OTHER;
    }

    static String firstSegment(String path) {
        int next = path.indexOf('/', 1);
        return next < 0 ? path : path.substring(0, next);
    }

    static String practiceOf(APIGatewayV2HTTPEvent event) {
        if (event == null || event.getRequestContext() == null || event.getRequestContext().getAuthorizer() == null
                || event.getRequestContext().getAuthorizer().getJwt() == null) {
            return null;
        }
        Map<String, String> claims = event.getRequestContext().getAuthorizer().getJwt().getClaims();
        return claims == null ? null : claims.get(Caller.PRACTICE_CLAIM);
    }

    private static long size(APIGatewayV2HTTPEvent event) {
        return event == null || event.getBody() == null ? 0 : event.getBody().getBytes(StandardCharsets.UTF_8).length;
    }

    private static long size(APIGatewayV2HTTPResponse response) {
        return response == null || response.getBody() == null ? 0 : response.getBody().getBytes(StandardCharsets.UTF_8).length;
    }
}
