package org.therapyops.api.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.therapyops.billing.claims.ClaimSubmittedException;
import org.therapyops.domain.RefusedException;

import java.util.List;

/** The one place a use case's refusal becomes a problem: its kind decides the problem type, its field the field error. */
@Singleton
@Produces(ProblemBodyProvider.PROBLEM_JSON)
public class RefusedHandler implements ExceptionHandler<RefusedException, HttpResponse<?>> {

    private final ErrorResponseProcessor<?> errors;

    public RefusedHandler(ErrorResponseProcessor<?> errors) {
        this.errors = errors;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, RefusedException refused) {
        ApiProblemException problem = problem(refused);
        return errors.processResponse(ErrorContext.builder(request).cause(problem).build(),
                HttpResponse.status(HttpStatus.valueOf(problem.type().status())));
    }

    static ApiProblemException problem(RefusedException refused) {
        ProblemType type = refused instanceof ClaimSubmittedException ? ProblemType.CLAIM_SUBMITTED : switch (refused.kind()) {
            case INVALID -> ProblemType.VALIDATION;
            case UNKNOWN_REFERENCE -> ProblemType.UNKNOWN_REFERENCE;
            case CONFLICT -> ProblemType.CONFLICT;
        };
        return new ApiProblemException(type, refused.getMessage(), refused.field() == null ? List.of()
                : List.of(new Problem.FieldError(refused.field(), refused.reason())));
    }
}
