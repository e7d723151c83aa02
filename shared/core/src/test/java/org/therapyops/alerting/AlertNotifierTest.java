package org.therapyops.alerting;

import org.junit.jupiter.api.Test;
import org.therapyops.domain.PracticeSettings;
import org.therapyops.domain.alert.Alert;
import org.therapyops.domain.alert.AlertEmail;
import org.therapyops.domain.alert.AlertStatus;
import org.therapyops.domain.alert.AlertType;
import org.therapyops.domain.alert.ReviewDigest;
import org.therapyops.ports.AlertMailer;
import org.therapyops.ports.AlertRepository;
import org.therapyops.ports.PracticeRepository;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Whom the notifier emails: every recipient for an authorization alert, the billers (else admins) for a digest. */
class AlertNotifierTest {

    private static final Instant NOW = Instant.parse("2026-06-20T11:00:00Z");
    private static final Alert EXHAUSTED = new Alert("auth-alert", "p", AlertType.EXHAUSTED, 0, "auth-1", null, "patient-1",
            "A.D.", "ACME-1", null, null, "Authorization ACME-1 has nothing left.", NOW, AlertStatus.OPEN, null, null);
    private static final Alert DIGEST = new Alert("digest", "p", AlertType.CLAIMS_NEED_REVIEW, 0, null, null, null, null, null,
            null, null, "1 claim needs review before it can be submitted.", NOW, AlertStatus.OPEN, null, null,
            new ReviewDigest(LocalDate.of(2026, 6, 20), 1, List.of(new ReviewDigest.ClaimLine("claim-1",
                    LocalDate.of(2026, 6, 15), "Medicare Part B", new BigDecimal("90"), List.of(), 0)), Map.of()));

    private final List<List<String>> sentTo = new ArrayList<>();
    private final List<AlertEmail> sent = new ArrayList<>();
    private final List<AlertRepository.EmailState> marked = new ArrayList<>();
    private final List<Instant> leases = new ArrayList<>();

    private AlertNotifier notifier(Alert alert, Map<String, List<String>> recipients) {
        return notifier(alert, recipients, AlertNotifier.LEASE);
    }

    private AlertNotifier notifier(Alert alert, Map<String, List<String>> recipients, java.time.Duration lease) {
        AlertRepository alerts = proxy(AlertRepository.class, (method, args) -> switch (method) {
            case "claimEmail" -> {
                leases.add((Instant) args[3]);
                yield AlertRepository.EmailClaim.CLAIMED;
            }
            case "alert" -> Optional.of(alert);
            case "markEmail" -> marked.add((AlertRepository.EmailState) args[2]);
            default -> throw new UnsupportedOperationException(method);
        });
        PracticeSettings d = PracticeSettings.defaults();
        PracticeRepository practice = proxy(PracticeRepository.class, (method, args) -> switch (method) {
            case "settings" -> new PracticeSettings(d.schedulingPolicy(), d.overrideRole(), d.timeZone(), d.alerts(), recipients, 1);
            default -> throw new UnsupportedOperationException(method);
        });
        AlertMailer mailer = (to, email) -> {
            sentTo.add(to);
            sent.add(email);
            return "message-1";
        };
        return new AlertNotifier(alerts, practice, mailer, "https://app.example", Clock.fixed(NOW, ZoneOffset.UTC), lease);
    }

    private static final Map<String, List<String>> EVERYONE = Map.of("admin", List.of("owner@clinic.example"),
            "front_desk", List.of("desk@clinic.example"), "biller", List.of("billing@clinic.example"));

    @Test
    void anAuthorizationAlertGoesToEveryRecipient() {
        assertThat(notifier(EXHAUSTED, EVERYONE).notify("p", "auth-alert")).isEqualTo(AlertNotifier.Outcome.SENT);
        assertThat(sentTo).singleElement().satisfies(to -> assertThat(to)
                .containsExactlyInAnyOrder("owner@clinic.example", "desk@clinic.example", "billing@clinic.example"));
    }

    @Test
    void theSendingLeaseIsTheOneConfiguredTwoMinutesByDefault() {
        notifier(EXHAUSTED, EVERYONE).notify("p", "auth-alert");
        notifier(EXHAUSTED, EVERYONE, java.time.Duration.ofSeconds(5)).notify("p", "auth-alert");
        assertThat(leases).containsExactly(NOW.plusSeconds(120), NOW.plusSeconds(5));
    }

    @Test
    void theReviewDigestGoesToTheBillersWithItsClaims() {
        assertThat(notifier(DIGEST, EVERYONE).notify("p", "digest")).isEqualTo(AlertNotifier.Outcome.SENT);
        assertThat(sentTo).containsExactly(List.of("billing@clinic.example"));
        assertThat(sent.get(0).text()).contains("claim-1", "https://app.example/claims/claim-1");
        assertThat(marked).containsExactly(AlertRepository.EmailState.SENT);
    }

    @Test
    void theReviewDigestOfAPracticeWithoutBillersGoesToItsAdminsAndWithoutEitherNowhere() {
        notifier(DIGEST, Map.of("admin", List.of("owner@clinic.example"), "front_desk", List.of("desk@clinic.example")))
                .notify("p", "digest");
        assertThat(sentTo).containsExactly(List.of("owner@clinic.example"));

        assertThat(notifier(DIGEST, Map.of("front_desk", List.of("desk@clinic.example"))).notify("p", "digest"))
                .isEqualTo(AlertNotifier.Outcome.NO_RECIPIENTS);
        assertThat(sentTo).hasSize(1);
        assertThat(marked).containsExactly(AlertRepository.EmailState.SENT, AlertRepository.EmailState.NO_RECIPIENTS);
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Answer answer) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (p, method, args) -> answer.answer(method.getName(), args));
    }
}
