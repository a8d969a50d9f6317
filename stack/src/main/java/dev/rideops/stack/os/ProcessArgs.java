package dev.rideops.stack.os;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A process's argument vector from {@code /proc/<pid>/cmdline} (Linux), each argument whole even with spaces in
 * it. Not {@code ProcessHandle.Info.arguments()}: the JDK reads one page of it and drops every argument of a longer
 * command line, which a JVM service's classpath and flags easily make.
 */
public final class ProcessArgs {

    private ProcessArgs() {}

    /** Empty when the process is gone or its command line is not readable by this user. */
    public static Optional<List<String>> of(Path proc, long pid) {
        try {
            String raw = new String(
                    Files.readAllBytes(proc.resolve(Long.toString(pid)).resolve("cmdline")), StandardCharsets.UTF_8);
            if (raw.isEmpty()) {
                return Optional.empty();
            }
            // every argument ends with a NUL, the last one too
            String trimmed = raw.endsWith("\0") ? raw.substring(0, raw.length() - 1) : raw;
            return Optional.of(Arrays.asList(trimmed.split("\0", -1)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
