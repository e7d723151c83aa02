package org.therapyops.lambda;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LogConfigurationTest {

    @Test
    void logbackFindsItAsAServiceAndTheFunctionsLogAsTheirFileSaid() {
        // This module's test class path has no logback.xml: the service configured the context the tests log to.
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        assertThat(root.getAppender("STDOUT")).isInstanceOf(ConsoleAppender.class);
        assertThat(context.getLogger("org.therapyops.anything").getEffectiveLevel()).isEqualTo(LogConfiguration.level(System.getenv("LOG_LEVEL")));
        assertThat(context.getLogger("io.micronaut.context").isInfoEnabled()).isFalse();
    }

    @Test
    void logLevelSetsOurLoggersOnly() {
        LoggerContext context = new LoggerContext();
        assertThat(new LogConfiguration().configure(context, getClass().getClassLoader(), "DEBUG"))
                .isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger("org.therapyops.billing.X").isDebugEnabled()).isTrue();
        assertThat(context.getLogger("software.amazon.awssdk").isInfoEnabled()).isFalse();
        assertThat(context.getLogger("software.amazon.awssdk").isWarnEnabled()).isTrue();
    }

    @Test
    void anUnsetOrUnknownLogLevelIsInfo() {
        for (String value : new String[] {null, "", " ", "LOUD"}) {
            LoggerContext context = new LoggerContext();
            new LogConfiguration().configure(context, getClass().getClassLoader(), value);
            assertThat(context.getLogger("org.therapyops").getLevel()).as(String.valueOf(value)).isEqualTo(Level.INFO);
        }
        assertThat(LogConfiguration.level(" warn ")).isEqualTo(Level.WARN);
    }

    @Test
    void aLogbackFileOnTheClassPathIsUsedInstead() throws IOException {
        Path dir = Files.createTempDirectory("logback-file");
        for (String name : List.of("logback.xml", "logback-test.xml")) {
            Path file = Files.writeString(dir.resolve(name), "<configuration/>");
            try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
                LoggerContext context = new LoggerContext();
                assertThat(new LogConfiguration().configure(context, loader, "DEBUG")).as(name)
                        .isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
                assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDOUT")).as(name).isNull();
            }
            Files.delete(file);
        }
    }
}
