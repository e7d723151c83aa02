package org.therapyops.domain.alert;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class AlertEmailTest {

    private static final Alert ALERT = new Alert("alert-1", "practice-1", AlertType.LOW_REMAINING, 20, "auth-1", null,
            "patient-1", Alert.initials("Alex", "Demo"), "ACME-4711", LocalDate.of(2026, 12, 31), null,
            "Authorization ACME-4711 has 2 units of 10 units left (20% or less).", Instant.parse("2026-11-27T10:00:00Z"),
            AlertStatus.OPEN, null, null);

    @Test
    void carriesInitialsIdsTheThresholdAndALink() {
        AlertEmail email = AlertEmail.of(ALERT, "https://app.example/");

        assertThat(email.link()).isEqualTo("https://app.example/patients/patient-1/authorizations/auth-1");
        assertThat(email.subject()).contains("ACME-4711").contains("20%");
        assertThat(email.text()).contains("A.D.").contains("patient-1").contains("auth-1").contains("2026-12-31")
                .contains("alert-1").contains(email.link());
        assertThat(email.html()).contains("<a href=\"" + email.link() + "\">").contains("A.D.");
    }

    @Test
    void escapesHtml() {
        Alert odd = new Alert("a", "p", AlertType.EXHAUSTED, 0, "auth", null, "pt", null, "<b>&", null, null, "x <y>",
                Instant.EPOCH, AlertStatus.OPEN, null, null);
        assertThat(AlertEmail.of(odd, "https://app").html()).contains("&lt;b&gt;&amp;").doesNotContain("<b>&");
    }

    @Test
    void initialsAreTheOnlyPartOfTheName() {
        assertThat(Alert.initials("alex", "Demo")).isEqualTo("A.D.");
        assertThat(Alert.initials(null, "Demo")).isEqualTo("D.");
    }

    @Test
    void anAppointmentAlertWithoutAuthorizationLinksToTheAppointment() {
        Alert blocked = new Alert("a", "p", AlertType.APPOINTMENT_BLOCKED, 0, null, "appt-9", "pt", "A.D.", null, null,
                LocalDate.of(2026, 12, 3), "blocked", Instant.EPOCH, AlertStatus.OPEN, null, null);
        assertThat(AlertEmail.of(blocked, "https://app").link()).isEqualTo("https://app/appointments/appt-9");
    }
}
