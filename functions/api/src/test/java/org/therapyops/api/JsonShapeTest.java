package org.therapyops.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.therapyops.api.model.AuthorizationView;
import org.therapyops.api.model.CaptureView;
import org.therapyops.api.model.UtilizationView;
import org.therapyops.domain.Authorization;
import org.therapyops.domain.Discipline;
import org.therapyops.domain.UnitType;
import org.therapyops.testing.Moto;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an SPA parses, with the API function's own JSON mapper: numbers are plain JSON numbers (never 1E+1), and list
 * fields are always present, empty rather than missing.
 */
class JsonShapeTest {

    private static ApplicationContext context;
    private static JsonMapper json;

    @BeforeAll
    static void start() {
        Moto moto = Moto.shared();
        context = ApiEvents.context(moto, moto.createTables(), moto.createBillingTables(), "http://unused", "http://unused");
        json = context.getBean(JsonMapper.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    private static JsonNode write(Object view) throws Exception {
        return ApiEvents.JSON.readTree(json.writeValueAsString(view));
    }

    @Test
    void quantitiesAreWrittenAsPlainNumbers() throws Exception {
        Authorization authorization = new Authorization("auth-1", "patient-1", "coverage-1", "A-1", Set.of("97110"), UnitType.VISITS,
                10, 0, 0, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), Discipline.PT, Instant.EPOCH, 1);
        String text = json.writeValueAsString(AuthorizationView.of(authorization));
        assertThat(text).contains("\"authorized\":10").doesNotContain("E+");
        assertThat(write(AuthorizationView.of(authorization)).get("authorized").isIntegralNumber()).isTrue();
    }

    @Test
    void emptyListsArePresent() throws Exception {
        JsonNode pending = write(CaptureView.pending("note-1"));
        assertThat(pending.get("claimIds")).isNotNull().isEmpty();
        assertThat(pending.get("findings")).isNotNull().isEmpty();
        JsonNode report = write(new UtilizationView(LocalDate.of(2026, 12, 6), 0, List.of()));
        assertThat(report.get("items")).isNotNull().isEmpty();
    }
}
