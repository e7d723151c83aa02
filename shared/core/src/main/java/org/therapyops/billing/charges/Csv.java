package org.therapyops.billing.charges;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The small CSV dialect of the billing data: a header row, comma-separated fields without quoting, the last
 * field may hold commas; blank lines and lines starting with '#' are comments.
 */
public final class Csv {

    /** One data row: its fields by header name and its line number in the file, for error messages. */
    public record Row(int line, Map<String, String> fields) {

        public String get(String name) {
            String value = fields.get(name);
            if (value == null) {
                throw new IllegalArgumentException("line " + line + ": no column '" + name + "'");
            }
            return value;
        }
    }

    private Csv() {
    }

    public static List<Row> read(Reader reader, List<String> requiredColumns) {
        try (BufferedReader in = new BufferedReader(reader)) {
            List<String> header = null;
            List<Row> rows = new ArrayList<>();
            String text;
            int line = 0;
            while ((text = in.readLine()) != null) {
                line++;
                String trimmed = text.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                if (header == null) {
                    header = List.of(trimmed.split(",", -1));
                    if (!header.containsAll(requiredColumns)) {
                        throw new IllegalArgumentException("line " + line + ": header " + header
                                + " lacks one of " + requiredColumns);
                    }
                    continue;
                }
                String[] values = trimmed.split(",", header.size());
                if (values.length != header.size()) {
                    throw new IllegalArgumentException("line " + line + ": expected " + header.size()
                            + " fields, found " + values.length);
                }
                Map<String, String> fields = new LinkedHashMap<>();
                for (int i = 0; i < values.length; i++) {
                    fields.put(header.get(i), values[i].strip());
                }
                rows.add(new Row(line, fields));
            }
            if (header == null) {
                throw new IllegalArgumentException("no header row");
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Reader resource(String path) {
        InputStream in = Csv.class.getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("missing classpath resource " + path);
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }
}
