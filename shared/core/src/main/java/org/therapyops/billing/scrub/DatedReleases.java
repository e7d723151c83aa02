package org.therapyops.billing.scrub;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Releases of one kind of reference data (ICD-10-CM, NCCI PTP edits, MUEs) kept side by side, each in force over a
 * window of dates of service; the one in force on a date is picked. Where windows overlap the release that took
 * effect last wins (ICD-10-CM's April update replaces the October release from April 1; a quarter's NCCI table the
 * quarter's before). A release's data is read on first use only.
 *
 * <p>Shipped releases are listed in an index, {@code releases.tsv}, beside their files:
 * {@code file<TAB>version<TAB>effectiveFrom<TAB>effectiveTo<TAB>source} (ISO dates; an empty end: until replaced),
 * written by {@code bin/load-code-set}.
 */
public final class DatedReleases<T> {

    /** The index of a folder's releases. */
    public static final String INDEX = "releases.tsv";

    /** Reads one release's file; its index entry is given so that the reader can check the file against it. */
    @FunctionalInterface
    public interface FileReader<T> {
        T read(BufferedReader file, IndexEntry entry) throws IOException;
    }

    /** One release: its version, its window and where it came from, with its data read on first use. */
    public static final class Release<T> {
        private final String version;
        private final LocalDate effectiveFrom;
        private final LocalDate effectiveTo;
        private final String source;
        private final Supplier<T> loader;
        private volatile T data;

        public Release(String version, LocalDate effectiveFrom, LocalDate effectiveTo, String source, Supplier<T> loader) {
            if (version == null || version.isBlank() || effectiveFrom == null) {
                throw new IllegalArgumentException("a release needs a version and the first day it is in force");
            }
            if (effectiveTo != null && effectiveTo.isBefore(effectiveFrom)) {
                throw new IllegalArgumentException("release " + version + " ends before it starts");
            }
            this.version = version;
            this.effectiveFrom = effectiveFrom;
            this.effectiveTo = effectiveTo;
            this.source = source == null ? "" : source;
            this.loader = loader;
        }

        /** A release whose data is at hand. */
        public static <T> Release<T> of(String version, LocalDate effectiveFrom, LocalDate effectiveTo, String source, T data) {
            Release<T> r = new Release<>(version, effectiveFrom, effectiveTo, source, () -> data);
            r.data = data;
            return r;
        }

        public String version() {
            return version;
        }

        public LocalDate effectiveFrom() {
            return effectiveFrom;
        }

        /** The last day in force; null: until a later release replaces it. */
        public LocalDate effectiveTo() {
            return effectiveTo;
        }

        public String source() {
            return source;
        }

        public boolean covers(LocalDate date) {
            return !date.isBefore(effectiveFrom) && (effectiveTo == null || !date.isAfter(effectiveTo));
        }

        public T data() {
            T d = data;
            if (d == null) {
                synchronized (this) {
                    d = data;
                    if (d == null) {
                        d = loader.get();
                        data = d;
                    }
                }
            }
            return d;
        }

        /** The window as people read it: "2026-10-01 to 2027-09-30", or "from 2027-01-01". */
        public String window() {
            return effectiveTo == null ? "from " + effectiveFrom : effectiveFrom + " to " + effectiveTo;
        }

        @Override
        public String toString() {
            return version + " (" + window() + ")";
        }
    }

    private final List<Release<T>> releases;

    private DatedReleases(List<Release<T>> releases) {
        if (releases.isEmpty()) {
            throw new IllegalArgumentException("no release");
        }
        List<Release<T>> sorted = new ArrayList<>(releases);
        sorted.sort(Comparator.comparing(Release::effectiveFrom));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).effectiveFrom().equals(sorted.get(i - 1).effectiveFrom())) {
                throw new IllegalArgumentException("releases " + sorted.get(i - 1).version() + " and " + sorted.get(i).version()
                        + " both take effect on " + sorted.get(i).effectiveFrom());
            }
        }
        this.releases = List.copyOf(sorted);
    }

    public static <T> DatedReleases<T> of(List<Release<T>> releases) {
        return new DatedReleases<>(releases);
    }

    /** One release in force on every date. */
    public static <T> DatedReleases<T> always(String version, T data) {
        return new DatedReleases<>(List.of(Release.of(version, LocalDate.MIN, null, "", data)));
    }

    /** Every release, the earliest first. */
    public List<Release<T>> releases() {
        return releases;
    }

    /** The release in force on the date: of those whose window holds it, the one that took effect last. */
    public Optional<Release<T>> inForceOn(LocalDate date) {
        for (int i = releases.size() - 1; i >= 0; i--) {
            if (releases.get(i).covers(date)) {
                return Optional.of(releases.get(i));
            }
        }
        return Optional.empty();
    }

    /**
     * The release to check a date of service against: the one in force, else the nearest (the last to take effect
     * before the date, or the first of all for a date before every release). Whether it is in force is
     * {@link #inForceOn}'s question.
     */
    public Release<T> forDate(LocalDate date) {
        Optional<Release<T>> inForce = inForceOn(date);
        if (inForce.isPresent()) {
            return inForce.get();
        }
        Release<T> nearest = releases.get(0);
        for (Release<T> r : releases) {
            if (!r.effectiveFrom().isAfter(date)) {
                nearest = r;
            }
        }
        return nearest;
    }

    /** Where indexes and release files are read from: the class path, or a folder on disk. */
    public interface Source {
        boolean exists(String name);

        /** The named file's text (a name ending in .gz is unpacked). */
        BufferedReader reader(String name) throws IOException;

        /** The class path (the shipped data). */
        static Source classPath() {
            return new Source() {
                @Override
                public boolean exists(String name) {
                    return Resources.exists(name);
                }

                @Override
                public BufferedReader reader(String name) throws IOException {
                    return Resources.reader(name);
                }
            };
        }

        /** A folder on disk, e.g. the resources folder the loader writes to. */
        static Source folder(java.nio.file.Path root) {
            return new Source() {
                @Override
                public boolean exists(String name) {
                    return java.nio.file.Files.isRegularFile(root.resolve(name));
                }

                @Override
                public BufferedReader reader(String name) throws IOException {
                    java.io.InputStream in = java.nio.file.Files.newInputStream(root.resolve(name));
                    return new BufferedReader(new java.io.InputStreamReader(name.endsWith(".gz")
                            ? new java.util.zip.GZIPInputStream(in, 1 << 16) : in, java.nio.charset.StandardCharsets.UTF_8));
                }
            };
        }
    }

    /**
     * The releases listed in {@code folder/releases.tsv} on the class path and, when present, in
     * {@code folder/loaded/releases.tsv} (tables an operator loaded from licensed files, kept out of version control).
     */
    public static <T> DatedReleases<T> shipped(String folder, FileReader<T> reader) {
        return read(Source.classPath(), folder, reader);
    }

    /** As {@link #shipped}, from another source. */
    public static <T> DatedReleases<T> read(Source source, String folder, FileReader<T> reader) {
        List<Release<T>> all = new ArrayList<>(readIndex(source, folder, reader, true));
        all.addAll(readIndex(source, folder + "/loaded", reader, false));
        return new DatedReleases<>(all);
    }

    private static <T> List<Release<T>> readIndex(Source source, String folder, FileReader<T> reader, boolean required) {
        String index = folder + "/" + INDEX;
        if (!required && !source.exists(index)) {
            return List.of();
        }
        List<String> lines;
        try (BufferedReader r = source.reader(index)) {
            lines = r.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(index, e);
        }
        List<Release<T>> out = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isBlank() || line.startsWith("#") || line.startsWith("file\t")) {
                continue;
            }
            IndexEntry e = IndexEntry.parse(line, index + " line " + (n + 1));
            String resource = folder + "/" + e.file();
            out.add(new Release<>(e.version(), e.effectiveFrom(), e.effectiveTo(), e.source(), () -> {
                try (BufferedReader r = source.reader(resource)) {
                    return reader.read(r, e);
                } catch (IOException ex) {
                    throw new UncheckedIOException(resource, ex);
                }
            }));
        }
        if (required && out.isEmpty()) {
            throw new IllegalStateException(index + " lists no release");
        }
        return out;
    }

    /** One line of an index. */
    public record IndexEntry(String file, String version, LocalDate effectiveFrom, LocalDate effectiveTo, String source) {

        public static IndexEntry parse(String line, String where) {
            String[] c = line.split("\t", -1);
            if (c.length < 4) {
                throw new IllegalStateException(where + ": expected file, version, effectiveFrom, effectiveTo, source");
            }
            try {
                return new IndexEntry(c[0].strip(), c[1].strip(), LocalDate.parse(c[2].strip()),
                        c[3].isBlank() ? null : LocalDate.parse(c[3].strip()), c.length > 4 ? c[4].strip() : "");
            } catch (DateTimeParseException e) {
                throw new IllegalStateException(where + ": " + e.getMessage(), e);
            }
        }

        public String line() {
            return String.join("\t", file, version, effectiveFrom.toString(), effectiveTo == null ? "" : effectiveTo.toString(),
                    source.replace('\t', ' ').replace('\n', ' '));
        }
    }
}
