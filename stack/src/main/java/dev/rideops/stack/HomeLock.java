package dev.rideops.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one lock that keeps two rideops commands from changing the stack of one home at once:
 * {@code $RIDEOPS_HOME/rideops.lock}, held with an OS file lock for the whole command. The OS drops the lock when
 * its process dies, so a crashed command never leaves a stale lock behind. The holder writes who it is into the
 * file, so a refused command can say which one to wait for.
 *
 * <p>Take it once per process: on Linux the lock is a POSIX record lock, which closing any other channel on the
 * same file in that process would release.
 */
public final class HomeLock implements AutoCloseable {

    public static final String FILE_NAME = "rideops.lock";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** A holder writes its description just after it locks; a refused command gives it this long to appear. */
    private static final int DESCRIPTION_READS = 10;

    private static final long DESCRIPTION_READ_PAUSE_MS = 20;

    private static final int MAX_DESCRIPTION_BYTES = 64 * 1024;

    /** Who holds the lock: the command line (secrets masked by the caller), its pid and since when. */
    public record Holder(String command, long pid, Instant since) {

        /** {@code 'rideops up --volume large' (pid 1234, since 21:04:05)}; the date too when not today. */
        public String describe(ZoneId zone) {
            ZonedDateTime at = since.atZone(zone);
            String when = at.toLocalDate().equals(LocalDate.now(zone)) ? TIME.format(at) : DATE_TIME.format(at);
            return "'" + command + "' (pid " + pid + ", since " + when + ")";
        }
    }

    /** The lock is held by another command (or another taker in this process). */
    public static final class HeldException extends Exception {

        private final transient Holder holder;

        HeldException(Path file, Holder holder) {
            super(file + " is held" + (holder == null ? "" : " by " + holder.describe(ZoneId.systemDefault())));
            this.holder = holder;
        }

        /** Empty when the holder has not written its description (yet). */
        public Optional<Holder> holder() {
            return Optional.ofNullable(holder);
        }
    }

    private final FileChannel channel;
    private final FileLock lock;

    private HomeLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    public static Path file(Path home) {
        return home.resolve(FILE_NAME);
    }

    /**
     * Takes the lock of this home at once, or fails with {@link HeldException} naming the holder; never waits.
     *
     * @param command the command line as the user typed it, with secrets already masked: it is written to a file
     */
    public static HomeLock acquire(Path home, String command) throws IOException, HeldException {
        Files.createDirectories(home);
        Path file = file(home);
        // No TRUNCATE_EXISTING: the file holds the current holder's description until we own the lock.
        FileChannel channel =
                FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                throw new HeldException(file, readHolder(channel));
            }
            Holder holder = new Holder(command, ProcessHandle.current().pid(), Instant.now());
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(toJson(holder)), 0);
            return new HomeLock(channel, lock);
        } catch (IOException | HeldException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Empties the description, so the file never names a command that no longer holds it, then unlocks. */
    @Override
    public void close() throws IOException {
        try (channel) {
            channel.truncate(0);
            lock.release();
        }
    }

    /** Null when another process holds it; a taker in this process is refused the same way. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisProcess) {
            return null;
        }
    }

    private static Holder readHolder(FileChannel channel) throws IOException {
        for (int attempt = 0; attempt < DESCRIPTION_READS; attempt++) {
            Optional<Holder> holder = parse(readAll(channel));
            if (holder.isPresent()) {
                return holder.get();
            }
            try {
                Thread.sleep(DESCRIPTION_READ_PAUSE_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return null;
    }

    /** One read: a description still being written fails to parse and is read again. */
    private static byte[] readAll(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_DESCRIPTION_BYTES);
        int read = channel.read(buffer, 0);
        return read <= 0 ? new byte[0] : Arrays.copyOf(buffer.array(), read);
    }

    private static byte[] toJson(Holder holder) throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("command", holder.command());
        fields.put("pid", holder.pid());
        fields.put("since", holder.since().toString());
        return JSON.writeValueAsBytes(fields);
    }

    /** Empty while the holder is still writing (or when the file is not ours). */
    private static Optional<Holder> parse(byte[] bytes) {
        if (bytes.length == 0) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
            if (node == null || !node.hasNonNull("command") || !node.hasNonNull("pid") || !node.hasNonNull("since")) {
                return Optional.empty();
            }
            return Optional.of(new Holder(
                    node.get("command").asText(),
                    node.get("pid").asLong(),
                    Instant.parse(node.get("since").asText())));
        } catch (IOException | DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
