package org.therapyops.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.therapyops.api.model.ReportView;
import org.therapyops.api.problem.ApiProblemException;
import org.therapyops.api.problem.Problem;
import org.therapyops.api.problem.ProblemBodyProvider;
import org.therapyops.api.security.Caller;
import org.therapyops.api.security.Role;
import org.therapyops.reporting.ReportName;
import org.therapyops.reporting.service.ReportQueries;
import org.therapyops.reporting.ReportTable;
import org.therapyops.reporting.WorkItem;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The practice's reports, read from the reporting table only (never a scan of the source tables), for the caller's
 * practice only. Admins and billers read every report; front desk the attendance report and the leakage lists of
 * sessions, notes and authorizations (no claims); clinicians the leakage lists of sessions and notes.
 */
@Controller("/reports")
@Tag(name = "Reports")
@OpenApiResponses.Authenticated
public class ReportController {

    static final String CSV = "text/csv";

    /** The leakage kinds each role other than admin and biller sees. */
    static final Map<Role, Set<WorkItem.Kind>> LEAKAGE_KINDS = Map.of(
            Role.FRONT_DESK, EnumSet.of(WorkItem.Kind.NOTE_MISSING, WorkItem.Kind.CLAIM_MISSING, WorkItem.Kind.EXPIRING),
            Role.CLINICIAN, EnumSet.of(WorkItem.Kind.NOTE_MISSING, WorkItem.Kind.CLAIM_MISSING));

    private final ReportQueries reports;

    public ReportController(ReportQueries reports) {
        this.reports = reports;
    }

    @Get("/{name}")
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @Operation(summary = "A report for a practice-local date range: summary, claims, denials, ar, collections, lags, leakage, "
            + "leakage-items, attendance or productivity; JSON, or CSV with Accept: text/csv",
            description = "from and to are practice-local dates, both included, at most 24 months apart (default: the 30 days "
                    + "ending today). groupBy depends on the report: claims (none, payer, provider), denials (carc, payer, none), "
                    + "ar and collections (none, payer), lags (none, payer, provider), attendance (none, provider), productivity "
                    + "(provider, discipline, none), leakage and leakage-items (kind). A/R, aging and leakage are as of today.")
    @ApiResponse(responseCode = "200", description = "The report; the same rows and values in JSON and CSV", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReportView.class)),
            @Content(mediaType = CSV, schema = @Schema(type = "string"))})
    @ApiResponse(responseCode = "400", description = "malformed-request: an unknown report or groupBy, to before from, a range "
            + "over 24 months, or a date that is not one; errors[].field names it", content = @Content(mediaType = ProblemBodyProvider.PROBLEM_JSON,
            schema = @Schema(implementation = Problem.class)))
    @OpenApiResponses.NotFound
    public HttpResponse<?> report(@Parameter(hidden = true) Caller caller, @PathVariable String name,
                                  @Nullable @QueryValue LocalDate from, @Nullable @QueryValue LocalDate to,
                                  @Nullable @QueryValue String groupBy,
                                  @Parameter(hidden = true) @Nullable @Header(HttpHeaders.ACCEPT) String accept) {
        ReportName report = ReportName.of(name).orElseThrow(() -> ApiProblemException.badQuery("name",
                "names no report; the reports are " + String.join(", ", ReportName.slugs())));
        requireRole(caller, report);
        ReportTable table = reports.report(caller.practiceId(), name, from, to, groupBy);
        Set<WorkItem.Kind> kinds = LEAKAGE_KINDS.get(caller.role());
        if (kinds != null && (report == ReportName.LEAKAGE || report == ReportName.LEAKAGE_ITEMS)) {
            table = table.filterRows(row -> kinds.stream().anyMatch(k -> k.name().equals(row.group())));
        }
        if (accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains(CSV)) {
            return HttpResponse.ok(table.toCsv()).contentType(MediaType.of(CSV + ";charset=utf-8"))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + report.slug() + "-" + (report.asOfToday()
                            ? String.valueOf(table.asOf()) : table.query().from() + "-" + table.query().to()) + ".csv\"");
        }
        return HttpResponse.ok(ReportView.of(table)).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    private static void requireRole(Caller caller, ReportName report) {
        switch (report) {
            case LEAKAGE, LEAKAGE_ITEMS -> caller.require(Role.ADMIN, Role.BILLER, Role.FRONT_DESK, Role.CLINICIAN);
            case ATTENDANCE -> caller.require(Role.ADMIN, Role.BILLER, Role.FRONT_DESK);
            default -> caller.require(Role.ADMIN, Role.BILLER);
        }
    }
}
