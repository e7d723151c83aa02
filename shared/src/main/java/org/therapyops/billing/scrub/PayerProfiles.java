package org.therapyops.billing.scrub;

import org.therapyops.domain.AuthorizationRequirement;
import org.therapyops.domain.PayerType;
import org.therapyops.domain.UnitRounding;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The versions of every payer profile, loaded from line-based {@code .properties} resources (shared has no JSON
 * library on its classpath); picks the version in force on a date of service.
 */
public final class PayerProfiles {

    /** The profiles shipped with the scrubber, listed one resource name a line in this index. */
    public static final String INDEX = "billing/scrub/profiles/index.txt";

    private final List<PayerProfile> versions;

    public PayerProfiles(List<PayerProfile> versions) {
        this.versions = versions.stream().sorted(Comparator.comparing(PayerProfile::effectiveFrom)).toList();
    }

    /** Medicare, Medicaid-like and commercial profiles with all their versions. */
    public static PayerProfiles defaults() {
        List<String> names = Resources.lines(INDEX).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        return new PayerProfiles(names.stream().map(n -> {
            try (InputStream in = Resources.open("billing/scrub/profiles/" + n)) {
                return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(n, e);
            }
        }).toList());
    }

    public List<PayerProfile> versions() {
        return versions;
    }

    /** The version of the profile in force on the date: the latest whose effectiveFrom is on or before it. */
    public Optional<PayerProfile> inForce(String profileId, LocalDate dateOfService) {
        return versions.stream()
                .filter(p -> p.id().equals(profileId) && !p.effectiveFrom().isAfter(dateOfService))
                .reduce((a, b) -> b);
    }

    /** Reads one profile version. Keys: see the shipped profiles under billing/scrub/profiles/. */
    public static PayerProfile parse(Reader reader) throws IOException {
        Properties p = new Properties();
        p.load(reader);
        Map<String, String> severities = new HashMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("rule.")) {
                String v = p.getProperty(key).strip();
                if (!Set.of("ERROR", "WARNING", "OFF").contains(v)) {
                    throw new IllegalArgumentException(key + ": ERROR, WARNING or OFF, not " + v);
                }
                severities.put(key.substring("rule.".length()), v);
            }
        }
        if (p.getProperty("kx.threshold") != null) {
            throw new IllegalArgumentException("kx.threshold: the KX thresholds per year are in billing/charges/kx-thresholds.csv;"
                    + " say kx.modifier=true");
        }
        return new PayerProfile(required(p, "profile"), required(p, "name"), PayerType.valueOf(required(p, "payerType")),
                required(p, "version"), LocalDate.parse(required(p, "effectiveFrom")), severities,
                Integer.parseInt(required(p, "timelyFilingDays")),
                PayerProfile.MemberIdFormat.valueOf(p.getProperty("memberIdFormat", "ANY").strip()),
                UnitRounding.valueOf(required(p, "unitRounding")),
                Boolean.parseBoolean(p.getProperty("kx.modifier", "false").strip()),
                AuthorizationRequirement.valueOf(required(p, "authorization.required")),
                list(p.getProperty("authorization.codes", "")),
                Boolean.parseBoolean(p.getProperty("telehealth.modifierRequired", "false").strip()),
                list(p.getProperty("telehealth.placesOfService", "02,10")));
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("payer profile without " + key);
        }
        return v.strip();
    }

    private static Set<String> list(String csv) {
        return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }
}
