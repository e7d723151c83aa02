package org.therapyops.reporting;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The reporting core imports no AWS, Lambda or Micronaut type: adapters sit beside it, never in it. */
class ReportingCoreIsPlainJavaTest {

    @Test
    void noSourceOfTheReportingPackageImportsAnAdapterType() throws IOException {
        Path dir = Path.of("src/main/java/org/therapyops/reporting");
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> sources = files.filter(p -> p.toString().endsWith(".java")).toList();
            assertThat(sources).isNotEmpty();
            for (Path source : sources) {
                assertThat(Files.readAllLines(source)).as(source.toString())
                        .noneMatch(line -> line.startsWith("import software.amazon") || line.startsWith("import com.amazonaws")
                                || line.startsWith("import io.micronaut") || line.startsWith("import jakarta"));
            }
        }
    }
}
