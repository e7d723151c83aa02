package org.therapyops.localcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Standard Webhooks v1 signing, against the specification's published test vector. */
class WebhookSignerTest {

    /**
     * The reference libraries' signing vector (standard-webhooks/standard-webhooks, e.g.
     * libraries/java/src/test/java/com/standardwebhooks/WebhookTest.java, verifyWebhookSignWorks).
     */
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1614265330L;
    private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void signsThePublishedTestVector() {
        assertThat(WebhookSigner.sign(SECRET, ID, TIMESTAMP, BODY)).isEqualTo(SIGNATURE);
        assertThat(WebhookSigner.sign("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", ID, TIMESTAMP, BODY))
                .as("the prefix is optional, as in the reference libraries").isEqualTo(SIGNATURE);
    }

    @Test
    void verifiesAnyOfSeveralSignaturesAndNothingElse() {
        assertThat(WebhookSigner.verify(SECRET, ID, TIMESTAMP, BODY, "v1,bm9wZQ== " + SIGNATURE)).isTrue();
        assertThat(WebhookSigner.verify(SECRET, ID, TIMESTAMP + 1, BODY, SIGNATURE)).isFalse();
        assertThat(WebhookSigner.verify(SECRET, "msg_other", TIMESTAMP, BODY, SIGNATURE)).isFalse();
        assertThat(WebhookSigner.verify(SECRET, ID, TIMESTAMP, "{\"test\": 1}".getBytes(StandardCharsets.UTF_8), SIGNATURE)).isFalse();
        assertThat(WebhookSigner.verify(WebhookSigner.newSecret(), ID, TIMESTAMP, BODY, SIGNATURE)).isFalse();
        assertThat(WebhookSigner.verify(SECRET, ID, TIMESTAMP, BODY, null)).isFalse();
    }

    @Test
    void newSecretsAreWhsecAndAtLeast24RandomBytes() {
        String a = WebhookSigner.newSecret();
        assertThat(a).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(a.substring("whsec_".length()))).hasSizeGreaterThanOrEqualTo(24);
        assertThat(WebhookSigner.isValidSecret(a)).isTrue();
        assertThat(WebhookSigner.newSecret()).isNotEqualTo(a);
    }

    @Test
    void aMalformedSecretIsRefusedWithoutBeingRepeated() {
        assertThat(WebhookSigner.isValidSecret("whsec_")).isFalse();
        assertThat(WebhookSigner.isValidSecret("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).as("the prefix is required to connect").isFalse();
        assertThatThrownBy(() -> WebhookSigner.sign("whsec_not base64!", ID, TIMESTAMP, BODY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("not base64!");
    }
}
