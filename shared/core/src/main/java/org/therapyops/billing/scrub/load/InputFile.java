package org.therapyops.billing.scrub.load;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * One text file an operator downloaded, as given or taken out of a zip they downloaded: its name, its text, and the
 * SHA-256 of what was downloaded (the zip's, and the entry's), for the provenance record.
 *
 * @param name         the file's name (the entry's, inside a zip)
 * @param download     the path given on the command line
 * @param sha256       SHA-256 of the text file's bytes
 * @param downloadSha256 SHA-256 of the downloaded file (the zip, or the text file itself)
 * @param text         the content, decoded as UTF-8 or, when it is not valid UTF-8, Windows-1252
 */
public record InputFile(String name, Path download, String sha256, String downloadSha256, String text) {

    /** Every text file of the paths given: a zip contributes each of its entries whose name ends in .txt, .csv or .tsv. */
    public static List<InputFile> read(List<Path> paths) throws IOException {
        List<InputFile> out = new ArrayList<>();
        for (Path path : paths) {
            byte[] bytes = Files.readAllBytes(path);
            String downloadSha = sha256(bytes);
            if (path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
                try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
                    ZipEntry entry;
                    while ((entry = zip.getNextEntry()) != null) {
                        String name = entry.getName().substring(entry.getName().lastIndexOf('/') + 1);
                        String lower = name.toLowerCase(Locale.ROOT);
                        if (entry.isDirectory() || name.startsWith(".")
                                || !(lower.endsWith(".txt") || lower.endsWith(".csv") || lower.endsWith(".tsv"))) {
                            continue;
                        }
                        byte[] content = zip.readAllBytes();
                        out.add(new InputFile(name, path, sha256(content), downloadSha, decode(content)));
                    }
                }
            } else {
                out.add(new InputFile(path.getFileName().toString(), path, downloadSha, downloadSha, decode(bytes)));
            }
        }
        return out;
    }

    /** Where it came from, for a provenance line: "icd10cm-order-2027.txt (sha256 …) in icd10cm-2027.zip (sha256 …)". */
    public String describe() {
        String file = name + " (sha256 " + sha256 + ")";
        String downloaded = download.getFileName().toString();
        return downloaded.equals(name) ? file : file + " in " + downloaded + " (sha256 " + downloadSha256 + ")";
    }

    public List<String> lines() {
        return text.lines().toList();
    }

    static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(bytes, Charset.forName("windows-1252"));
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
