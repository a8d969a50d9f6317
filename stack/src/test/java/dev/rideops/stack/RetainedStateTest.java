package dev.rideops.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetainedStateTest {

    private static final String RUNNING = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private static final String STOPPED = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    private static final String OLDER = "cccccccccccccccccccccccccccccccc";

    @TempDir
    Path home;

    private Path withMetadata(String relative, long modifiedMs) throws IOException {
        Path dir = home.resolve("flink").resolve(relative);
        Files.createDirectories(dir);
        Path metadata = Files.writeString(dir.resolve("_metadata"), "state".repeat(1000));
        Files.setLastModifiedTime(metadata, FileTime.fromMillis(modifiedMs));
        return dir;
    }

    private Path savepoint(int n) throws IOException {
        return withMetadata("savepoints/savepoint-" + n, n * 1_000L);
    }

    @Test
    void keepsTheNewestSavepointsAndTheRememberedOneHowEverOld() throws IOException {
        Path oldest = savepoint(1);
        Path second = savepoint(2);
        Path third = savepoint(3);
        Path fourth = savepoint(4);
        Path newest = savepoint(5);
        new RestorePoints(home).rememberSavepoint(oldest.toUri().toString());

        RetainedState.Pruned pruned = new RetainedState(home).prune(2, Set.of(), List.of());

        assertThat(oldest).as("remembered: 'up' resumes from it").exists();
        assertThat(newest).exists();
        assertThat(fourth).exists();
        assertThat(third).doesNotExist();
        assertThat(second).doesNotExist();
        assertThat(pruned.savepoints()).isEqualTo(2);
        assertThat(pruned.checkpoints()).isZero();
        assertThat(pruned.bytes()).isPositive();
    }

    @Test
    void aProtectedLocationAsFlinkWritesItIsKept() throws IOException {
        Path restoredFrom = savepoint(1);
        savepoint(2);
        Path gone = savepoint(3);
        Files.setLastModifiedTime(gone.resolve("_metadata"), FileTime.fromMillis(500));

        // Flink reports locations as file:/path, without the slashes of a URI's authority
        new RetainedState(home).prune(1, Set.of(), List.of("file:" + restoredFrom));

        assertThat(restoredFrom).exists();
        assertThat(gone).doesNotExist();
    }

    @Test
    void aRunningJobsCheckpointsAreNeverTouched() throws IOException {
        Path running1 = withMetadata("checkpoints/" + RUNNING + "/chk-1", 1_000);
        Path running2 = withMetadata("checkpoints/" + RUNNING + "/chk-2", 2_000);
        Files.createDirectories(home.resolve("flink/checkpoints/" + RUNNING + "/chk-3"));

        List<Path> prunable = new RetainedState(home).prunable(1, Set.of(RUNNING), List.of());

        assertThat(prunable).isEmpty();
        assertThat(running1).exists();
        assertThat(running2).exists();
    }

    @Test
    void stoppedJobsKeepTheirNewestCheckpointsAndAJobWithNoneKeptGoesWhole() throws IOException {
        Path newest = withMetadata("checkpoints/" + STOPPED + "/chk-9", 9_000);
        Path older = withMetadata("checkpoints/" + STOPPED + "/chk-8", 8_000);
        Path unfinished = Files.createDirectories(home.resolve("flink/checkpoints/" + STOPPED + "/chk-10"));
        withMetadata("checkpoints/" + OLDER + "/chk-4", 4_000);
        Files.createDirectories(home.resolve("flink/checkpoints/" + OLDER + "/shared"));

        RetainedState.Pruned pruned = new RetainedState(home).prune(1, Set.of(), List.of());

        assertThat(newest).exists();
        assertThat(older).doesNotExist();
        assertThat(unfinished).as("never completed, its job is gone").doesNotExist();
        assertThat(home.resolve("flink/checkpoints/" + OLDER)).doesNotExist();
        assertThat(pruned.checkpoints()).isEqualTo(3);
    }

    @Test
    void whatALocalResumeWouldStartFromSurvivesEvenWhenNothingElseIsKept() throws IOException {
        withMetadata("checkpoints/" + OLDER + "/chk-4", 4_000);
        Path latest = withMetadata("checkpoints/" + STOPPED + "/chk-9", 9_000);
        savepoint(1);

        new RetainedState(home).prune(0, Set.of(), List.of());

        assertThat(new RestorePoints(home).latest())
                .hasValueSatisfying(p -> assertThat(p).endsWith("chk-9/"));
        assertThat(latest).exists();
        assertThat(home.resolve("flink/checkpoints/" + OLDER)).doesNotExist();
        assertThat(home.resolve("flink/savepoints/savepoint-1")).doesNotExist();
    }

    @Test
    void aSavepointBeingWrittenIsLeftAlone() throws IOException {
        savepoint(5);
        Path inProgress = Files.createDirectories(home.resolve("flink/savepoints/savepoint-6"));

        new RetainedState(home).prune(1, Set.of(), List.of());

        assertThat(inProgress).exists();
    }

    @Test
    void usageCountsEachKindAndItsBytes() throws IOException {
        savepoint(1);
        savepoint(2);
        withMetadata("checkpoints/" + STOPPED + "/chk-1", 1_000);
        Path jar = home.resolve("flink/uploads/flink-web-upload/1234_rideops-job.jar");
        Files.createDirectories(jar.getParent());
        Files.write(jar, new byte[64 * 1024]);

        RetainedState.Usage usage = new RetainedState(home).usage();

        assertThat(usage.savepoints().count()).isEqualTo(2);
        assertThat(usage.checkpoints().count()).isEqualTo(1);
        assertThat(usage.jars().count()).isEqualTo(1);
        assertThat(usage.jars().bytes()).isGreaterThanOrEqualTo(64 * 1024);
        assertThat(usage.savepoints().bytes()).isPositive();
    }

    @Test
    void anEmptyHomeUsesNothing() {
        RetainedState.Usage usage = new RetainedState(home).usage();

        assertThat(usage.checkpoints()).isEqualTo(new RetainedState.Kind(0, 0));
        assertThat(usage.savepoints()).isEqualTo(new RetainedState.Kind(0, 0));
        assertThat(usage.jars()).isEqualTo(new RetainedState.Kind(0, 0));
    }
}
