package org.therapyops.billing.x12;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The hand-written inbound X12 files under src/test/resources/x12: made-up people, realistic shapes. */
final class Fixtures {

    static final Path DIR = Path.of("src", "test", "resources", "x12");

    private Fixtures() {
    }

    /** File names, sorted. */
    static List<String> names() {
        try (Stream<Path> files = java.nio.file.Files.list(DIR)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".x12")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        try {
            return java.nio.file.Files.readString(DIR.resolve(name), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
