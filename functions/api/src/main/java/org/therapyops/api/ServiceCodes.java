package org.therapyops.api;

import org.therapyops.api.problem.ApiProblemException;
import org.therapyops.billing.charges.CodeCatalog;

import java.util.Collection;
import java.util.List;

/**
 * Service codes must be codes the practice can bill: those of the charge-capture code catalog (data).
 * A code outside it could be booked and authorized but never become a charge, so it is refused up front.
 */
final class ServiceCodes {

    private static final CodeCatalog CATALOG = CodeCatalog.load();

    private ServiceCodes() {
    }

    static void requireKnown(String field, String code) {
        if (CATALOG.find(code).isEmpty()) {
            throw ApiProblemException.invalid(field, "names " + code + ", which is not in the practice's code catalog");
        }
    }

    static void requireKnown(String field, Collection<String> codes) {
        List<String> unknown = codes.stream().filter(c -> CATALOG.find(c).isEmpty()).distinct().toList();
        if (!unknown.isEmpty()) {
            throw ApiProblemException.invalid(field, "names " + String.join(", ", unknown)
                    + ", not in the practice's code catalog");
        }
    }
}
