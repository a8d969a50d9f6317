package dev.rideops.stack.disk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskTest {

    private static final long MIB = 1024L * 1024;
    private static final long GIB = 1024 * MIB;

    @TempDir
    Path dir;

    @Test
    void lowFreeSpaceWarnsNamingTheBiggestUsersFirst() {
        DiskUsage usage = new DiskUsage(Map.of(
                "kafka-1",
                3 * GIB,
                "search",
                400 * MIB,
                "connect",
                2 * MIB,
                "source-db",
                0L,
                DiskUsage.FLINK,
                900 * MIB));

        String warning = LowDisk.warning(dir, new DiskSpace(GIB + GIB / 5, 100 * GIB), 2 * GIB, usage)
                .orElseThrow();

        assertThat(warning)
                .isEqualTo("only 1.2 GiB free on the disk of " + dir + " (disk.min-free is 2.0 GiB); the most there: "
                        + "kafka-1 3.0 GiB, flink checkpoints 900 MiB, search 400 MiB");
    }

    @Test
    void enoughFreeSpaceGivesNoWarning() {
        assertThat(LowDisk.warning(dir, new DiskSpace(2 * GIB, 100 * GIB), 2 * GIB, new DiskUsage(Map.of())))
                .isEmpty();
    }

    @Test
    void usageCountsEachServiceWithTheDataItLinksToAndFlinksState() throws IOException {
        Path home = dir.resolve("home");
        write(home.resolve("services/kafka-1/data/rideops.public.bookings-0/00000.log"), 3 * MIB);
        Path cluster = dir.resolve("elsewhere/source-db");
        write(cluster.resolve("base/1/16384"), 2 * MIB);
        Files.createDirectories(home.resolve("services/source-db"));
        Files.createSymbolicLink(home.resolve("services/source-db/data"), cluster);
        write(home.resolve("flink/checkpoints/chk-1/_metadata"), MIB);

        DiskUsage usage = DiskUsage.of(home);

        assertThat(usage.bytes().get("kafka-1")).isBetween(3 * MIB, 4 * MIB);
        assertThat(usage.bytes().get("source-db")).isBetween(2 * MIB, 3 * MIB);
        assertThat(usage.bytes().get(DiskUsage.FLINK)).isBetween(MIB, 2 * MIB);
        assertThat(usage.biggest(1)).extracting(Map.Entry::getKey).containsExactly("kafka-1");
    }

    @Test
    void aHomeWithNothingInItUsesNothing() {
        DiskUsage usage = DiskUsage.of(dir.resolve("not-yet"));

        assertThat(usage.bytes()).containsExactly(Map.entry(DiskUsage.FLINK, 0L));
        assertThat(usage.biggest(3)).isEmpty();
    }

    @Test
    void sizesReadAsPeopleWriteThem() {
        assertThat(Bytes.human(512)).isEqualTo("512 B");
        assertThat(Bytes.human(300 * MIB)).isEqualTo("300 MiB");
        assertThat(Bytes.human(5 * GIB / 2)).isEqualTo("2.5 GiB");
    }

    private static void write(Path file, long bytes) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] chunk = new byte[(int) MIB];
        new java.util.Random(7).nextBytes(chunk);
        try (var out = Files.newOutputStream(file)) {
            for (long written = 0; written < bytes; written += chunk.length) {
                out.write(chunk);
            }
        }
    }
}
