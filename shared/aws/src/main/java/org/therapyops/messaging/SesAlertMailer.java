package org.therapyops.messaging;

import org.therapyops.domain.alert.AlertEmail;
import org.therapyops.ports.AlertMailer;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.Content;

import java.util.List;

/** {@link AlertMailer} through SES v2 SendEmail: a simple message with both an HTML and a text body. */
public final class SesAlertMailer implements AlertMailer {

    private final SesV2Client ses;
    private final String sender;

    public SesAlertMailer(SesV2Client ses, String sender) {
        this.ses = ses;
        this.sender = sender;
    }

    @Override
    public String send(List<String> recipients, AlertEmail email) {
        return ses.sendEmail(b -> b.fromEmailAddress(sender)
                .destination(d -> d.toAddresses(recipients))
                .content(c -> c.simple(m -> m.subject(utf8(email.subject()))
                        .body(body -> body.html(utf8(email.html())).text(utf8(email.text())))))).messageId();
    }

    private static Content utf8(String data) {
        return Content.builder().charset("UTF-8").data(data).build();
    }
}
