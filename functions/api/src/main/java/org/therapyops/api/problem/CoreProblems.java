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
import org.therapyops.billing.claims.ClaimSuccessors;
import org.therapyops.domain.RefusedException;
import org.therapyops.inbound.service.IntegrationService;
import org.therapyops.ports.AlertRepository;
import org.therapyops.ports.DoubleBookingException;
import org.therapyops.ports.IllegalTransitionException;
import org.therapyops.ports.NoteRepository;
import org.therapyops.reporting.InvalidReportQueryException;

import java.util.List;

/**
 * The one place where what the core refuses becomes a problem answer: one handler per exception, each saying which
 * problem it is (controllers throw, none of them translates).
 */
public final class CoreProblems {

    private CoreProblems() {
    }

    /** Answers an exception with the problem {@link #problem} makes of it, in the problem+json body. */
    abstract static class Mapping<E extends Throwable> implements ExceptionHandler<E, HttpResponse<?>> {

        private final ErrorResponseProcessor<?> errors;

        Mapping(ErrorResponseProcessor<?> errors) {
            this.errors = errors;
        }

        @Override
        public final HttpResponse<?> handle(HttpRequest request, E exception) {
            ApiProblemException problem = problem(exception);
            return errors.processResponse(ErrorContext.builder(request).cause(problem).build(),
                    HttpResponse.status(HttpStatus.valueOf(problem.type().status())));
        }

        abstract ApiProblemException problem(E exception);
    }

    /** A problem thrown as such. */
    @Singleton
    @Produces(ProblemBodyProvider.PROBLEM_JSON)
    public static class Thrown extends Mapping<ApiProblemException> {
        public Thrown(ErrorResponseProcessor<?> errors) {
            super(errors);
        }

        @Override
        ApiProblemException problem(ApiProblemException exception) {
            return exception;
        }
    }

    /** A use case's refusal: its kind decides the problem type, its field the field error. */
    @Singleton
    @Produces(ProblemBodyProvider.PROBLEM_JSON)
    public static class Refused extends Mapping<RefusedException> {
        public Refused(ErrorResponseProcessor<?> errors) {
            super(errors);
        }

        @Override
        ApiProblemException problem(RefusedException refused) {
            ProblemType type = refused instanceof ClaimSubmittedException ? ProblemType.CLAIM_SUBMITTED : switch (refused.kind()) {
                case INVALID -> ProblemType.VALIDATION;
                case UNKNOWN_REFERENCE -> ProblemType.UNKNOWN_REFERENCE;
                case CONFLICT -> ProblemType.CONFLICT;
            };
            return new ApiProblemException(type, refused.getMessage(), refused.field() == null ? List.of()
                    : List.of(new Problem.FieldError(refused.field(), refused.reason())));
        }
    }

    /** 409 invalid-transition: the appointment's status does not allow the change. */
    @Singleton
    @Produces(ProblemBodyProvider.PROBLEM_JSON)
    public static class IllegalTransition extends Mapping<IllegalTransitionException> {
        public IllegalTransition(ErrorResponseProcessor<?> errors) {
            super(errors);
        }

        @Override
        ApiProblemException problem(IllegalTransitionException e) {
            return new ApiProblemException(ProblemType.INVALID_TRANSITION, e.getMessage() + ". Nothing was written.");
        }
    }

    /** 409 double-booking, each conflicting appointment named at the provider's or the patient's id. */
    @Singleton
    @Produces(ProblemBodyProvider.PROBLEM_JSON)
    public static class DoubleBooking extends Mapping<DoubleBookingException> {
        public DoubleBooking(ErrorResponseProcessor<?> errors) {
            super(errors);
        }

        @Override
        ApiProblemException problem(DoubleBookingException e) {
            return new ApiProblemException(ProblemType.DOUBLE_BOOKING, "The " + e.conflicts().get(0).who()
                    + " already has an appointment at that time. Nothing was written.",
                    e.conflicts().stream().map(c -> new Problem.FieldError(c.who() + "Id",
                            "already booked by appointment " + c.appointmentId())).toList());
        }
    }

    /** 409 conflict: the claim cannot be replaced, voided or closed in its state. */
    @Singleton
    @Produces(ProblemBodyProvider.PROBLEM_JSON)
    public static class SuccessorRefused extends Mapping<ClaimSuccessors.SuccessorRefusedException> {
        public SuccessorRefused(ErrorResponseProcessor<?> errors) {
            super(errors);
        }

        @Override
        ApiProblemException problem(ClaimSuccessors.SuccessorRefusedException e) {
            return new ApiProblemException(ProblemType.CONFLICT, e.getMessage() + ". Nothing was written.");
        }
    }

    /** 409 note-signed: a signed note changes only by addendum. */
    @Singleton
    @Produces(ProblemBodyProvider.PROBLEM_JSON)
    public static class NoteSigned extends Mapping<NoteRepository.NoteSignedException> {
        public NoteSigned(ErrorResponseProcessor<?> errors) {
            super(errors);
        }

        @Override
        ApiProblemException problem(NoteRepository.NoteSignedException e) {
            return new ApiProblemException(ProblemType.NOTE_SIGNED, e.getMessage() + ": it changes only by addendum. Nothing was written.");
        }
    }

    /** 409 conflict: the integration cannot do that in its state (revoked, no secret to retire …). */
    @Singleton
    @Produces(ProblemBodyProvider.PROBLEM_JSON)
    public static class IntegrationState extends Mapping<IntegrationService.IntegrationStateException> {
        public IntegrationState(ErrorResponseProcessor<?> errors) {
            super(errors);
        }

        @Override
        ApiProblemException problem(IntegrationService.IntegrationStateException e) {
            return new ApiProblemException(ProblemType.CONFLICT, "The integration cannot do that now: " + e.getMessage()
                    + ". Nothing was changed.");
        }
    }

    /** 409 conflict: the alert is not open. */
    @Singleton
    @Produces(ProblemBodyProvider.PROBLEM_JSON)
    public static class AlertState extends Mapping<AlertRepository.AlertStateException> {
        public AlertState(ErrorResponseProcessor<?> errors) {
            super(errors);
        }

        @Override
        ApiProblemException problem(AlertRepository.AlertStateException e) {
            return new ApiProblemException(ProblemType.CONFLICT, e.getMessage());
        }
    }

    /** 400 malformed-request: a report's (or the cost report's) query parameter, named. */
    @Singleton
    @Produces(ProblemBodyProvider.PROBLEM_JSON)
    public static class InvalidReportQuery extends Mapping<InvalidReportQueryException> {
        public InvalidReportQuery(ErrorResponseProcessor<?> errors) {
            super(errors);
        }

        @Override
        ApiProblemException problem(InvalidReportQueryException e) {
            return ApiProblemException.badQuery(e.field(), e.reason());
        }
    }
}
