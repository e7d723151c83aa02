package org.therapyops.api;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.therapyops.api.model.PatientBalanceView;
import org.therapyops.api.problem.ApiProblemException;
import org.therapyops.api.problem.Problem;
import org.therapyops.api.problem.ProblemBodyProvider;
import org.therapyops.api.security.Caller;
import org.therapyops.api.security.Role;
import org.therapyops.billing.ClaimBalance;
import org.therapyops.billing.StoredClaim;
import org.therapyops.ports.ClaimRepository;
import org.therapyops.ports.PracticeRepository;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** A patient's balance as the remittances posted to their claims leave it (read from the claims, never stored apart). */
@Controller("/patients/{patientId}/balance")
@Tag(name = "Claims")
@OpenApiResponses.Authenticated
public class PatientBalanceController {

    private final ClaimRepository claims;
    private final PracticeRepository practice;

    public PatientBalanceController(ClaimRepository claims, PracticeRepository practice) {
        this.claims = claims;
        this.practice = practice;
    }

    @Get
    @Operation(summary = "What the patient owes (patient responsibility from 835s) and what payers still owe, claim by claim")
    @OpenApiResponses.NotFound
    public PatientBalanceView balance(@Parameter(hidden = true) Caller caller, @PathVariable String patientId) {
        caller.require(Role.BILLER, Role.ADMIN, Role.FRONT_DESK);
        practice.patient(caller.practiceId(), patientId).orElseThrow(() -> ApiProblemException.notFound("Patient", patientId));
        List<PatientBalanceView.ClaimBalance> lines = new ArrayList<>();
        BigDecimal patientTotal = BigDecimal.ZERO;
        BigDecimal insuranceTotal = BigDecimal.ZERO;
        String cursor = null;
        do {
            PracticeRepository.Page<StoredClaim> page = claims.listOfPatient(caller.practiceId(), patientId, null, 100, cursor);
            for (StoredClaim claim : page.items()) {
                if (!claim.status().sent()) {
                    continue;
                }
                ClaimBalance owed = ClaimBalance.of(claim);
                BigDecimal charge = claim.claim().totalCharge();
                BigDecimal patient = owed.patient();
                BigDecimal insurance = owed.insurance();
                lines.add(new PatientBalanceView.ClaimBalance(claim.claim().id(), claim.claim().dateOfService(), claim.status().name(),
                        charge, patient, insurance));
                patientTotal = patientTotal.add(patient);
                insuranceTotal = insuranceTotal.add(insurance);
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return new PatientBalanceView(patientId, patientTotal, insuranceTotal, lines);
    }
}
