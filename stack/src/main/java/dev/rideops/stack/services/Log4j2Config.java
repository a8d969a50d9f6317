package dev.rideops.stack.services;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A log4j2 configuration that writes to stdout, which the stack redirects into the service's log file. */
final class Log4j2Config {

    private Log4j2Config() {}

    static Path write(Path conf, String... quietLoggers) throws IOException {
        StringBuilder text = new StringBuilder("""
                status = warn
                appender.console.type = Console
                appender.console.name = STDOUT
                appender.console.layout.type = PatternLayout
                appender.console.layout.pattern = %d{ISO8601} %-5p [%t] %c{1.} - %m%n
                rootLogger.level = INFO
                rootLogger.appenderRef.stdout.ref = STDOUT
                """);
        for (int i = 0; i < quietLoggers.length; i++) {
            text.append("logger.q")
                    .append(i)
                    .append(".name = ")
                    .append(quietLoggers[i])
                    .append('\n');
            text.append("logger.q").append(i).append(".level = WARN\n");
        }
        Path file = conf.resolve("log4j2.properties");
        Files.writeString(file, text);
        return file;
    }
}
