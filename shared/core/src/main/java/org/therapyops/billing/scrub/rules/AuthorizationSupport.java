package org.therapyops.billing.scrub.rules;

import org.therapyops.billing.Claim;
import org.therapyops.billing.scrub.ScrubContext;
import org.therapyops.domain.Authorization;

import java.util.Optional;
import java.util.stream.IntStream;

/** Which lines need authorization and which authorization the claim's number names. */
final class AuthorizationSupport {

    private AuthorizationSupport() {
    }

    static IntStream linesNeedingAuthorization(Claim claim, ScrubContext context) {
        return IntStream.range(0, claim.lines().size())
                .filter(i -> context.rules().requiresAuthorization(claim.lines().get(i).code()));
    }

    static Optional<Authorization> named(Claim claim, ScrubContext context) {
        String number = claim.priorAuthorizationNumber();
        if (RuleSupport.blank(number)) {
            return Optional.empty();
        }
        return context.authorizations().stream().filter(a -> number.strip().equals(a.number())).findFirst();
    }
}
