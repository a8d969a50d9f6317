package dev.rideops.cli.pipeline;

import dev.rideops.clients.flink.FlinkJob;
import dev.rideops.clients.flink.JobInfo;
import dev.rideops.clients.flink.UploadedJar;
import dev.rideops.stack.RetainedState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps what Flink piles up to {@code flink.retain} of each kind: retained checkpoints of jobs that no longer run,
 * savepoints (both on a local cluster, under $RIDEOPS_HOME/flink) and uploaded jars (through Flink's REST API,
 * local or remote). Never removed: a running job's checkpoints, the savepoint or checkpoint it restored from, its
 * jar, and what a resume of the local stack would start from ({@link RetainedState}).
 */
public final class JobHousekeeping {

    /** What a prune removed and the bytes freed on local disk; jars are counted, their bytes are Flink's. */
    public record Result(int checkpoints, int savepoints, int jars, long bytes, int retain) {

        public String summary() {
            return "pruned " + checkpoints + " checkpoint dir(s), " + savepoints + " savepoint(s), " + jars
                    + " jar(s), keeping " + retain + " of each besides what the running job needs";
        }
    }

    private final FlinkJob flink;
    private final Path localHome;

    /** @param localHome the local stack's home when Flink is the local cluster; null for a remote one */
    public JobHousekeeping(FlinkJob flink, Path localHome) {
        this.flink = flink;
        this.localHome = localHome;
    }

    public Result prune(int retain) throws IOException {
        Set<String> alive = flink.aliveJobIds();
        Set<String> jarsInUse = new HashSet<>();
        List<String> protect = new ArrayList<>();
        for (String jobId : alive) {
            JobInfo job = flink.info(jobId);
            if (job.jarId() != null) {
                jarsInUse.add(job.jarId());
            }
            if (job.restoredFrom() != null) {
                protect.add(job.restoredFrom());
            }
        }
        int jars = 0;
        for (UploadedJar jar : UploadedJar.beyond(flink.jars(), retain, jarsInUse)) {
            flink.deleteJar(jar.id());
            jars++;
        }
        if (localHome == null) {
            return new Result(0, 0, jars, 0, retain);
        }
        RetainedState.Pruned files = new RetainedState(localHome).prune(retain, alive, protect);
        return new Result(files.checkpoints(), files.savepoints(), jars, files.bytes(), retain);
    }
}
