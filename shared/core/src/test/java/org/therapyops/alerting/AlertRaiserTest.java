package org.therapyops.alerting;

import org.junit.jupiter.api.Test;
import org.therapyops.domain.Patient;
import org.therapyops.domain.PracticeSettings;
import org.therapyops.domain.UnitType;
import org.therapyops.domain.alert.Alert;
import org.therapyops.domain.alert.AlertStatus;
import org.therapyops.domain.alert.AuthorizationImage;
import org.therapyops.ports.AlertNotifications;
import org.therapyops.ports.AlertRepository;
import org.therapyops.ports.PracticeRepository;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Raising is exactly once per alert: redelivery queues nothing; a crash between put and send is repaired. */
class AlertRaiserTest {

    private static final String PRACTICE = "practice-1";
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);
    private final Map<String, Alert> stored = new HashMap<>();
    private final Set<String> queued = new HashSet<>();
    private final List<String> sent = new ArrayList<>();

    private final AlertRepository alerts = proxy(AlertRepository.class, (method, args) -> switch (method) {
        case "putIfAbsent" -> stored.putIfAbsent(((Alert) args[0]).id(), (Alert) args[0]) == null;
        case "queued" -> queued.contains((String) args[1]);
        case "markQueued" -> queued.add((String) args[1]);
        default -> throw new UnsupportedOperationException(method);
    });
    private final PracticeRepository practice = proxy(PracticeRepository.class, (method, args) -> switch (method) {
        case "settings" -> PracticeSettings.defaults();
        case "patient" -> Optional.of(new Patient("patient-1", "Alex", "Demo", LocalDate.of(1958, 4, 12), "F", Instant.EPOCH, 1));
        default -> throw new UnsupportedOperationException(method);
    });
    private final AlertNotifications notifications = (practiceId, alertId) -> sent.add(alertId);
    private final AlertRaiser raiser = new AlertRaiser(practice, alerts, notifications, (first, last) -> List.of(), clock);

    private static AuthorizationImage image(long remaining, long version) {
        return new AuthorizationImage("auth-1", "patient-1", "ACME-1", UnitType.UNITS, 10, remaining, LocalDate.of(2027, 1, 31), version);
    }

    @Test
    void aCrossingIsStoredWithInitialsAndQueuedOnce() {
        assertThat(raiser.authorizationChanged(PRACTICE, image(3, 4), image(2, 5))).isEqualTo(1);
        assertThat(raiser.authorizationChanged(PRACTICE, image(3, 4), image(2, 5))).as("redelivered").isZero();

        assertThat(stored).hasSize(1);
        Alert alert = stored.values().iterator().next();
        assertThat(alert.patientInitials()).isEqualTo("A.D.");
        assertThat(alert.message()).doesNotContain("Alex").doesNotContain("Demo");
        assertThat(sent).containsExactly(alert.id());
    }

    @Test
    void anAlertStoredButNeverQueuedIsQueuedOnRedelivery() {
        Alert fired = new Alert("x", PRACTICE, org.therapyops.domain.alert.AlertType.EXHAUSTED, 0, "auth-1", null, "patient-1",
                null, "ACME-1", null, null, "m", clock.instant(), AlertStatus.OPEN, null, null);
        stored.put("x", fired); // the put happened, then the function crashed before sending

        assertThat(raiser.raise(fired)).isFalse();
        assertThat(raiser.raise(fired)).isFalse();

        assertThat(sent).containsExactly("x");
        assertThat(queued).containsExactly("x");
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
