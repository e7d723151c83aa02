package org.therapyops.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Put;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.therapyops.api.model.SettingsInput;
import org.therapyops.api.model.SettingsView;
import org.therapyops.api.problem.ApiProblemException;
import org.therapyops.api.problem.Problem;
import org.therapyops.api.problem.ProblemBodyProvider;
import org.therapyops.api.security.Caller;
import org.therapyops.api.security.Role;
import org.therapyops.domain.PracticeSettings;
import org.therapyops.ports.PracticeRepository;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The practice's settings: scheduling policy, override role, time zone, alert thresholds and recipients, reporting thresholds.
 * Every role reads them; only an admin replaces them. A practice that never saved any has the defaults, ETag "0".
 */
@Controller("/settings")
@Tag(name = "Practice settings")
@OpenApiResponses.Authenticated
public class SettingsController {

    static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
    private static final int MAX_RECIPIENTS_PER_ROLE = 20;

    private final PracticeRepository practice;

    public SettingsController(PracticeRepository practice) {
        this.practice = practice;
    }

    @Get
    @Operation(summary = "Read the practice's settings")
    @OpenApiResponses.Versioned
    public HttpResponse<SettingsView> settings(@Parameter(hidden = true) Caller caller) {
        PracticeSettings settings = practice.settings(caller.practiceId());
        return Responses.ok(SettingsView.of(settings), settings.version());
    }

    @Put
    @Operation(summary = "Replace the practice's settings")
    @ReplacedUnderIfMatch
    @OpenApiResponses.Versioned
    @OpenApiResponses.JsonBody
    public HttpResponse<SettingsView> updateSettings(@Parameter(hidden = true) Caller caller,
                                                     @Parameter(description = OpenApiResponses.IF_MATCH_DESCRIPTION, example = "\"1\"")
                                                     
                                                     @Header(value = Preconditions.IF_MATCH, defaultValue = "") String ifMatch,
                                                     @Valid @Body SettingsInput input) {
        caller.require(Role.ADMIN);
        PracticeSettings saved = Preconditions.save("The practice's settings", ifMatch, version -> settings(input, version),
                (settings, expected) -> practice.saveSettings(caller.practiceId(), settings, expected)).value();
        return Responses.ok(SettingsView.of(saved), saved.version());
    }

    private static PracticeSettings settings(SettingsInput input, long version) {
        Set<String> roles = new HashSet<>(Arrays.stream(Role.values()).map(Role::claim).toList());
        if (!roles.contains(input.overrideRole())) {
            throw ApiProblemException.invalid("overrideRole", "must be one of the roles " + String.join(", ", sorted(roles)));
        }
        if (!ZoneId.getAvailableZoneIds().contains(input.timeZone())) {
            throw ApiProblemException.invalid("timeZone", "must be an IANA time zone such as America/New_York");
        }
        List<Integer> expiryDays = input.alerts().expiryDays();
        if (new HashSet<>(expiryDays).size() != expiryDays.size()) {
            throw ApiProblemException.invalid("alerts.expiryDays", "must not repeat a number of days");
        }
        Map<String, List<String>> recipients = new LinkedHashMap<>();
        if (input.recipientsByRole() != null) {
            for (Map.Entry<String, List<String>> entry : input.recipientsByRole().entrySet()) {
                String field = "recipientsByRole." + entry.getKey();
                if (!roles.contains(entry.getKey())) {
                    throw ApiProblemException.invalid("recipientsByRole", "must be keyed by the roles " + String.join(", ", sorted(roles)));
                }
                List<String> addresses = entry.getValue() == null ? List.of() : entry.getValue();
                if (addresses.size() > MAX_RECIPIENTS_PER_ROLE) {
                    throw ApiProblemException.invalid(field, "must list at most " + MAX_RECIPIENTS_PER_ROLE + " addresses");
                }
                for (String address : addresses) {
                    if (address == null || address.length() > 254 || !EMAIL.matcher(address).matches()) {
                        throw ApiProblemException.invalid(field, "must list well-formed email addresses");
                    }
                }
                recipients.put(entry.getKey(), List.copyOf(addresses));
            }
        }
        SettingsInput.Alerts a = input.alerts();
        return new PracticeSettings(input.schedulingPolicy(), input.overrideRole(), input.timeZone(),
                new PracticeSettings.AlertThresholds(expiryDays.stream().sorted((x, y) -> y - x).toList(), a.remainingPercent(),
                        a.visitsLeft(), a.exhausted(), a.overScheduled(), a.appointmentBlocked()), recipients,
                input.reporting() == null ? PracticeSettings.ReportingThresholds.DEFAULTS : input.reporting().thresholds(), version);
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }
}
