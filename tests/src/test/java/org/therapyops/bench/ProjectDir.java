package org.therapyops.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** The project root: the nearest directory upward holding template.yaml. */
final class ProjectDir {

    private ProjectDir() {
    }

    static Path find() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("template.yaml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no template.yaml above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
