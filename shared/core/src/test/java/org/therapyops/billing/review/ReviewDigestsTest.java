package org.therapyops.billing.review;

import org.junit.jupiter.api.Test;
import org.therapyops.billing.scrub.Finding;
import org.therapyops.billing.scrub.Severity;
import org.therapyops.domain.alert.Alert;
import org.therapyops.domain.alert.AlertEmail;
import org.therapyops.domain.alert.AlertType;
import org.therapyops.domain.alert.ReviewDigest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** What a biller's daily digest says: the claims needing review, oldest first, capped, with rule ids and no PHI. */
class ReviewDigestsTest {

    private static final String PRACTICE = "practice-1";
    private static final LocalDate TODAY = LocalDate.of(2026, 6, 20);
    private static final Instant NOW = Instant.parse("2026-06-20T11:00:00Z");
    private static final String APP = "https://app.example";

    // Messages quote claim data (a diagnosis code, a member id); fix hints are the rules' fixed text.
    private static final Finding MODIFIER = new Finding("DISCIPLINE_MODIFIER", Severity.ERROR, "lines[0].modifiers",
            "97110 on 2026-06-15 has no GP, GO or GN modifier", "Add the therapy plan's modifier: GP, GO or GN");
    private static final Finding DIAGNOSIS = new Finding("ICD10_VALID", Severity.ERROR, "diagnoses[0]",
            "F3289 is not an ICD-10-CM code (release 2026)", "Look the diagnosis up in the ICD-10-CM tabular list");
    private static final Finding MEMBER = new Finding("MEMBER_ID", Severity.ERROR, "subscriber.memberId",
            "The member id 1EG4TE5MK73 differs from the coverage's", "Copy the member id exactly as printed on the card");
    private static final Finding WARNING = new Finding("ICD10_CODE_SET_IN_FORCE", Severity.WARNING, "diagnoses",
            "release 2026 is not in force", "Load the release in force");

    private static ClaimForReview claim(String id, LocalDate dos, Finding... findings) {
        return new ClaimForReview(id, dos, "Medicare Part B", new BigDecimal("134.5"), List.of(findings));
    }

    @Test
    void noClaimsNeedingReviewMeansNoDigest() {
        assertThat(ReviewDigests.digest(PRACTICE, TODAY, List.of(), NOW)).isEmpty();
    }

    @Test
    void listsEachClaimOldestFirstWithItsErrorsAsRuleAndField() {
        Alert alert = ReviewDigests.digest(PRACTICE, TODAY, List.of(
                claim("claim-b", LocalDate.of(2026, 6, 15), MODIFIER, WARNING),
                claim("claim-a", LocalDate.of(2026, 5, 2), DIAGNOSIS, MEMBER, DIAGNOSIS)), NOW).orElseThrow();

        assertThat(alert.type()).isEqualTo(AlertType.CLAIMS_NEED_REVIEW);
        assertThat(alert.practiceId()).isEqualTo(PRACTICE);
        assertThat(alert.patientId()).isNull();
        assertThat(alert.message()).isEqualTo("2 claims need review before they can be submitted (oldest date of service 2026-05-02).");
        ReviewDigest digest = alert.reviewDigest();
        assertThat(digest.asOf()).isEqualTo(TODAY);
        assertThat(digest.total()).isEqualTo(2);
        assertThat(digest.notListed()).isZero();
        assertThat(digest.claims()).extracting(ReviewDigest.ClaimLine::claimId).containsExactly("claim-a", "claim-b");
        assertThat(digest.claims().get(0).errors()).as("errors once each, in the scrubber's order").containsExactly(
                new ReviewDigest.RuleError("ICD10_VALID", "diagnoses[0]"), new ReviewDigest.RuleError("MEMBER_ID", "subscriber.memberId"));
        assertThat(digest.claims().get(1).errors()).as("warnings do not hold a claim back").containsExactly(
                new ReviewDigest.RuleError("DISCIPLINE_MODIFIER", "lines[0].modifiers"));
        assertThat(digest.fixHints()).containsOnlyKeys("DISCIPLINE_MODIFIER", "ICD10_VALID", "MEMBER_ID");

        AlertEmail email = AlertEmail.of(alert, APP + "/");
        assertThat(email.subject()).isEqualTo("Therapy Ops: 2 claims need review");
        for (String body : List.of(email.text(), email.html())) {
            assertThat(body).contains("claim-a", "2026-05-02", "Medicare Part B", "$134.50", "ICD10_VALID (diagnoses[0])",
                    "MEMBER_ID (subscriber.memberId)", APP + "/claims/claim-a", "claim-b", "2026-06-15",
                    "DISCIPLINE_MODIFIER (lines[0].modifiers)", APP + "/claims/claim-b", APP + "/claims?status=NEEDS_REVIEW",
                    "Copy the member id exactly as printed on the card");
            assertThat(body.indexOf("claim-a")).as("oldest first").isLessThan(body.indexOf("claim-b"));
            assertThat(body).doesNotContain("ICD10_CODE_SET_IN_FORCE").doesNotContain("and 0 more");
        }
        assertThat(email.html()).contains("<a href=\"" + APP + "/claims/claim-a\">claim-a</a>");
    }

