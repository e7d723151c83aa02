package org.therapyops.domain.alert;

import org.therapyops.domain.PracticeSettings;

import java.util.List;

/**
 * Who is emailed an alert, from the practice's {@code recipientsByRole}. Authorization and appointment alerts go to
 * every recipient of every role, as they always have. The review digest goes to the billers; a practice that named
 * no biller gets it at its admins (someone must own the claims; front desk and clinicians do not work them); with
 * neither there is no recipient and nothing is sent. The weekly report goes to the admins only (none named: nothing is sent).
 */
public final class AlertRecipients {

    /** Role claims, as tokens and settings spell them. */
    public static final String BILLER = "biller";
    public static final String ADMIN = "admin";

    private AlertRecipients() {
    }

    public static List<String> of(AlertType type, PracticeSettings settings) {
        if (type == AlertType.WEEKLY_REPORT) {
            return settings.recipientsOf(ADMIN);
        }
        if (type == AlertType.CLAIMS_NEED_REVIEW) {
            List<String> billers = settings.recipientsOf(BILLER);
            return billers.isEmpty() ? settings.recipientsOf(ADMIN) : billers;
        }
        return settings.allRecipients();
    }
}
