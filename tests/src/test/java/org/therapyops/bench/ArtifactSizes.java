package org.therapyops.bench;

import org.therapyops.localcloud.Template;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;

/** The size of each function's deployable artifact, as template.yaml names it (CodeUri). */
public final class ArtifactSizes {

    public static void main(String[] args) throws IOException {
        Path project = ProjectDir.find();
        Template template = Template.load(project.resolve("template.yaml"));
        Report report = new Report("Deployable artifact sizes", "ArtifactSizes")
                .line("Each function is one shaded jar, built by `mvn package` and deployed as is (template.yaml `CodeUri`, "
                        + "`SkipBuild`). Lambda's limit for a zip upload is 50 MB, 250 MB unzipped.")
                .line("")
                .line("| function | artifact | size (MiB) | classes |")
                .line("|---|---|---|---|");
        for (Template.Resource function : template.resourcesOfType("AWS::Serverless::Function")) {
            Path jar = project.resolve((String) function.properties().get("CodeUri"));
            long classes;
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                classes = zip.stream().filter(e -> e.getName().endsWith(".class")).count();
            }
            report.line("| " + function.logicalId() + " | `" + project.relativize(jar) + "` | "
                    + String.format("%.1f", Files.size(jar) / 1048576.0) + " | " + classes + " |");
        }
        report.write();
    }
}
