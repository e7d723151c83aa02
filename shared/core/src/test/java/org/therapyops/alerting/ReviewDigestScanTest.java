package org.therapyops.alerting;

import org.junit.jupiter.api.Test;
import org.therapyops.billing.review.ClaimForReview;
import org.therapyops.billing.scrub.Finding;
import org.therapyops.billing.scrub.Severity;
import org.therapyops.domain.PracticeSettings;
import org.therapyops.domain.alert.Alert;
import org.therapyops.ports.AlertRepository;
import org.therapyops.ports.ClaimsNeedingReview;
import org.therapyops.ports.PracticeRepository;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The daily run: one digest per practice with claims needing review and practice-local day, whatever the reruns. */
class ReviewDigestScanTest {

    // 03:00 UTC on the 21st is 23:00 on the 20th in New York and 05:00 on the 21st in Berlin.
    private static final Instant RUN = Instant.parse("2026-06-21T03:00:00Z");

    private final Map<String, Alert> stored = new LinkedHashMap<>();
    private final Set<String> queued = new HashSet<>();
    private final List<String> sent = new ArrayList<>();
    private final Map<String, List<ClaimForReview>> needingReview = new LinkedHashMap<>();
    private final Map<String, String> timeZones = Map.of("ny", "America/New_York", "berlin", "Europe/Berlin");

    private final AlertRepository alerts = proxy(AlertRepository.class, (method, args) -> switch (method) {
        case "putIfAbsent" -> stored.putIfAbsent(((Alert) args[0]).id(), (Alert) args[0]) == null;
        case "queued" -> queued.contains((String) args[1]);
        case "markQueued" -> queued.add((String) args[1]);
        default -> throw new UnsupportedOperationException(method);
    });
    private final PracticeRepository practice = proxy(PracticeRepository.class, (method, args) -> switch (method) {
        case "settings" -> {
            String zone = timeZones.get((String) args[0]);
            if (zone == null) {
                throw new IllegalStateException("settings unreadable");
            }
            PracticeSettings d = PracticeSettings.defaults();
            yield new PracticeSettings(d.schedulingPolicy(), d.overrideRole(), zone, d.alerts(), d.recipientsByRole(), 1);
        }
        default -> throw new UnsupportedOperationException("the digest looks up no " + method);
    });
    private final ClaimsNeedingReview claims = each -> needingReview.forEach(each);

    private ReviewDigestScan scan(Instant at) {
        Clock clock = Clock.fixed(at, ZoneOffset.UTC);
        AlertRaiser raiser = new AlertRaiser(practice, alerts, (p, id) -> sent.add(p + "/" + id), (first, last) -> List.of(), clock);
        return new ReviewDigestScan(practice, claims, raiser, clock);
    }

    private static ClaimForReview claim(String id) {
        return new ClaimForReview(id, LocalDate.of(2026, 6, 15), "Medicare Part B", new BigDecimal("90"),
                List.of(new Finding("DISCIPLINE_MODIFIER", Severity.ERROR, "lines[0].modifiers", "m", "h")));
    }

    @Test
    void eachPracticeGetsOneDigestOfItsOwnClaimsForItsLocalDate() {
        needingReview.put("ny", List.of(claim("ny-1"), claim("ny-2")));
        needingReview.put("berlin", List.of(claim("berlin-1")));

        AlertRaiser.ScanResult result = scan(RUN).run();

        assertThat(result).isEqualTo(new AlertRaiser.ScanResult(2, 2, 0));
        assertThat(stored.values()).extracting(Alert::practiceId).containsExactly("ny", "berlin");
        Alert ny = stored.values().stream().filter(a -> a.practiceId().equals("ny")).findFirst().orElseThrow();
        Alert berlin = stored.values().stream().filter(a -> a.practiceId().equals("berlin")).findFirst().orElseThrow();
        assertThat(ny.reviewDigest().asOf()).isEqualTo(LocalDate.of(2026, 6, 20));
        assertThat(berlin.reviewDigest().asOf()).isEqualTo(LocalDate.of(2026, 6, 21));
        assertThat(ny.reviewDigest().claims()).extracting(c -> c.claimId()).containsExactly("ny-1", "ny-2");
        assertThat(berlin.reviewDigest().claims()).extracting(c -> c.claimId()).containsExactly("berlin-1");
        assertThat(sent).containsExactly("ny/" + ny.id(), "berlin/" + berlin.id());
    }

    @Test
    void aRerunTheSameLocalDayQueuesNothingAndTheNextDayQueuesAgain() {
        needingReview.put("ny", List.of(claim("ny-1")));
        scan(RUN).run();
        AlertRaiser.ScanResult again = scan(RUN.plusSeconds(1800)).run();   // 23:30 in New York, the same date

        assertThat(again).isEqualTo(new AlertRaiser.ScanResult(1, 0, 0));
        assertThat(sent).hasSize(1);

        scan(RUN.plusSeconds(24 * 3600)).run();
        assertThat(sent).hasSize(2);
        assertThat(stored).hasSize(2);
    }

    @Test
    void noPracticeWithClaimsNeedingReviewMeansNoDigest() {
        assertThat(scan(RUN).run()).isEqualTo(new AlertRaiser.ScanResult(0, 0, 0));
        assertThat(stored).isEmpty();
        assertThat(sent).isEmpty();
    }

    @Test
    void aPracticeThatFailsDoesNotStopTheOthersAndFailsTheRun() {
        needingReview.put("unreadable", List.of(claim("u-1")));
        needingReview.put("ny", List.of(claim("ny-1")));

        assertThat(scan(RUN).run()).isEqualTo(new AlertRaiser.ScanResult(2, 1, 1));
        assertThat(stored.values()).extracting(Alert::practiceId).containsExactly("ny");
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
