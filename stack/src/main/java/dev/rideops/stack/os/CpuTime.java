package dev.rideops.stack.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time a process tree has used, from /proc (Linux), for per-service CPU figures. */
public final class CpuTime {

    /** Kernel clock ticks per second; 100 on every mainstream Linux build. */
    public static final int TICKS_PER_SECOND = 100;

    private CpuTime() {}

    /**
     * User plus system ticks of the process, its live descendants (PostgreSQL works in child processes) and the
     * children it has reaped, so a backend that exits does not take its CPU time out of the total.
     */
    public static long treeTicks(Path proc, long pid) {
        long ticks = ticks(proc, pid, true);
        ticks += ProcessHandle.of(pid)
                .map(p -> p.descendants()
                        .mapToLong(c -> ticks(proc, c.pid(), false))
                        .sum())
                .orElse(0L);
        return ticks;
    }

    static long ticks(Path proc, long pid, boolean withReapedChildren) {
        try {
            String stat = Files.readString(proc.resolve(Long.toString(pid)).resolve("stat"));
            // fields after the command name, which is in parentheses and may contain spaces
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long own = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return withReapedChildren ? own + Long.parseLong(f[13]) + Long.parseLong(f[14]) : own;
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }
}
