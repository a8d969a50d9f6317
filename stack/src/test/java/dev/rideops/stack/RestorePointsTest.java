package dev.rideops.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestorePointsTest {

    @TempDir
    Path home;

    private Path withMetadata(Path dir, long modifiedMs) throws IOException {
        Files.createDirectories(dir);
        Path metadata = Files.writeString(dir.resolve("_metadata"), "x");
        Files.setLastModifiedTime(metadata, FileTime.fromMillis(modifiedMs));
        return dir;
    }

    @Test
    void nothingToResumeFromIsEmpty() {
        assertThat(new RestorePoints(home).latest()).isEmpty();
    }

    @Test
    void theNewestOfTheSavepointAndTheRetainedCheckpointsWinsAndTheSavepointIsKept() throws IOException {
        Path savepoint = withMetadata(home.resolve("flink/savepoints/savepoint-abc"), 2_000);
        withMetadata(home.resolve("flink/checkpoints/job1/chk-7"), 1_000);
        RestorePoints points = new RestorePoints(home);
        points.rememberSavepoint("file:" + savepoint);

        assertThat(points.latest()).hasValueSatisfying(p -> assertThat(p).endsWith("savepoint-abc/"));
        assertThat(points.latest()).as("still there after a resume").isPresent();

        withMetadata(home.resolve("flink/checkpoints/job2/chk-3"), 3_000);
        assertThat(points.latest()).hasValueSatisfying(p -> assertThat(p).endsWith("chk-3/"));
    }

    @Test
    void aCheckpointWithoutMetadataIsNotARestorePoint() throws IOException {
        Files.createDirectories(home.resolve("flink/checkpoints/job1/chk-9"));
        assertThat(new RestorePoints(home).latest()).isEmpty();
    }

    @Test
    void throughTheHomesLinkARestorePointIsWhereTheServersSeeIt(@TempDir Path filesRoot) throws IOException {
        // services without root: home/flink is a link to the files root the JobManager's user can enter
        Path flink = Files.createDirectories(filesRoot.resolve("flink"));
        Files.createSymbolicLink(home.resolve("flink"), flink);
        withMetadata(flink.resolve("checkpoints/job1/chk-4"), 1_000);

        assertThat(new RestorePoints(home).latest())
                .hasValue(flink.toRealPath()
                        .resolve("checkpoints/job1/chk-4")
                        .toUri()
                        .toString());
        assertThat(RetainedState.localPath(
                        home.resolve("flink/checkpoints/job1/chk-4").toUri().toString()))
                .as("a location given through the link is the directory the prune lists")
                .hasValue(flink.toRealPath().resolve("checkpoints/job1/chk-4"));
    }
}
