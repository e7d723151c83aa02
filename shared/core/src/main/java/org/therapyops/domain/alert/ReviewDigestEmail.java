package org.therapyops.domain.alert;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.stream.Collectors;

import static org.therapyops.domain.alert.AlertEmail.escape;

/** The email of a {@link AlertType#CLAIMS_NEED_REVIEW} alert: a table of the listed claims, "and N more", the fix hints. */
final class ReviewDigestEmail {

    private ReviewDigestEmail() {
    }

    static AlertEmail of(Alert alert, String base) {
        ReviewDigest digest = alert.reviewDigest();
        String all = base + "/claims?status=NEEDS_REVIEW";
        String subject = "Therapy Ops: " + (digest.total() == 1 ? "1 claim needs review" : digest.total() + " claims need review");
        String intro = alert.message() + " As of " + digest.asOf() + ", oldest date of service first.";

        StringBuilder text = new StringBuilder(intro).append("\n\n");
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body><p>").append(escape(intro)).append("</p>")
                .append("<table><tr><th align=\"left\">Claim</th><th align=\"left\">Date of service</th>"
                        + "<th align=\"left\">Payer</th><th align=\"right\">Billed</th><th align=\"left\">Errors</th></tr>");
        for (ReviewDigest.ClaimLine claim : digest.claims()) {
            String link = base + "/claims/" + claim.claimId();
            String errors = errors(claim);
            text.append("Claim ").append(claim.claimId()).append('\n')
                    .append("  Date of service: ").append(orDash(claim.dateOfService())).append('\n')
                    .append("  Payer: ").append(orDash(claim.payerName())).append('\n')
                    .append("  Billed: ").append(money(claim.billedAmount())).append('\n')
                    .append("  Errors: ").append(errors).append('\n')
                    .append("  Open: ").append(link).append("\n\n");
            html.append("<tr><td><a href=\"").append(escape(link)).append("\">").append(escape(claim.claimId())).append("</a></td><td>")
                    .append(escape(orDash(claim.dateOfService()))).append("</td><td>").append(escape(orDash(claim.payerName())))
                    .append("</td><td align=\"right\">").append(escape(money(claim.billedAmount()))).append("</td><td>")
                    .append(escape(errors)).append("</td></tr>");
        }
        html.append("</table>");
        if (digest.notListed() > 0) {
            String more = "And " + digest.notListed() + " more " + (digest.notListed() == 1 ? "claim" : "claims") + " needing review";
            text.append(more).append(": ").append(all).append("\n\n");
            html.append("<p>").append(escape(more)).append(": <a href=\"").append(escape(all)).append("\">")
                    .append(escape(all)).append("</a></p>");
        } else {
            text.append("All claims needing review: ").append(all).append("\n\n");
            html.append("<p>All claims needing review: <a href=\"").append(escape(all)).append("\">").append(escape(all))
                    .append("</a></p>");
        }
        if (!digest.fixHints().isEmpty()) {
            text.append("How to fix:\n");
            html.append("<p>How to fix:</p><ul>");
            digest.fixHints().forEach((rule, hint) -> {
                text.append("  ").append(rule).append(": ").append(hint).append('\n');
                html.append("<li><b>").append(escape(rule)).append("</b>: ").append(escape(hint)).append("</li>");
            });
            text.append('\n');
            html.append("</ul>");
        }
        text.append("Alert id: ").append(alert.id()).append('\n');
        html.append("<p>Alert id: ").append(escape(alert.id())).append("</p></body></html>");
        return new AlertEmail(subject, text.toString(), html.toString(), all);
    }

    private static String errors(ReviewDigest.ClaimLine claim) {
        if (claim.errors().isEmpty()) {
            return "see the claim's scrub findings";
        }
        List<String> each = claim.errors().stream()
                .map(e -> e.field() == null || e.field().isBlank() ? e.ruleId() : e.ruleId() + " (" + e.field() + ")").toList();
        String listed = each.stream().collect(Collectors.joining(", "));
        return claim.moreErrors() > 0 ? listed + " and " + claim.moreErrors() + " more" : listed;
    }

    private static String money(BigDecimal amount) {
        return amount == null ? "-" : "$" + amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private static String orDash(Object value) {
        return value == null ? "-" : value.toString();
    }
}
