package org.therapyops.localcloud;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.therapyops.localcloud.testfunctions.EchoHttpFunction;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A function started from a jar trains its class-data archive once, and later starts map it: real JVMs through the
 * runtime interface client, the second with {@code -Xshare:on}, under which a JVM that cannot map its archive does not
 * start at all.
 */
class ClassDataArchivesTest {

    private static final Path RUNTIME = Path.of("target/lambda-runtime");
    private static final byte[] EVENT = "{\"rawPath\":\"/hello\"}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void theFirstStartFromAJarTrainsItsArchiveAndLaterStartsMapItUntilTheJarChanges() throws Exception {
        Path jar = jarOf(EchoHttpFunction.class, dir.resolve("echo.jar"));
        Path archive = ClassDataArchives.archiveOf(jar);
        assertThat(archive.getFileName()).hasToString("echo.jsa");

        Answer training = startAndAnswer(jar, Map.of("JAVA_TOOL_OPTIONS", "-Xshare:auto"));
        assertThat(training.trained()).as("no archive yet: this start trains one").isTrue();
        assertThat(archive).as("written when the process stopped").isRegularFile();
        assertThat(Files.size(archive)).isPositive();
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".training"));

        Answer mapped = startAndAnswer(jar, Map.of("JAVA_TOOL_OPTIONS", "-Xshare:on"));
        assertThat(mapped.trained()).isFalse();
        assertThat(mapped.body()).as("it started with the archive mapped, and answered").contains("/hello");

        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 2000)); // rebuilt
        Answer retrained = startAndAnswer(jar, Map.of("JAVA_TOOL_OPTIONS", "-Xshare:auto"));
        assertThat(retrained.trained()).as("the archive of the old jar is stale").isTrue();
        assertThat(startAndAnswer(jar, Map.of("JAVA_TOOL_OPTIONS", "-Xshare:on")).trained()).isFalse();
    }

    @Test
    void aStartKilledBeforeItExitsLeavesNoArchiveAndTheNextStartTrainsAgain() throws Exception {
        Path jar = jarOf(EchoHttpFunction.class, dir.resolve("killed.jar"));
        try (RuntimeApiServer api = new RuntimeApiServer("arn:aws:lambda:us-east-1:123456789012:function:killed")) {
            FunctionProcess p = start(jar, api, Map.of("JAVA_TOOL_OPTIONS", "-Xshare:auto"));
            assertThat(p.classDataArchive()).isEqualTo("trains");
            api.invoke(EVENT, Duration.ofSeconds(30)).get();
            p.kill();
            p.exited().get();
        }
        assertThat(ClassDataArchives.archiveOf(jar)).doesNotExist();
        assertThat(startAndAnswer(jar, Map.of("JAVA_TOOL_OPTIONS", "-Xshare:auto")).trained()).isTrue();
        assertThat(ClassDataArchives.archiveOf(jar)).isRegularFile();
    }

    @Test
    void aFunctionWithoutAnArchiveTrainsItWithItsFirstEventAndServesTheNextFromAStartThatMapsIt() throws Exception {
        Path jar = jarOf(EchoHttpFunction.class, dir.resolve("fn.jar"));
        Map<String, String> env = new HashMap<>(Map.of("JAVA_TOOL_OPTIONS", "-Xshare:auto", "_HANDLER", EchoHttpFunction.class.getName()));
        java.io.ByteArrayOutputStream console = new java.io.ByteArrayOutputStream();
        LambdaFunction.Config config = new LambdaFunction.Config("Fn", "fn", jar, EchoHttpFunction.class.getName(), 256, 10, env,
                RUNTIME, dir, 1);
        try (LambdaFunction fn = new LambdaFunction(config, new PrintStream(console, true), null, null, true)) {
            fn.start();
            fn.awaitReady(Duration.ofSeconds(60));
            for (int i = 0; i < 3; i++) { // the first by the training start, the next after it started again
                InvocationResult result = fn.invoke(EVENT);
                assertThat(result.success()).as(result.errorType() + " " + result.errorMessage()).isTrue();
                assertThat(result.payloadText()).contains("/hello");
            }
            assertThat(ClassDataArchives.archiveOf(jar)).isRegularFile();
            assertThat(fn.status().restarts()).as("the training start's end is no crash").isZero();
            assertThat(fn.status().invocations()).isEqualTo(3);
            assertThat(fn.status().errors()).isZero();
        }
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("class-data archive: trains")
                .contains("writes its jar's class-data archive after its first event").contains("class-data archive: maps");
    }

    @Test
    void aDirectoryArtifactGetsNoArchive() {
        assertThat(ClassDataArchives.begin(dir, dir.toString())).isNull();
    }

    private record Answer(boolean trained, String body) {
    }

    private Answer startAndAnswer(Path jar, Map<String, String> env) throws Exception {
        try (RuntimeApiServer api = new RuntimeApiServer("arn:aws:lambda:us-east-1:123456789012:function:echo")) {
            FunctionProcess p = start(jar, api, env);
            InvocationResult result = api.invoke(EVENT, Duration.ofSeconds(30)).get();
            assertThat(result.success()).as(result.errorType() + " " + result.errorMessage()).isTrue();
            p.close();
            p.exited().get();
            assertThat(p.classDataArchive()).isIn("trains", "maps");
            return new Answer(p.trainsClassDataArchive(), result.payloadText());
        }
    }

    private FunctionProcess start(Path jar, RuntimeApiServer api, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(extra);
        env.put("AWS_LAMBDA_RUNTIME_API", api.address());
        env.put("_HANDLER", EchoHttpFunction.class.getName());
        return FunctionProcess.start("echo", jar, EchoHttpFunction.class.getName(), env, RUNTIME, dir.resolve("echo.log"),
                new PrintStream(OutputStream.nullOutputStream()), true);
    }

    private static Path jarOf(Class<?> handler, Path jar) throws Exception {
        String entry = handler.getName().replace('.', '/') + ".class";
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry(entry));
            try (var in = handler.getClassLoader().getResourceAsStream(entry)) {
                in.transferTo(out);
            }
            out.closeEntry();
        }
        return jar;
    }
}
