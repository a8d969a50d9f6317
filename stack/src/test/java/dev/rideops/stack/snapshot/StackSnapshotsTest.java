package dev.rideops.stack.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshots of a stopped stack's files, on a home laid out as the stack lays it out (no services run). */
class StackSnapshotsTest {

    @TempDir
    Path home;

    /** PostgreSQL's clusters outside the home, as when the home is out of the server user's reach. */
    @TempDir
    Path postgresRoot;

    private StackSnapshots snapshots() {
        return new StackSnapshots(home, postgresRoot, home);
    }

    private void stoppedStack(String rides) throws IOException {
        write(home.resolve("stack.json"), "{\"brokers\": 1}");
        write(home.resolve("services/kafka-cluster-id"), "abc");
        write(home.resolve("services/kafka-1/data/rideops.public.bookings-0/00000.log"), "cdc " + rides);
        write(home.resolve("services/kafka-1/service.log"), "a log");
        write(home.resolve("services/kafka-1/service.log.1"), "an older log");
        write(home.resolve("services/kafka-1/service.pid"), "123");
        write(home.resolve("services/search/data/node_1/index"), "docs " + rides);
        write(home.resolve("services/flink-jobmanager/tmp/blob"), "scratch");
        write(home.resolve("services/generator/status.json"), "{}");
        Path savepoint = home.resolve("flink/savepoints/savepoint-1");
        write(savepoint.resolve("_metadata"), "state " + rides);
        write(home.resolve("flink/last-savepoint"), savepoint.toUri() + "\n");
        Path cluster = postgresRoot.resolve("source-db");
        write(cluster.resolve("base/1/16384"), "rows " + rides);
        Files.setPosixFilePermissions(cluster, PosixFilePermissions.fromString("rwx------"));
        Files.createDirectories(home.resolve("services/source-db"));
        Files.createSymbolicLink(home.resolve("services/source-db/data"), cluster);
        write(postgresRoot.resolve("dist/bin/postgres"), "binary");
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void aSavedStackComesBackAsItWasWhenLoadedAfterItChanged() throws IOException {
        stoppedStack("monday");
        List<String> copied = new ArrayList<>();
        SnapshotProgress progress = new SnapshotProgress() {
            @Override
            public void copied(String part, long bytes, java.time.Duration took) {
                copied.add(part);
            }
        };

        SnapshotInfo saved = snapshots().save("demo", List.of(), progress);

        assertThat(copied)
                .containsExactly(
                        "stack.json",
                        "services/kafka-cluster-id",
                        "services/flink-jobmanager",
                        "services/kafka-1",
                        "services/search",
                        "services/source-db",
                        "flink",
                        "postgres/source-db");
        assertThat(saved.jobState()).contains("flink/savepoints/savepoint-1");
        assertThat(saved.services()).containsExactly("flink-jobmanager", "kafka-1", "search", "source-db");
        Path stored = home.resolve("snapshots/demo");
        assertThat(stored.resolve("services/kafka-1/service.log")).doesNotExist();
        assertThat(stored.resolve("services/kafka-1/service.log.1")).doesNotExist();
        assertThat(stored.resolve("services/kafka-1/service.pid")).doesNotExist();
        assertThat(stored.resolve("services/flink-jobmanager/tmp")).doesNotExist();
        assertThat(stored.resolve("services/generator")).doesNotExist();
        assertThat(stored.resolve("postgres/dist")).doesNotExist();

        // the stack runs on: data changes, a broker is added, then it is stopped again
        write(home.resolve("services/kafka-1/data/rideops.public.bookings-0/00000.log"), "cdc tuesday");
        write(postgresRoot.resolve("source-db/base/1/16384"), "rows tuesday");
        write(home.resolve("services/kafka-2/data/x"), "a second broker");
        write(home.resolve("flink/savepoints/savepoint-2/_metadata"), "newer state");

        snapshots().load("demo", List.of(), new SnapshotProgress() {});

        assertThat(home.resolve("services/kafka-1/data/rideops.public.bookings-0/00000.log"))
                .hasContent("cdc monday");
        assertThat(postgresRoot.resolve("source-db/base/1/16384")).hasContent("rows monday");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(postgresRoot.resolve("source-db"))))
                .isEqualTo("rwx------");
        assertThat(Files.readSymbolicLink(home.resolve("services/source-db/data")))
                .isEqualTo(postgresRoot.resolve("source-db"));
        assertThat(home.resolve("services/kafka-2")).doesNotExist();
        assertThat(home.resolve("flink/savepoints/savepoint-2")).doesNotExist();
        assertThat(home.resolve("flink/savepoints/savepoint-1/_metadata")).hasContent("state monday");
        assertThat(postgresRoot.resolve("dist/bin/postgres"))
                .as("binaries are not state")
                .exists();
        assertThat(snapshots().list()).extracting(SnapshotInfo::name).containsExactly("demo");
    }

    /** As root, beside each service's directory lies a copy of its pid file for other users: no state of it. */
    @Test
    void thePidCopiesBesideTheServicesDirectoriesAreNotSaved(@TempDir Path monitoringHome) throws IOException {
        stoppedStack("monday");
        write(home.resolve("services/kafka-1.pid"), "123");
        write(monitoringHome.resolve("services/prometheus/data/wal"), "samples");
        write(monitoringHome.resolve("services/prometheus.pid"), "456");
        List<String> copied = new ArrayList<>();

        new StackSnapshots(home, postgresRoot, monitoringHome).save("demo", List.of(), new SnapshotProgress() {
            @Override
            public void copied(String part, long bytes, java.time.Duration took) {
                copied.add(part);
            }
        });

        assertThat(copied)
                .contains("services/kafka-1", "monitoring/services/prometheus")
                .noneMatch(part -> part.endsWith(".pid"));
    }

    @Test
    void aRunningStackIsNeitherSavedNorOverwritten() throws IOException {
        stoppedStack("monday");

        assertThatThrownBy(() -> snapshots().save("demo", List.of("source-db", "kafka-1"), new SnapshotProgress() {}))
                .isInstanceOf(SnapshotException.class)
                .hasMessageContaining("is running (source-db, kafka-1)")
                .satisfies(e -> assertThat(((SnapshotException) e).fix()).contains("rideops down"));
        assertThat(home.resolve("snapshots/demo")).doesNotExist();

        snapshots().save("demo", List.of(), new SnapshotProgress() {});
        assertThatThrownBy(() -> snapshots().load("demo", List.of("search"), new SnapshotProgress() {}))
                .hasMessageContaining("is running (search)");
    }

    @Test
    void namesAreCheckedAndAnUnknownOneListsThoseThere() throws IOException {
        stoppedStack("monday");
        snapshots().save("demo", List.of(), new SnapshotProgress() {});

        assertThatThrownBy(() -> snapshots().load("other", List.of(), new SnapshotProgress() {}))
                .isInstanceOf(SnapshotException.class)
                .hasMessageContaining("no snapshot 'other'")
                .satisfies(e -> assertThat(((SnapshotException) e).fix()).contains("snapshots there: demo"));
        assertThatThrownBy(() -> snapshots().save("demo", List.of(), new SnapshotProgress() {}))
                .hasMessageContaining("exists already");
        assertThatThrownBy(() -> snapshots().save("../escape", List.of(), new SnapshotProgress() {}))
                .hasMessageContaining("is not a snapshot name");
        assertThatThrownBy(() -> snapshots().delete(".partial")).hasMessageContaining("is not a snapshot name");

        snapshots().delete("demo");
        assertThat(snapshots().list()).isEmpty();
        assertThatThrownBy(() -> snapshots().delete("demo")).hasMessageContaining("no snapshot 'demo'");
    }

    @Test
    void aHomeWhereNoStackRanHasNothingToSave() {
        assertThatThrownBy(() -> snapshots().save("demo", List.of(), new SnapshotProgress() {}))
                .isInstanceOf(SnapshotException.class)
                .hasMessageContaining("no stack state in");
    }

    @Test
    void aFailedCopyLeavesNoSnapshotBehind() throws IOException {
        stoppedStack("monday");
        Path unreadable = home.resolve("services/search/data/node_1/index");
        Files.setPosixFilePermissions(unreadable, PosixFilePermissions.fromString("---------"));
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(unreadable), "root reads every file");

        assertThatThrownBy(() -> snapshots().save("demo", List.of(), new SnapshotProgress() {}))
                .hasMessageContaining("services/search");
        assertThat(snapshots().list()).isEmpty();
        try (var left = Files.list(home.resolve("snapshots"))) {
            assertThat(left).isEmpty();
        }
    }
}
