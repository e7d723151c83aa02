package org.therapyops.billing.x12;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.therapyops.billing.Claim;

/** Writes X12 files under target/x12 for the validators to read. */
final class Files {

    static final Path DIR = Path.of("target", "x12");

    private Files() {
    }

    static String write(List<Claim> claims) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        X12_837P.write(claims, Claims.SUBMITTER, Claims.RECEIVER, new InMemoryControlNumbers(), out, Claims.CLOCK,
                X12_837P.COMMERCIAL);
        return out.toString(StandardCharsets.US_ASCII);
    }

    static Path save(String name, String x12) throws IOException {
        Path file = DIR.resolve(name + ".x12");
        java.nio.file.Files.createDirectories(file.getParent());
        java.nio.file.Files.writeString(file, x12, StandardCharsets.US_ASCII);
        return file;
    }
}
