package org.therapyops.api.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/** Answers an {@link ApiProblemException} with its status and problem body. */
@Singleton
@Produces(ProblemBodyProvider.PROBLEM_JSON)
public class ApiProblemHandler implements ExceptionHandler<ApiProblemException, HttpResponse<?>> {

    private final ErrorResponseProcessor<?> errors;

    public ApiProblemHandler(ErrorResponseProcessor<?> errors) {
        this.errors = errors;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, ApiProblemException exception) {
        return errors.processResponse(ErrorContext.builder(request).cause(exception).build(),
                HttpResponse.status(HttpStatus.valueOf(exception.type().status())));
    }
}
