package org.therapyops.scheduling;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.therapyops.domain.Reason;
import org.therapyops.domain.ReasonCode;
import org.therapyops.domain.SchedulingPolicy;
import org.therapyops.domain.authorization.AuthorizationDecision.Refuse;
import org.therapyops.domain.authorization.AuthorizationDecision.Reserve;
import org.therapyops.domain.authorization.AuthorizationDecision.ScheduleWithWarnings;
import org.therapyops.domain.authorization.AuthorizationDecision;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The practice's scheduling policy applied to the authorization check's verdict ({@link AuthorizationCheckService#applyPolicy}). */
class SchedulingPolicyTest {

    private static final Reason SHORT = new Reason(ReasonCode.INSUFFICIENT_UNITS,
            "Authorization PA-1 has 1 units left; the session needs 3.",
            Map.of("authorizationId", "auth-1", "needed", "3", "remaining", "1"));
    private static final Reason SHORT_SECONDARY = new Reason(ReasonCode.INSUFFICIENT_UNITS,
            "Authorization PA-2 has 0 units left; the session needs 3.",
            Map.of("authorizationId", "auth-2", "needed", "3", "remaining", "0"));
    private static final Reason OUTSIDE = new Reason(ReasonCode.DATE_OUTSIDE_WINDOW,
            "The date of service 2027-01-04 is outside every authorization for 97110 (nearest: 2026-01-01 to 2026-12-31).",
            Map.of("authorizationId", "auth-1", "dateOfService", "2027-01-04", "startDate", "2026-01-01",
                    "endDate", "2026-12-31"));

    @Test
    void warnSchedulesARefusalWithItsReasonsAsWarnings() {
        AuthorizationDecision decided = AuthorizationCheckService.applyPolicy(SchedulingPolicy.WARN,
                new Refuse(List.of(SHORT, SHORT_SECONDARY)));

        assertThat(decided).isInstanceOf(ScheduleWithWarnings.class);
        assertThat(((ScheduleWithWarnings) decided).warnings()).containsExactly(SHORT, SHORT_SECONDARY);
    }

    @Test
    void warnKeepsTheDetailsStaffSee() {
        AuthorizationDecision decided = AuthorizationCheckService.applyPolicy(SchedulingPolicy.WARN, new Refuse(List.of(OUTSIDE)));

        Reason warning = ((ScheduleWithWarnings) decided).warnings().get(0);
        assertThat(warning.code()).isEqualTo(ReasonCode.DATE_OUTSIDE_WINDOW);
        assertThat(warning.message()).isEqualTo(OUTSIDE.message());
        assertThat(warning.details()).isEqualTo(OUTSIDE.details());
    }

    @Test
    void blockKeepsTheRefusal() {
        Refuse refuse = new Refuse(List.of(SHORT, SHORT_SECONDARY));

        AuthorizationDecision decided = AuthorizationCheckService.applyPolicy(SchedulingPolicy.BLOCK, refuse);

        assertThat(decided).isInstanceOf(Refuse.class).isEqualTo(refuse);
        assertThat(((Refuse) decided).reasons()).containsExactly(SHORT, SHORT_SECONDARY);
    }

    @ParameterizedTest(name = "a reservation stays a reservation under {0}")
    @EnumSource(SchedulingPolicy.class)
    void aReservationIsUntouched(SchedulingPolicy policy) {
        Reserve reserve = new Reserve("auth-1", 3, "Reserved 3 units of authorization PA-1.");

        assertThat(AuthorizationCheckService.applyPolicy(policy, reserve)).isEqualTo(reserve);
    }
}