    @Test
    void carriesNoPhiFromTheFindings() {
        Alert alert = ReviewDigests.digest(PRACTICE, TODAY, List.of(claim("claim-a", LocalDate.of(2026, 6, 15),
                MODIFIER, DIAGNOSIS, MEMBER)), NOW).orElseThrow();
        AlertEmail email = AlertEmail.of(alert, APP);

        for (String text : List.of(email.subject(), email.text(), email.html(), alert.message(), alert.reviewDigest().toString())) {
            assertThat(text).doesNotContain("F3289").doesNotContain("1EG4TE5MK73").doesNotContain("has no GP")
                    .doesNotContain("differs from the coverage");
        }
        assertThat(email.subject()).isEqualTo("Therapy Ops: 1 claim needs review");
    }

    @Test
    void listsTheFiftyOldestAndCountsTheRest() {
        List<ClaimForReview> claims = new ArrayList<>();
        IntStream.rangeClosed(1, 60).forEach(i -> claims.add(claim(String.format("claim-%02d", i),
                LocalDate.of(2026, 1, 1).plusDays(60 - i), MODIFIER)));
        Alert alert = ReviewDigests.digest(PRACTICE, TODAY, claims, NOW).orElseThrow();

        ReviewDigest digest = alert.reviewDigest();
        assertThat(digest.total()).isEqualTo(60);
        assertThat(digest.claims()).hasSize(ReviewDigests.MAX_LISTED);
        assertThat(digest.notListed()).isEqualTo(10);
        assertThat(digest.claims().get(0).claimId()).as("the oldest date of service").isEqualTo("claim-60");
        assertThat(digest.claims()).extracting(ReviewDigest.ClaimLine::claimId).doesNotContain("claim-01", "claim-10")
                .contains("claim-11");
        AlertEmail email = AlertEmail.of(alert, APP);
        assertThat(email.subject()).isEqualTo("Therapy Ops: 60 claims need review");
        assertThat(email.text()).contains("And 10 more claims needing review: " + APP + "/claims?status=NEEDS_REVIEW")
                .doesNotContain("claim-10\n");
        assertThat(email.html()).contains("And 10 more claims needing review").doesNotContain(">claim-01<");
    }

    @Test
    void capsTheErrorsListedPerClaim() {
        List<Finding> many = IntStream.rangeClosed(1, 12).mapToObj(i -> new Finding("MUE_UNITS", Severity.ERROR,
                "lines[" + i + "].units", "x", "Check the units")).toList();
        Alert alert = ReviewDigests.digest(PRACTICE, TODAY, List.of(claim("claim-a", TODAY, many.toArray(Finding[]::new))), NOW)
                .orElseThrow();
        ReviewDigest.ClaimLine line = alert.reviewDigest().claims().get(0);
        assertThat(line.errors()).hasSize(ReviewDigests.MAX_ERRORS_PER_CLAIM);
        assertThat(line.moreErrors()).isEqualTo(2);
        assertThat(AlertEmail.of(alert, APP).text()).contains("MUE_UNITS (lines[10].units) and 2 more");
    }

    @Test
    void oneDigestIdPerPracticeAndDay() {
        List<ClaimForReview> one = List.of(claim("claim-a", TODAY, MODIFIER));
        String id = ReviewDigests.digest(PRACTICE, TODAY, one, NOW).orElseThrow().id();
        assertThat(ReviewDigests.digest(PRACTICE, TODAY, List.of(claim("claim-z", TODAY, MEMBER)), NOW.plusSeconds(3600))
                .orElseThrow().id()).as("same practice and day, other claims, later").isEqualTo(id);
        assertThat(ReviewDigests.digest(PRACTICE, TODAY.plusDays(1), one, NOW).orElseThrow().id()).isNotEqualTo(id);
        assertThat(ReviewDigests.digest("practice-2", TODAY, one, NOW).orElseThrow().id()).isNotEqualTo(id);
    }
}
