package org.therapyops.billing.scrub;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Reads the scrubber's data from the class path; a gzip'd resource (name ending .gz) is unpacked on the fly. */
final class Resources {

    private Resources() {
    }

    static InputStream open(String name) throws IOException {
        InputStream in = Resources.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("no resource " + name);
        }
        return name.endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
    }

    static boolean exists(String name) {
        return Resources.class.getClassLoader().getResource(name) != null;
    }

    static BufferedReader reader(String name) throws IOException {
        return new BufferedReader(new InputStreamReader(open(name), StandardCharsets.UTF_8));
    }

    static List<String> lines(String name) {
        try (BufferedReader r = reader(name)) {
            return r.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(name, e);
        }
    }
}
