package org.therapyops.api.problem;

import java.util.List;

/** Thrown by controllers to answer with a problem of a given type; nothing has been written when it is. */
public class ApiProblemException extends RuntimeException {

    private final ProblemType type;
    private final List<Problem.FieldError> errors;

    public ApiProblemException(ProblemType type, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.type = type;
        this.errors = List.copyOf(errors);
    }

    public ApiProblemException(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    public static ApiProblemException notFound(String what, String id) {
        return new ApiProblemException(ProblemType.NOT_FOUND, what + " " + id + " does not exist.");
    }

    public static ApiProblemException unknownReference(String field, String what, String id) {
        return new ApiProblemException(ProblemType.UNKNOWN_REFERENCE, "No " + what + " with id " + id + ".",
                List.of(new Problem.FieldError(field, "refers to no existing " + what)));
    }

    /** 400 malformed-request naming the query parameter (or path part) and what is wrong with it. */
    public static ApiProblemException badQuery(String field, String message) {
        return new ApiProblemException(ProblemType.MALFORMED_REQUEST, field + " " + message + ".",
                List.of(new Problem.FieldError(field, message)));
    }

    public static ApiProblemException invalid(String field, String message) {
        return new ApiProblemException(ProblemType.VALIDATION, field + " " + message + ".",
                List.of(new Problem.FieldError(field, message)));
    }

    public ProblemType type() {
        return type;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
