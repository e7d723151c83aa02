package org.therapyops.api.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.validation.exceptions.ConstraintExceptionHandler;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;

import java.util.Comparator;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * Well-formed JSON whose fields break the rules is a 422 validation problem listing every field
 * (malformed or ill-typed JSON stays a 400), so a form can show all errors at once.
 */
@Singleton
@Replaces(ConstraintExceptionHandler.class)
@Produces(ProblemBodyProvider.PROBLEM_JSON)
public class ConstraintViolationHandler implements ExceptionHandler<ConstraintViolationException, HttpResponse<?>> {

    private final CoreProblems.Thrown problems;

    public ConstraintViolationHandler(CoreProblems.Thrown problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, ConstraintViolationException exception) {
        List<Problem.FieldError> errors = exception.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.size() == 1 ? errors.get(0).field() + " " + errors.get(0).message() + "."
                : errors.size() + " fields are invalid.";
        return problems.handle(request, new ApiProblemException(ProblemType.VALIDATION, detail, errors));
    }

    /** The property path without the controller method and argument: "book.input.durationMinutes" → "durationMinutes". */
    private static String field(ConstraintViolation<?> violation) {
        List<String> names = StreamSupport.stream(violation.getPropertyPath().spliterator(), false)
                .map(Path.Node::toString).toList();
        return names.size() > 2 ? String.join(".", names.subList(2, names.size())) : String.join(".", names);
    }
}
