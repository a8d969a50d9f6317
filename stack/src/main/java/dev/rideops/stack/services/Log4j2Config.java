package dev.rideops.stack.services;

import dev.rideops.stack.lifecycle.LogRotation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A log4j2 configuration that appends to the service's log file and rotates it by size. The stack also redirects
 * the process's own output into that file, so what a JVM prints before log4j starts (a heap it cannot reserve, a
 * missing class) is where users look; both writers append, so their lines interleave instead of overwriting.
 * After a rotation that output follows the renamed file, which is why rotated files are kept uncompressed.
 */
final class Log4j2Config {

    private Log4j2Config() {}

    static Path write(Path conf, Path logFile, LogRotation rotation, String... quietLoggers) throws IOException {
        StringBuilder text = new StringBuilder("status = warn\n")
                .append("appender.file.type = RollingFile\n")
                .append("appender.file.name = FILE\n")
                .append("appender.file.fileName = ")
                .append(logFile)
                .append('\n')
                .append("appender.file.filePattern = ")
                .append(logFile)
                .append(".%i\n")
                .append("appender.file.layout.type = PatternLayout\n")
                .append("appender.file.layout.pattern = %d{ISO8601} %-5p [%t] %c{1.} - %m%n\n")
                .append("appender.file.policies.type = Policies\n")
                .append("appender.file.policies.size.type = SizeBasedTriggeringPolicy\n")
                .append("appender.file.policies.size.size = ")
                .append(rotation.maxBytes())
                .append('\n')
                .append("appender.file.strategy.type = DefaultRolloverStrategy\n")
                // min: service.log.1 is the newest, as LogRotation names them for the other services
                .append("appender.file.strategy.fileIndex = min\n")
                .append("appender.file.strategy.max = ")
                .append(rotation.keep())
                .append('\n')
                .append("rootLogger.level = INFO\n")
                .append("rootLogger.appenderRef.file.ref = FILE\n");
        for (int i = 0; i < quietLoggers.length; i++) {
            text.append("logger.q")
                    .append(i)
                    .append(".name = ")
                    .append(quietLoggers[i])
                    .append('\n');
            text.append("logger.q").append(i).append(".level = WARN\n");
        }
        Files.createDirectories(conf);
        Path file = conf.resolve("log4j2.properties");
        Files.writeString(file, text);
        return file;
    }
}
