package org.therapyops.api;

import org.therapyops.api.model.AddressInput;
import org.therapyops.api.problem.ApiProblemException;
import org.therapyops.api.problem.Problem;
import org.therapyops.api.problem.ProblemType;
import org.therapyops.domain.PostalAddress;

import java.util.List;
import java.util.Map;

/** Checks an address from a request body by the same rules the scrubber applies to claims. */
final class Addresses {

    private Addresses() {
    }

    /** The normalized address, or a 422 naming every bad field under {@code field}. */
    static PostalAddress validated(String field, AddressInput input, PostalAddress.Use use) {
        PostalAddress address = input.toDomain();
        Map<String, String> problems = PostalAddress.problems(address, use);
        if (!problems.isEmpty()) {
            List<Problem.FieldError> errors = problems.entrySet().stream()
                    .map(e -> new Problem.FieldError(field + "." + e.getKey(), e.getValue())).toList();
            throw new ApiProblemException(ProblemType.VALIDATION, "The " + field + " is not a valid US postal address.", errors);
        }
        return address.normalized();
    }
}
