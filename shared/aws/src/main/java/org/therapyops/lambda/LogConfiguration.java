package org.therapyops.lambda;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Every function's logging, set in code instead of a {@code logback.xml}: one line per event on standard output (which
 * Lambda sends to CloudWatch Logs), {@code org.therapyops} at {@code LOG_LEVEL} (default INFO; the template's parameter),
 * everything else at WARN. Logback finds it as a service before it looks for a file; reading a {@code logback.xml} took
 * the JDK's XML parser and about 450 classes at each cold start (docs/measurements/ColdStartBenchmark.md).
 * Where a {@code logback.xml} or {@code logback-test.xml} is on the class path, or {@code -Dlogback.configurationFile}
 * names one, that file is used instead, as logback would without this class.
 */
public final class LogConfiguration extends ContextAwareBase implements Configurator {

    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        return configure(context, LogConfiguration.class.getClassLoader(), System.getenv("LOG_LEVEL"));
    }

    ExecutionStatus configure(LoggerContext context, ClassLoader loader, String logLevel) {
        if (System.getProperty("logback.configurationFile") != null || loader.getResource("logback-test.xml") != null
                || loader.getResource("logback.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("STDOUT");
        console.setEncoder(encoder);
        console.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(console);
        context.getLogger("org.therapyops").setLevel(level(logLevel));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** {@code LOG_LEVEL} as logback reads a level (trimmed, any case): unset, blank or a name it does not know is INFO. */
    static Level level(String name) {
        return Level.toLevel(name, Level.INFO);
    }
}
