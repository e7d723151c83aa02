package org.therapyops.api;

import org.therapyops.api.model.PageView;
import org.therapyops.api.problem.ApiProblemException;
import org.therapyops.ports.InvalidCursorException;
import org.therapyops.ports.PracticeRepository.Page;

import java.util.function.Function;
import java.util.function.Supplier;

/** Cursor pagination: {@code limit} 1–100 (default 25), and a cursor only the same practice's listing accepts. */
final class Listing {

    static final int DEFAULT_LIMIT = 25;
    static final int MAX_LIMIT = 100;

    private Listing() {
    }

    static int limit(Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiProblemException.badQuery("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }

    /** Reads one page and maps it to the envelope; a cursor the listing did not issue is a 400 naming it. */
    static <T, V> PageView<V> page(Supplier<Page<T>> read, Function<T, V> view) {
        Page<T> page = read(read);
        return new PageView<>(page.items().stream().map(view).toList(), page.nextCursor());
    }

    /** Reads one page; a cursor the listing did not issue is a 400 naming it. */
    static <T> Page<T> read(Supplier<Page<T>> read) {
        try {
            return read.get();
        } catch (InvalidCursorException e) {
            throw ApiProblemException.badQuery("cursor", "was not issued by this listing for this practice");
        }
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
