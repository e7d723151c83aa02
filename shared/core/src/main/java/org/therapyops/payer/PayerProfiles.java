package org.therapyops.payer;

import org.therapyops.domain.AuthorizationRequirement;
import org.therapyops.domain.PayerType;
import org.therapyops.domain.PriorAuthorization;
import org.therapyops.domain.UnitRounding;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The versions of every payer profile, loaded from line-based {@code .properties} resources (shared has no JSON
 * library on its classpath); picks the profile of a payer type and its version in force on a date of service.
 */
public final class PayerProfiles {

    /** The profiles shipped, listed one resource name a line in this index. */
    public static final String INDEX = "payer/profiles/index.txt";

    private final List<PayerProfile> versions;
    private final Map<PayerType, String> profileOfType = new EnumMap<>(PayerType.class);

    /** @throws IllegalArgumentException when two profiles claim one payer type */
    public PayerProfiles(List<PayerProfile> versions) {
        this.versions = versions.stream().sorted(Comparator.comparing(PayerProfile::effectiveFrom)).toList();
        for (PayerProfile p : this.versions) {
            for (PayerType type : PayerType.values()) {
                if (p.appliesTo(type)) {
                    String before = profileOfType.putIfAbsent(type, p.id());
                    if (before != null && !before.equals(p.id())) {
                        throw new IllegalArgumentException("payer type " + type + " has two profiles: " + before + " and " + p.id());
                    }
                }
            }
        }
    }

    /** Medicare, Medicaid-like and commercial profiles with all their versions. */
    public static PayerProfiles defaults() {
        List<String> names = lines(INDEX).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        return new PayerProfiles(names.stream().map(n -> {
            try (InputStream in = open("payer/profiles/" + n)) {
                return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(n, e);
            }
        }).toList());
    }

    public List<PayerProfile> versions() {
        return versions;
    }

    /** The id of the profile payers of a type take their defaults from, if any. */
    public Optional<String> profileIdOf(PayerType type) {
        return Optional.ofNullable(profileOfType.get(type));
    }

    /** The version of a payer type's profile in force on the date. */
    public Optional<PayerProfile> inForce(PayerType type, LocalDate dateOfService) {
        return profileIdOf(type).flatMap(id -> inForce(id, dateOfService));
    }

    /** The version of the profile in force on the date: the latest whose effectiveFrom is on or before it. */
    public Optional<PayerProfile> inForce(String profileId, LocalDate dateOfService) {
        return versions.stream()
                .filter(p -> p.id().equals(profileId) && !p.effectiveFrom().isAfter(dateOfService))
                .reduce((a, b) -> b);
    }

    /** Reads one profile version. Keys: see the shipped profiles under payer/profiles/. */
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
        if (p.getProperty("telehealth.placesOfService") != null) {
            throw new IllegalArgumentException("telehealth.placesOfService: say telehealth.placeOfServiceHome and"
                    + " telehealth.placeOfServiceOther");
        }
        AuthorizationRequirement required = AuthorizationRequirement.valueOf(required(p, "authorization.required"));
        return new PayerProfile(required(p, "profile"), required(p, "name"), PayerType.valueOf(required(p, "payerType")),
                list(p.getProperty("appliesAlsoTo", "")).stream().map(PayerType::valueOf).collect(Collectors.toSet()),
                required(p, "version"), LocalDate.parse(required(p, "effectiveFrom")), severities,
                Integer.parseInt(required(p, "timelyFilingDays")),
                PayerProfile.MemberIdFormat.valueOf(p.getProperty("memberIdFormat", "ANY").strip()),
                UnitRounding.valueOf(required(p, "unitRounding")),
                flag(p, "kx.modifier"), flag(p, "assistant.modifiers"),
                new PriorAuthorization(required, list(p.getProperty("authorization.codes", ""))),
                p.getProperty("telehealth.placeOfServiceHome", "10").strip(),
                p.getProperty("telehealth.placeOfServiceOther", "02").strip(),
                flag(p, "telehealth.modifierRequired"));
    }

    private static boolean flag(Properties p, String key) {
        return Boolean.parseBoolean(p.getProperty(key, "false").strip());
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

    private static InputStream open(String name) throws IOException {
        InputStream in = PayerProfiles.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("no resource " + name);
        }
        return in;
    }

    private static List<String> lines(String name) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(open(name), StandardCharsets.UTF_8))) {
            return r.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(name, e);
        }
    }
}
