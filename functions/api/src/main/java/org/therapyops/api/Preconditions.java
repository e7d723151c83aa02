package org.therapyops.api;

import org.therapyops.api.problem.ApiProblemException;
import org.therapyops.api.problem.ProblemType;
import org.therapyops.ports.StaleVersionException;

import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.ObjLongConsumer;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/** Optimistic concurrency over HTTP: the ETag is {@code "<version>"}, and an update must name it in If-Match. */
final class Preconditions {

    static final String IF_MATCH = "If-Match";

    private Preconditions() {
    }

    /** The version an If-Match header names: 428 when there is none, 412 when it names no version of ours. */
    static long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ApiProblemException(ProblemType.PRECONDITION_REQUIRED,
                    "Send If-Match with the ETag of the version you read (e.g. If-Match: \"3\").");
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            // RFC 9110 §13.1.1: If-Match uses the strong comparison, under which a weak tag matches nothing.
            throw new ApiProblemException(ProblemType.PRECONDITION_FAILED, "If-Match " + tag + " is a weak ETag, which never "
                    + "matches (If-Match compares strongly): send the ETag as read, e.g. If-Match: \"3\". Nothing was written.");
        }
        if (tag.matches("\"[0-9]{1,18}\"")) {
            return Long.parseLong(tag.substring(1, tag.length() - 1));
        }
        throw new ApiProblemException(ProblemType.PRECONDITION_FAILED, "If-Match " + ifMatch.trim()
                + " matches no version of this record.");
    }

    /** 412 unless the stored version is the one the caller read. */
    static void requireVersion(String what, long stored, long expected) {
        if (stored != expected) {
            throw stale(what);
        }
    }

    /** Runs a conditional write, answering 412 when it lost to a concurrent change. */
    static <T> T write(String what, Supplier<T> update) {
        try {
            return update.get();
        } catch (StaleVersionException e) {
            throw stale(what);
        }
    }

    /**
     * Replaces a versioned record under If-Match, the one shape of every PUT of a record: the version the header names
     * (428, 412), the record as stored ({@code read} answers 404 for none), 412 unless it is that version, then
     * {@code write} of its successor (412 when it lost to a concurrent change).
     *
     * @return what {@code write} wrote
     */
    static <T> T replace(String what, String ifMatch, Supplier<T> read, ToLongFunction<T> version, Function<T, T> write) {
        long expected = expectedVersion(ifMatch);
        T current = read.get();
        requireVersion(what, version.applyAsLong(current), expected);
        return write(what, () -> write.apply(current));
    }

    /** A practice-wide document as saved, with the version it now has. */
    record Saved<T>(T value, long version) {
    }

    /**
     * Saves a practice-wide document (settings, billing profile, fee schedule, KX thresholds) under If-Match: the
     * version the header names (428, 412), the document {@code build} makes for the version it will have, and
     * {@code save} of it conditional on the version named (412 when another change came first).
     */
    static <T> Saved<T> save(String what, String ifMatch, LongFunction<T> build, ObjLongConsumer<T> save) {
        long expected = expectedVersion(ifMatch);
        T value = build.apply(expected + 1);
        write(what, () -> {
            save.accept(value, expected);
            return null;
        });
        return new Saved<>(value, expected + 1);
    }

    private static ApiProblemException stale(String what) {
        return new ApiProblemException(ProblemType.PRECONDITION_FAILED, what
                + " was changed since the version in If-Match; read it again and retry. Nothing was written.");
    }
}
