package org.therapyops.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An insurance payer: its name, the payer id used on claims (e.g. an EDI payer id), its type (which shipped profile
 * gives its default rules) and the versions of its own rules, effective-dated. The rules in force for a date of
 * service are resolved with the profile by {@code org.therapyops.payer.service.PayerRulesResolver}; nothing reads the
 * settings here directly.
 */
public record Payer(String id, String name, String payerId, PayerType payerType, List<PayerRuleVersion> ruleVersions,
                    Instant createdAt, long version) {

    /** Versions kept per payer: beyond it, the oldest superseded versions are dropped. */
    public static final int MAX_RULE_VERSIONS = 100;

    private static final Comparator<PayerRuleVersion> IN_FORCE_ORDER = Comparator
            .comparing((PayerRuleVersion v) -> v.effectiveFrom() == null ? LocalDate.MIN : v.effectiveFrom())
            .thenComparingInt(PayerRuleVersion::number);

    public Payer {
        payerType = payerType == null ? PayerType.OTHER : payerType;
        ruleVersions = ruleVersions == null ? List.of()
                : ruleVersions.stream().sorted(Comparator.comparingInt(PayerRuleVersion::number)).toList();
    }

    /** A payer without rules of its own: its type's profile decides everything. */
    public Payer(String id, String name, String payerId, PayerType payerType, Instant createdAt, long version) {
        this(id, name, payerId, payerType, List.of(), createdAt, version);
    }

    /** The version of the payer's own rules in force on a date of service: the latest effective on it, the last recorded of a day. */
    public Optional<PayerRuleVersion> rulesInForce(LocalDate dateOfService) {
        return ruleVersions.stream().filter(v -> v.appliesOn(dateOfService)).max(IN_FORCE_ORDER);
    }

    /** What the payer set for a date of service; {@link PayerRuleSettings#NONE} when it set nothing. */
    public PayerRuleSettings settingsOn(LocalDate dateOfService) {
        return rulesInForce(dateOfService).map(PayerRuleVersion::settings).orElse(PayerRuleSettings.NONE);
    }

    /**
     * This payer with {@code settings} in force from {@code effectiveFrom} (null: from the start) until its next later
     * version: a new version, unless the settings in force from that date are already these (then this payer as is).
     */
    public Payer withRules(PayerRuleSettings settings, LocalDate effectiveFrom, Instant recordedAt, String recordedBy) {
        Objects.requireNonNull(settings, "settings");
        Optional<PayerRuleVersion> current = effectiveFrom == null
                ? ruleVersions.stream().filter(v -> v.effectiveFrom() == null).max(IN_FORCE_ORDER)
                : rulesInForce(effectiveFrom);
        if (current.map(PayerRuleVersion::settings).orElse(PayerRuleSettings.NONE).equals(settings)) {
            return this;
        }
        int number = ruleVersions.stream().mapToInt(PayerRuleVersion::number).max().orElse(0) + 1;
        List<PayerRuleVersion> versions = new ArrayList<>(ruleVersions);
        versions.add(new PayerRuleVersion(number, effectiveFrom, settings, recordedAt, recordedBy));
        while (versions.size() > MAX_RULE_VERSIONS) {
            Optional<PayerRuleVersion> oldestSuperseded = versions.stream().filter(v -> supersededIn(v, versions)).findFirst();
            if (oldestSuperseded.isEmpty()) {
                break;
            }
            versions.remove(oldestSuperseded.get());
        }
        return new Payer(id, name, payerId, payerType, versions, createdAt, version);
    }

    /** This payer under another name, payer id and type; its rule versions stay. */
    public Payer withIdentity(String name, String payerId, PayerType payerType) {
        return new Payer(id, name, payerId, payerType, ruleVersions, createdAt, version);
    }

    public Payer withVersion(long version) {
        return new Payer(id, name, payerId, payerType, ruleVersions, createdAt, version);
    }

    private static boolean supersededIn(PayerRuleVersion v, List<PayerRuleVersion> versions) {
        return versions.stream().anyMatch(w -> w.number() > v.number() && Objects.equals(w.effectiveFrom(), v.effectiveFrom()));
    }
}
