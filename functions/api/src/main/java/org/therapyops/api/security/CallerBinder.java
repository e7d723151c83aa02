package org.therapyops.api.security;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import io.micronaut.servlet.http.ServletHttpRequest;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.Optional;

/** Binds a {@link Caller} argument from the JWT claims in the API Gateway (payload 2.0) request context. */
@Singleton
public class CallerBinder implements TypedRequestArgumentBinder<Caller> {

    @Override
    public Argument<Caller> argumentType() {
        return Argument.of(Caller.class);
    }

    @Override
    public BindingResult<Caller> bind(ArgumentConversionContext<Caller> context, HttpRequest<?> source) {
        Map<String, String> claims = null;
        String requestId = null;
        if (source instanceof ServletHttpRequest<?, ?> servlet
                && servlet.getNativeRequest() instanceof APIGatewayV2HTTPEvent event
                && event.getRequestContext() != null
                && event.getRequestContext().getAuthorizer() != null
                && event.getRequestContext().getAuthorizer().getJwt() != null) {
            claims = event.getRequestContext().getAuthorizer().getJwt().getClaims();
            requestId = event.getRequestContext().getRequestId();
        }
        Caller caller = Caller.fromClaims(claims, requestId);
        return () -> Optional.of(caller);
    }
}
