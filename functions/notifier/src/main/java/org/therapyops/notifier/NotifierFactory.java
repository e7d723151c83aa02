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
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.time.Clock;

/**
 * The SES v2 client (micronaut-aws-sdk-v2 has no factory for it), the alerts table (ALERTS_TABLE), the
 * sender (ALERT_SENDER_EMAIL) and the app's base URL for links (APP_BASE_URL).
 */
@Factory
public class NotifierFactory {

    @Singleton
    @Bean(preDestroy = "close")
    SesV2Client sesV2Client(@Value("${aws.endpoint.url:}") String endpoint) {
        return SharedFactory.configure(SesV2Client.builder().httpClient(UrlConnectionHttpClient.create()), endpoint).build();
    }

    @Singleton
    AlertNotifier alertNotifier(AlertRepository alerts, PracticeRepository practice, SesV2Client ses,
                                @Value("${alert.sender.email}") String sender, @Value("${app.base.url}") String appBaseUrl,
                                Clock clock) {
        return new AlertNotifier(alerts, practice, new SesAlertMailer(ses, sender), appBaseUrl, clock);
    }
}
