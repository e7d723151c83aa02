package org.therapyops.domain.alert;

import org.junit.jupiter.api.Test;
import org.therapyops.domain.PracticeSettings;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Authorization alerts go to every recipient; the review digest to the billers, else the admins. */
class AlertRecipientsTest {

    private static PracticeSettings settings(Map<String, List<String>> recipients) {
        PracticeSettings d = PracticeSettings.defaults();
        return new PracticeSettings(d.schedulingPolicy(), d.overrideRole(), d.timeZone(), d.alerts(), recipients, 1);
    }

    private static final PracticeSettings ALL = settings(Map.of("admin", List.of("owner@clinic.example"),
            "front_desk", List.of("desk@clinic.example"), "clinician", List.of("pt@clinic.example"),
            "biller", List.of("billing@clinic.example", "billing2@clinic.example")));

    @Test
    void authorizationAlertsGoToEveryRecipient() {
        for (AlertType type : AlertType.values()) {
            if (type != AlertType.CLAIMS_NEED_REVIEW && type != AlertType.WEEKLY_REPORT) {
                assertThat(AlertRecipients.of(type, ALL)).containsExactlyInAnyOrder("owner@clinic.example",
                        "desk@clinic.example", "pt@clinic.example", "billing@clinic.example", "billing2@clinic.example");
            }
        }
    }

    @Test
    void theReviewDigestGoesToTheBillersOnly() {
        assertThat(AlertRecipients.of(AlertType.CLAIMS_NEED_REVIEW, ALL))
                .containsExactly("billing@clinic.example", "billing2@clinic.example");
    }

    @Test
    void withoutBillersTheReviewDigestGoesToTheAdminsAndWithoutEitherToNobody() {
        assertThat(AlertRecipients.of(AlertType.CLAIMS_NEED_REVIEW, settings(Map.of("admin", List.of("owner@clinic.example"),
                "front_desk", List.of("desk@clinic.example"), "biller", List.of())))).containsExactly("owner@clinic.example");
        assertThat(AlertRecipients.of(AlertType.CLAIMS_NEED_REVIEW, settings(Map.of("front_desk", List.of("desk@clinic.example")))))
                .isEmpty();
    }
}
