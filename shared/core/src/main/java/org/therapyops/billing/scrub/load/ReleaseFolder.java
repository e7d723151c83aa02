package org.therapyops.billing.scrub.load;

import org.therapyops.billing.scrub.DatedReleases;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A folder of releases on disk (e.g. {@code shared/core/src/main/resources/billing/scrub/icd10cm}) with its index
 * {@code releases.tsv} and {@code PROVENANCE.md}: what the loader reads the releases already there from and installs a new
 * one into, beside them.
 */
final class ReleaseFolder {

    private static final String HEADER = "file\tversion\teffectiveFrom\teffectiveTo\tsource";

    private final Path folder;
    private final List<String> preamble;
    private final List<DatedReleases.IndexEntry> entries;

    private ReleaseFolder(Path folder, List<String> preamble, List<DatedReleases.IndexEntry> entries) {
        this.folder = folder;
        this.preamble = preamble;
        this.entries = entries;
    }

    /** The folder's index, or an empty one (with {@code comment} as its preamble) when it has none yet. */
    static ReleaseFolder open(Path folder, List<String> comment) throws IOException {
        Path index = folder.resolve(DatedReleases.INDEX);
        if (!Files.exists(index)) {
            return new ReleaseFolder(folder, comment, new ArrayList<>());
        }
        List<String> preamble = new ArrayList<>();
        List<DatedReleases.IndexEntry> entries = new ArrayList<>();
        List<String> lines = Files.readAllLines(index, StandardCharsets.UTF_8);
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.startsWith("#")) {
                preamble.add(line);
            } else if (!line.isBlank() && !line.startsWith("file\t")) {
                entries.add(DatedReleases.IndexEntry.parse(line, index + " line " + (n + 1)));
            }
        }
        return new ReleaseFolder(folder, preamble, entries);
    }

    Path path() {
        return folder;
    }

    List<DatedReleases.IndexEntry> entries() {
        return List.copyOf(entries);
    }

    /** The release listed last to take effect before {@code day}, if any (what a new release follows). */
    Optional<DatedReleases.IndexEntry> before(java.time.LocalDate day) {
        return entries.stream().filter(e -> e.effectiveFrom().isBefore(day)).max(Comparator.comparing(DatedReleases.IndexEntry::effectiveFrom));
    }

    /**
     * Refuses a release whose version is listed already, or that takes effect the day another does, unless
     * {@code replace} (then that entry goes).
     */
    void checkRoom(DatedReleases.IndexEntry entry, boolean replace) throws LoadRefusedException {
        for (DatedReleases.IndexEntry e : entries) {
            boolean clash = e.version().equals(entry.version()) || e.effectiveFrom().equals(entry.effectiveFrom())
                    || e.file().equals(entry.file());
            if (clash && !replace) {
                throw new LoadRefusedException(folder.resolve(DatedReleases.INDEX) + " lists " + e.version() + " (" + e.file()
                        + ", from " + e.effectiveFrom() + ") already: give --replace to replace it");
            }
        }
    }

    /** Writes the release's file and lists it in the index (replacing a clashing entry), atomically per file. */
    void install(DatedReleases.IndexEntry entry, byte[] content) throws IOException {
        Files.createDirectories(folder);
        writeAtomically(folder.resolve(entry.file()), content);
        entries.removeIf(e -> e.version().equals(entry.version()) || e.effectiveFrom().equals(entry.effectiveFrom())
                || e.file().equals(entry.file()));
        entries.add(entry);
        entries.sort(Comparator.comparing(DatedReleases.IndexEntry::effectiveFrom));
        StringBuilder index = new StringBuilder();
        preamble.forEach(l -> index.append(l).append('\n'));
        index.append(HEADER).append('\n');
        entries.forEach(e -> index.append(e.line()).append('\n'));
        writeAtomically(folder.resolve(DatedReleases.INDEX), index.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes a release's section into the folder's PROVENANCE.md (created with {@code title} when missing): appended,
     * or in place of the section of the same version a replaced load wrote (it starts with {@code "## <version>:"}).
     */
    void recordProvenance(String title, String version, String section) throws IOException {
        Path file = folder.resolve("PROVENANCE.md");
        String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "# " + title + "\n";
        String start = "\n## " + version + ":";
        int at = text.indexOf(start);
        if (at >= 0) {
            int next = text.indexOf("\n## ", at + start.length());
            text = text.substring(0, at) + (next < 0 ? "\n" : text.substring(next));
        }
        text = text.endsWith("\n") ? text : text + "\n";
        writeAtomically(file, (text + "\n" + section).getBytes(StandardCharsets.UTF_8));
    }

    private static void writeAtomically(Path target, byte[] content) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".loading");
        Files.write(tmp, content);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
