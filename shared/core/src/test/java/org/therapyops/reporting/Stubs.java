package org.therapyops.reporting;

import org.therapyops.billing.StoredClaim;
import org.therapyops.domain.PracticeSettings;
import org.therapyops.ports.ClaimRepository;
import org.therapyops.ports.PracticeRepository;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;

/** Ports answering only what the reporting asks of them: a practice's settings, a claim by id. */
final class Stubs {

    private Stubs() {
    }

    static PracticeRepository practice(PracticeSettings settings) {
        return (PracticeRepository) Proxy.newProxyInstance(Stubs.class.getClassLoader(), new Class<?>[] {PracticeRepository.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "settings" -> settings;
                    case "payers", "providers" -> new PracticeRepository.Page<>(java.util.List.of(), null);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    static ClaimRepository claims(Map<String, StoredClaim> byId) {
        return (ClaimRepository) Proxy.newProxyInstance(Stubs.class.getClassLoader(), new Class<?>[] {ClaimRepository.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("get")) {
                        return Optional.ofNullable(byId.get((String) args[1]));
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
