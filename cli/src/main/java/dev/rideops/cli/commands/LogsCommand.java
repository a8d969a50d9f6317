package dev.rideops.cli.commands;

import dev.rideops.cli.error.UsageException;
import dev.rideops.stack.Stack;
import dev.rideops.stack.lifecycle.LogTail;
import dev.rideops.stack.lifecycle.Service;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "logs", description = "Show a service's log file.")
public class LogsCommand extends BaseCommand {

    @Parameters(
            paramLabel = "SERVICE",
            description =
                    "source-db, reporting-db, kafka-1..3, connect, flink-jobmanager, flink-taskmanager-N, search, "
                            + "prometheus, alertmanager, generator, dashboard.")
    String service;

    @Option(
            names = {"-f", "--follow"},
            description = "Keep printing new lines until interrupted.")
    boolean follow;

    @Option(
            names = {"-n", "--tail"},
            paramLabel = "N",
            defaultValue = "50",
            description = "Print the last N lines first (default ${DEFAULT-VALUE}).")
    int tail;

    @Override
    protected int execute() throws IOException, InterruptedException {
        Stack stack = Stacks.current(config());
        Service s = stack.service(service)
                .orElseThrow(() -> new UsageException(
                        "no service named '" + service + "'",
                        "choose one of "
                                + stack.services().stream().map(Service::name).collect(Collectors.joining(", "))));
        Path log = s.logFile();
        if (!Files.isRegularFile(log)) {
            err().println("rideops: " + service + " has no log yet (" + log + "); it has not been started");
            return 0;
        }
        LogTail.last(log, tail).forEach(out()::println);
        out().flush();
        if (follow) {
            follow(log);
        }
        return 0;
    }

    private void follow(Path log) throws IOException, InterruptedException {
        long position = Files.size(log);
        while (!Thread.currentThread().isInterrupted()) {
            long size = Files.size(log);
            if (size < position) {
                position = 0;
            }
            if (size > position) {
                try (RandomAccessFile raf = new RandomAccessFile(log.toFile(), "r")) {
                    raf.seek(position);
                    byte[] bytes = new byte[(int) Math.min(size - position, 1 << 20)];
                    raf.readFully(bytes);
                    position += bytes.length;
                    out().print(new String(bytes, StandardCharsets.UTF_8));
                    out().flush();
                }
            }
            Thread.sleep(250);
        }
    }
}
