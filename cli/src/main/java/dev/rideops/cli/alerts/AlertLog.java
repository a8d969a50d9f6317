package dev.rideops.cli.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rideops.stack.lifecycle.LogRotation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The append-only log of what Alertmanager notified: a JSON line per alert, rotated like a service log when full
 * ({@code alerts.log.1} the newest rotated file). The exporter appends, {@code rideops alerts --history} reads.
 */
public final class AlertLog {

    // lines of a later version with more fields still read
    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Path file;
    private final LogRotation rotation;

    public AlertLog(Path file, LogRotation rotation) {
        this.file = file;
        this.rotation = rotation;
    }

    public Path file() {
        return file;
    }

    public boolean exists() {
        return Files.isRegularFile(file);
    }

    /** Appends the alerts, each a whole line, after rotating a full log. */
    public synchronized void append(List<LoggedAlert> alerts) throws IOException {
        rotation.rotateIfFull(file);
        StringBuilder lines = new StringBuilder();
        if (endsTorn()) {
            // a line cut short by a kill: the next one starts on its own line, so only the torn one is lost
            lines.append('\n');
        }
        for (LoggedAlert alert : alerts) {
            lines.append(JSON.writeValueAsString(alert)).append('\n');
        }
        Files.writeString(
                file,
                lines,
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND,
                StandardOpenOption.WRITE);
    }

    private boolean endsTorn() throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) == 0) {
            return false;
        }
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            channel.position(channel.size() - 1).read(last);
            return last.get(0) != '\n';
        }
    }

    /**
     * Every alert logged, the oldest first, the rotated files included; a line that is not one (cut short when the
     * exporter was killed mid-write) is skipped.
     */
    public List<LoggedAlert> read() throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = rotation.keep(); i >= 1; i--) {
            files.add(LogRotation.rotated(file, i));
        }
        files.add(file);
        List<LoggedAlert> alerts = new ArrayList<>();
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                continue;
            }
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                try {
                    alerts.add(JSON.readValue(line, LoggedAlert.class));
                } catch (JsonProcessingException e) {
                    // a torn line: the alerts around it still count
                }
            }
        }
        return alerts;
    }
}
