package org.therapyops.e2e;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's API tour, run as written (bash, curl and jq) against the local cloud: each step shows what it promises,
 * from a booking SCHEDULED to a claim PAID and a denial in the work queue.
 */
class ReadmeTourEndToEndTest {

    @Test
    void theTourRunsAsWrittenAndEndsWithAPaidClaimAndADenialInTheWorkQueue() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        String section = readme.substring(readme.indexOf("## API tour"));
        String script = section.substring(section.indexOf("```bash") + "```bash".length(), section.indexOf("```", section.indexOf("```bash") + 7));
        assertThat(script).contains("API=http://127.0.0.1:3000");
        script = script.replace("API=http://127.0.0.1:3000", "API=" + Cloud.get().apiUrl());

        Process bash = new ProcessBuilder("bash", "-u", "-c", script).redirectErrorStream(true).start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(bash.exitValue()).as(out).isZero();

        assertThat(out).as(out)
                .contains("\"status\": \"SCHEDULED\"")                      // 5. the booking decided
                .contains("\"status\": \"NEEDS_AUTH\"").contains("NO_AUTHORIZATION_FOR_CODE") // 5. the code not covered
                .contains("\"number\": \"ACME-4711\"").contains("\"band\"")  // 8. the utilization report
                .contains("\"type\": \"APPOINTMENT_BLOCKED\"")              // 8. its alert
                .contains("frontdesk@riverside.example")                    // 8. and its email
                .contains("\"withinAuthorization\"")                        // 7. the series preview
                .contains("\"status\": \"CHARGED\"")                        // 10. the note captured
                .contains("\"status\": \"READY\"")                          // 12. the claims scrubbed
                .contains("\"code\": \"97140\"")                             // 12. both documented codes billed
                .contains("ISA*00*").contains("REF*6R*")                   // 12. the 837P
                .contains("\"status\": \"PAID\"").contains("\"status\": \"DENIED\"") // 13. what came back
                .contains("\"insuranceBalance\": 0")
                .contains("\"action\": \"OBTAIN_AUTHORIZATION\"")
                .contains("\"kind\": \"835\"").contains("\"kind\": \"277CA\"").contains("\"kind\": \"999\"")
                .doesNotContain("parse error").doesNotContain("curl: (");
    }
}
