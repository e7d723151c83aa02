package org.therapyops.api.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;
import org.therapyops.api.json.StrictInput;

import java.util.List;
import java.util.Optional;

/**
 * Turns every error Micronaut answers (ours and its own: binding, validation, routing) into an
 * {@code application/problem+json} body, so clients see one error format.
 */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
public class ProblemBodyProvider implements JsonErrorResponseBodyProvider<Problem> {

    public static final String PROBLEM_JSON = "application/problem+json";

    @Override
    public String contentType() {
        return PROBLEM_JSON;
    }

    @Override
    public Problem body(ErrorContext context, HttpResponse<?> response) {
        Optional<Throwable> cause = context.getRootCause();
        String instance = context.getRequest().getPath();
        if (cause.isPresent() && cause.get() instanceof ApiProblemException problem) {
            return new Problem(problem.type().uri(), problem.type().title(), problem.type().status(),
                    problem.getMessage(), instance, problem.errors());
        }
        ProblemType type = ProblemType.forStatus(response.code());
        StrictInput.Refusal refusal = refusal(context.getRootCause().orElse(null));
        if (refusal != null) {
            return new Problem(type.uri(), type.title(), response.code(), "Field " + refusal.field() + " " + refusal.reason() + ".",
                    instance, List.of(new Problem.FieldError(refusal.field(), refusal.reason())));
        }
        List<Problem.FieldError> errors = context.getErrors().stream()
                .filter(e -> e.getPath().isPresent())
                .map(e -> new Problem.FieldError(fieldOf(e.getPath().get()), e.getMessage()))
                .toList();
        return new Problem(type.uri(), type.title(), response.code(), detail(context, type, cause), instance, errors);
    }

    private static String detail(ErrorContext context, ProblemType type, Optional<Throwable> cause) {
        if (type == ProblemType.INTERNAL) {
            return "The request could not be completed; it has been logged with its request id.";
        }
        if (cause.isPresent() && cause.get() instanceof ConversionErrorException conversion) {
            return "Field " + conversion.getArgument().getName() + " could not be read: " + conversion.getConversionError().getCause().getMessage();
        }
        return context.getErrors().stream().map(Error::getMessage).findFirst().orElse(type.title());
    }

    private static StrictInput.Refusal refusal(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StrictInput.Refusal refusal) {
                return refusal;
            }
        }
        return null;
    }

    /** "create.input.durationMinutes" (method, argument, field) → "durationMinutes". */
    private static String fieldOf(String path) {
        String[] parts = path.split("\\.", 3);
        return parts.length == 3 ? parts[2] : path;
    }
}
