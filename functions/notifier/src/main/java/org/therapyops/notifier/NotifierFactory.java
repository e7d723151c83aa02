package org.therapyops.notifier;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.therapyops.wiring.SharedFactory;
import org.therapyops.alerting.AlertNotifier;
import org.therapyops.messaging.SesAlertMailer;
import org.therapyops.ports.AlertRepository;
import org.therapyops.ports.PracticeRepository;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.time.Clock;
import java.time.Duration;

/**
 * The SES v2 client (micronaut-aws-sdk-v2 has no factory for it), the alerts table (ALERTS_TABLE), the
 * sender (ALERT_SENDER_EMAIL), the app's base URL for links (APP_BASE_URL) and the sending lease (ALERT_EMAIL_LEASE,
 * default 2m; below NotifyQueue's visibility timeout).
 */
@Factory
public class NotifierFactory {

    @Singleton
    @Bean(preDestroy = "close")
    SesV2Client sesV2Client(@Value("${aws.endpoint.url:}") String endpoint,
                            @Value("${aws.http.socket-timeout:0s}") Duration socketTimeout) {
        return SharedFactory.withEndpoint(SesV2Client.builder().httpClient(SharedFactory.httpClient(socketTimeout)), endpoint).build();
    }

    @Singleton
    AlertNotifier alertNotifier(AlertRepository alerts, PracticeRepository practice, SesV2Client ses,
                                @Value("${alert.sender.email}") String sender, @Value("${app.base.url}") String appBaseUrl,
                                @Value("${alert.email.lease:2m}") Duration lease, Clock clock) {
        return new AlertNotifier(alerts, practice, new SesAlertMailer(ses, sender), appBaseUrl, clock, lease);
    }
}
