package org.therapyops.api;

import org.therapyops.billing.claims.Diagnoses;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.Status;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.therapyops.api.model.AddendumInput;
import org.therapyops.api.model.AuditView;
import org.therapyops.api.model.CaptureView;
import org.therapyops.api.model.NoteInput;
import org.therapyops.api.model.NoteLineInput;
import org.therapyops.api.model.NoteView;
import org.therapyops.api.problem.ApiProblemException;
import org.therapyops.api.problem.Problem;
import org.therapyops.api.problem.ProblemBodyProvider;
import org.therapyops.api.problem.ProblemType;
import org.therapyops.api.security.Caller;
import org.therapyops.api.security.Role;
import org.therapyops.billing.Addendum;
import org.therapyops.billing.AssistantInvolvement;
import org.therapyops.billing.Note;
import org.therapyops.billing.NoteStatus;
import org.therapyops.billing.ServiceLine;
import org.therapyops.billing.TelehealthMode;
import org.therapyops.billing.charges.ChargeCapture;
import org.therapyops.domain.Appointment;
import org.therapyops.domain.AppointmentStatus;
import org.therapyops.domain.AuditEntry;
import org.therapyops.domain.Provider;
import org.therapyops.dynamodb.DuplicateIdException;
import org.therapyops.ports.AppointmentRepository;
import org.therapyops.ports.ClaimRepository;
import org.therapyops.ports.NoteRepository;
import org.therapyops.ports.PracticeRepository;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Clinical notes. A clinician writes a draft for an appointment of the practice, replaces it under If-Match,
 * and the rendering clinician (the appointment's provider, or their supervisor) signs it. Signing is the change
 * the Notes stream feeds to charge capture; a signed note changes only by addendum, which does not touch charges.
 */
@Controller("/notes")
@Tag(name = "Notes")
@OpenApiResponses.Authenticated
public class NoteController {

    static final int MAX_LINES = 100;
    static final int MAX_ADDENDUM = 10_000;

    private final PracticeRepository practice;
    private final AppointmentRepository appointments;
    private final NoteRepository notes;
    private final ClaimRepository claims;
    private final Clock clock;
    private final Diagnoses diagnoses;

    public NoteController(PracticeRepository practice, AppointmentRepository appointments, NoteRepository notes,
                          ClaimRepository claims, Clock clock, Diagnoses diagnoses) {
        this.practice = practice;
        this.appointments = appointments;
        this.notes = notes;
        this.claims = claims;
        this.clock = clock;
        this.diagnoses = diagnoses;
    }

    @Post
    @Operation(operationId = "createNote", summary = "Write a draft note for an appointment (one note per appointment)")
    @Status(HttpStatus.CREATED)
    @OpenApiResponses.Created
    @OpenApiResponses.JsonBody
    @ApiResponse(responseCode = "409", description = "conflict: the appointment has a note already; appointment-not-held: it was cancelled or missed",
            content = @Content(mediaType = ProblemBodyProvider.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<NoteView> create(@Parameter(hidden = true) Caller caller, @Body NoteInput input) {
        caller.require(Role.CLINICIAN);
        if (input.appointmentId() == null || input.appointmentId().isBlank()) {
            throw ApiProblemException.invalid("appointmentId", "is required");
        }
        Appointment appointment = appointments.appointment(caller.practiceId(), input.appointmentId())
                .orElseThrow(() -> ApiProblemException.unknownReference("appointmentId", "appointment", input.appointmentId()));
        requireAuthor(caller, appointment.providerId(), "write its note");
        if (appointment.status() == AppointmentStatus.CANCELLED || appointment.status() == AppointmentStatus.NO_SHOW) {
            throw new ApiProblemException(ProblemType.APPOINTMENT_NOT_HELD, "Appointment " + appointment.id() + " is "
                    + appointment.status() + ": a session that did not take place has no note. Nothing was written.");
        }
        Note note = draft(caller, noteId(caller.practiceId(), appointment.id()), appointment, input, 1);
        try {
            notes.create(caller.practiceId(), note, audit(caller, note.id(), "CREATE", null, NoteStatus.DRAFT, null));
        } catch (DuplicateIdException e) {
            throw new ApiProblemException(ProblemType.CONFLICT, "Appointment " + appointment.id() + " has a note already: "
                    + note.id() + ". Nothing was written.");
        }
        return Responses.created("/notes/" + note.id(), NoteView.of(note), note.version());
    }

    @Get("/{noteId}")
    @Operation(summary = "Read a note")
    @OpenApiResponses.Versioned
    @OpenApiResponses.NotFound
    public HttpResponse<NoteView> note(@Parameter(hidden = true) Caller caller, @PathVariable String noteId) {
        caller.require(Role.CLINICIAN, Role.ADMIN, Role.BILLER);
        Note note = find(caller, noteId);
        return Responses.ok(NoteView.of(note), note.version());
    }

    @Get("/{noteId}/capture")
    @Operation(summary = "What charge capture made of the signed note: PENDING, CHARGED with its claims, NOTHING_BILLED "
            + "or REFUSED, with findings per line")
    @OpenApiResponses.NotFound
    @ApiResponse(responseCode = "409", description = "conflict: the note is a draft; charges are captured once it is signed",
            content = @Content(mediaType = ProblemBodyProvider.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public CaptureView capture(@Parameter(hidden = true) Caller caller, @PathVariable String noteId) {
        caller.require(Role.CLINICIAN, Role.ADMIN, Role.BILLER);
        Note note = find(caller, noteId);
        if (note.status() != NoteStatus.SIGNED) {
            throw new ApiProblemException(ProblemType.CONFLICT, "Note " + noteId + " is a draft: charges are captured once it is signed.");
        }
        return claims.captureRecord(caller.practiceId(), noteId).map(CaptureView::of).orElseGet(() -> CaptureView.pending(noteId));
    }

    @Get("/{noteId}/audit")
    @Operation(operationId = "noteAudit", summary = "The note's audit trail: creation, edits, signing, addenda")
    @OpenApiResponses.NotFound
    public List<AuditView> audit(@Parameter(hidden = true) Caller caller, @PathVariable String noteId) {
        caller.require(Role.CLINICIAN, Role.ADMIN, Role.BILLER);
        find(caller, noteId);
        return notes.audit(caller.practiceId(), noteId).stream().map(AuditView::of).toList();
    }

    @Put("/{noteId}")
    @Operation(operationId = "replaceNote", summary = "Replace a draft note (If-Match); a signed note changes only by addendum")
    @OpenApiResponses.Versioned
    @OpenApiResponses.NotFound
    @OpenApiResponses.JsonBody
    @ReplacedUnderIfMatch
    @ApiResponse(responseCode = "409", description = "note-signed: the note is signed; it changes only by addendum",
            content = @Content(mediaType = ProblemBodyProvider.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<NoteView> replace(@Parameter(hidden = true) Caller caller, @PathVariable String noteId,
                                          @Parameter(description = OpenApiResponses.IF_MATCH_DESCRIPTION, example = "\"1\"")
                                          @Header(value = Preconditions.IF_MATCH, defaultValue = "") String ifMatch, @Body NoteInput input) {
        caller.require(Role.CLINICIAN);
        Note current = find(caller, noteId);
        requireAuthor(caller, current.renderingProviderId(), "change its draft");
        requireDraft(current);
        long expected = Preconditions.expectedVersion(ifMatch);
        Preconditions.requireVersion("The note", current.version(), expected);
        if (input.appointmentId() != null && !input.appointmentId().equals(current.appointmentId())) {
            throw ApiProblemException.invalid("appointmentId", "cannot change: a note belongs to its appointment");
        }
        Appointment appointment = appointments.appointment(caller.practiceId(), current.appointmentId())
                .orElseThrow(() -> ApiProblemException.unknownReference("appointmentId", "appointment", current.appointmentId()));
        Note draft = draft(caller, current.id(), appointment, input, current.version());
        Note replaced = Preconditions.write("The note", () -> notes.replaceDraft(caller.practiceId(),
                draft.asDraft(current.createdAt(), current.createdBy(), current.version()), expected,
                audit(caller, noteId, "UPDATE", NoteStatus.DRAFT, NoteStatus.DRAFT, null)));
        return Responses.ok(NoteView.of(replaced), replaced.version());
    }

    @Post("/{noteId}/sign")
    @Operation(summary = "Sign the note (its rendering clinician or their supervisor only); it becomes immutable and is charged")
    @OpenApiResponses.Versioned
    @OpenApiResponses.NotFound
    @OpenApiResponses.Invalid
    @OpenApiResponses.OptionalIfMatch
    @ApiResponse(responseCode = "409", description = "note-signed: the note is signed already",
            content = @Content(mediaType = ProblemBodyProvider.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<NoteView> sign(@Parameter(hidden = true) Caller caller, @PathVariable String noteId,
                                       @Parameter(description = OpenApiResponses.OPTIONAL_IF_MATCH_DESCRIPTION, example = "\"1\"")
                                       @Nullable @Header(Preconditions.IF_MATCH) String ifMatch) {
        caller.require(Role.CLINICIAN);
        Note current = find(caller, noteId);
        requireDraft(current);
        requireAuthor(caller, current.renderingProviderId(), "sign it");
        if (current.diagnoses().isEmpty()) {
            throw ApiProblemException.invalid("diagnoses", "needs at least one diagnosis before signing");
        }
        if (current.lines().isEmpty()) {
            throw ApiProblemException.invalid("lines", "needs at least one service line before signing");
        }
        long expected = ifMatch == null ? current.version() : Preconditions.expectedVersion(ifMatch);
        Preconditions.requireVersion("The note", current.version(), expected);
        Note signed = Preconditions.write("The note", () -> notes.sign(caller.practiceId(), noteId,
                expected, caller.subject(), clock.instant(),
                audit(caller, noteId, "SIGN", NoteStatus.DRAFT, NoteStatus.SIGNED, null)));
        return Responses.ok(NoteView.of(signed), signed.version());
    }

    @Post("/{noteId}/addenda")
    @Operation(summary = "Add an addendum to a signed note (audited; charges are not changed)")
    @OpenApiResponses.Versioned
    @OpenApiResponses.NotFound
    @OpenApiResponses.JsonBody
    @ApiResponse(responseCode = "409", description = "conflict: the note is a draft; edit it instead",
            content = @Content(mediaType = ProblemBodyProvider.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<NoteView> addendum(@Parameter(hidden = true) Caller caller, @PathVariable String noteId,
                                           @Body AddendumInput input) {
        caller.require(Role.CLINICIAN);
        Note current = find(caller, noteId);
        if (current.status() != NoteStatus.SIGNED) {
            throw new ApiProblemException(ProblemType.CONFLICT, "Note " + noteId
                    + " is a draft: edit it instead of adding an addendum. Nothing was written.");
        }
        if (input.text() == null || input.text().isBlank()) {
            throw ApiProblemException.invalid("text", "is required");
        }
        if (input.text().length() > MAX_ADDENDUM) {
            throw ApiProblemException.invalid("text", "holds at most " + MAX_ADDENDUM + " characters");
        }
        Note amended = notes.addAddendum(caller.practiceId(), noteId, new Addendum(input.text(), caller.subject(), clock.instant()),
                audit(caller, noteId, "ADDENDUM", NoteStatus.SIGNED, NoteStatus.SIGNED, null));
        return Responses.ok(NoteView.of(amended), amended.version());
    }

    /**
     * A note is written, changed and signed by its rendering clinician (the token's subject is a provider id) or that
     * clinician's supervisor, never by another clinician; 403 otherwise.
     */
    private void requireAuthor(Caller caller, String renderingProviderId, String what) {
        if (caller.subject().equals(renderingProviderId)) {
            return;
        }
        Provider rendering = renderingProviderId == null ? null : practice.provider(caller.practiceId(), renderingProviderId).orElse(null);
        if (rendering == null || !caller.subject().equals(rendering.supervisorId())) {
            throw new ApiProblemException(ProblemType.FORBIDDEN, "Only the session's rendering clinician (" + renderingProviderId
                    + ") or their supervisor may " + what + ". Nothing was written.");
        }
    }

    /** One note per appointment: its id follows from the practice and the appointment, so a second draft is a 409. */
    static String noteId(String practiceId, String appointmentId) {
        return UUID.nameUUIDFromBytes(("note|" + practiceId + "|" + appointmentId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Validates the input and builds the draft (nothing is written). */
    private Note draft(Caller caller, String noteId, Appointment appointment, NoteInput input, long version) {
        List<String> codes = new ArrayList<>();
        List<String> given = input.diagnoses() == null ? List.of() : input.diagnoses();
        if (given.size() > Note.MAX_DIAGNOSES) {
            throw ApiProblemException.invalid("diagnoses", "holds at most " + Note.MAX_DIAGNOSES + " codes");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String code = given.get(i);
            if (!Note.isIcd10CmFormat(code)) {
                throw ApiProblemException.invalid("diagnoses[" + i + "]", "is not an ICD-10-CM code (e.g. M54.50)");
            }
            String normalized = Note.normalizeDiagnosis(code);
            if (!seen.add(normalized)) {
                throw ApiProblemException.invalid("diagnoses[" + i + "]", "repeats an earlier diagnosis");
            }
            diagnoses.requireBillable("diagnoses[" + i + "]", normalized, appointment.dateOfService());
            codes.add(normalized);
        }
        List<NoteLineInput> lineInputs = input.lines() == null ? List.of() : input.lines();
        if (lineInputs.size() > MAX_LINES) {
            throw ApiProblemException.invalid("lines", "holds at most " + MAX_LINES + " service lines");
        }
        List<ServiceLine> lines = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < lineInputs.size(); i++) {
            NoteLineInput l = lineInputs.get(i);
            String field = "lines[" + i + "]";
            if (l == null) {
                throw ApiProblemException.invalid(field, "is required");
            }
            if (l.code() == null || !l.code().matches("[0-9A-Z][0-9]{3}[0-9A-Z]")) {
                throw ApiProblemException.invalid(field + ".code", "must be a 5-character CPT or HCPCS code");
            }
            ServiceCodes.requireKnown(field + ".code", l.code());
            if (l.minutes() == null || l.minutes() < 0) {
                throw ApiProblemException.invalid(field + ".minutes", "must be zero or more");
            }
            if (l.minutes() > ChargeCapture.MAX_MINUTES_PER_LINE) {
                throw ApiProblemException.invalid(field + ".minutes", "must be at most " + ChargeCapture.MAX_MINUTES_PER_LINE);
            }
            total += l.minutes();
            String provider = l.renderingProviderId() == null || l.renderingProviderId().isBlank()
                    ? appointment.providerId() : l.renderingProviderId();
            if (!provider.equals(appointment.providerId()) && practice.provider(caller.practiceId(), provider).isEmpty()) {
                throw ApiProblemException.unknownReference(field + ".renderingProviderId", "provider", provider);
            }
            lines.add(new ServiceLine(l.code(), l.minutes(), provider,
                    l.assistant() == null ? AssistantInvolvement.NONE : l.assistant()));
        }
        if (total > ChargeCapture.MAX_MINUTES_PER_NOTE) {
            throw ApiProblemException.invalid("lines", "total " + total + " minutes; a day holds "
                    + ChargeCapture.MAX_MINUTES_PER_NOTE);
        }
        String placeOfService = input.placeOfService() == null ? "11" : input.placeOfService();
        if (!placeOfService.matches("[0-9]{2}")) {
            throw ApiProblemException.invalid("placeOfService", "must be a two-digit CMS place of service code");
        }
        TelehealthMode telehealth = input.telehealth() == null ? TelehealthMode.IN_PERSON : input.telehealth();
        return new Note(noteId, appointment.id(), appointment.patientId(), appointment.providerId(), NoteStatus.DRAFT,
                appointment.dateOfService(), placeOfService, telehealth, Boolean.TRUE.equals(input.patientAtHome()),
                codes, lines, List.of(), clock.instant(), caller.subject(), null, null, version);
    }

    private Note find(Caller caller, String noteId) {
        return notes.note(caller.practiceId(), noteId).orElseThrow(() -> ApiProblemException.notFound("Note", noteId));
    }

    private static void requireDraft(Note note) {
        if (note.status() == NoteStatus.SIGNED) {
            throw signed(note.id());
        }
    }

    private static ApiProblemException signed(String noteId) {
        return new ApiProblemException(ProblemType.NOTE_SIGNED, "Note " + noteId
                + " is signed: it changes only by addendum (POST /notes/" + noteId + "/addenda). Nothing was written.");
    }

    private AuditEntry audit(Caller caller, String noteId, String action, NoteStatus from, NoteStatus to, String reason) {
        return new AuditEntry(noteId, clock.instant(), caller.subject(), caller.role().claim(), action,
                from == null ? null : from.name(), to.name(), caller.requestId(), reason);
    }
}
