package dev.rideops.cli.pipeline;

import dev.rideops.dashboard.data.LocalProcesses;
import dev.rideops.stack.Stack;
import dev.rideops.stack.os.CpuTime;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The local stack's processes for the dashboard: each service's resident memory ({@link Stack#usage()}) and the
 * cores it used since the previous sample, from its process tree's CPU ticks, as bench samples them.
 */
public final class StackLoad implements LocalProcesses {

    private static final Path PROC = Path.of("/proc");

    private final Stack stack;
    private final Map<Long, long[]> previous = new HashMap<>();

    public StackLoad(Stack stack) {
        this.stack = stack;
    }

    @Override
    public synchronized List<Load> sample() {
        long now = System.nanoTime();
        List<Load> loads = new ArrayList<>();
        Map<Long, long[]> seen = new HashMap<>();
        for (Stack.Usage u : stack.usage()) {
            long ticks = CpuTime.treeTicks(PROC, u.pid());
            long[] before = previous.get(u.pid());
            Double cores = null;
            if (before != null && now > before[1]) {
                double seconds = (now - before[1]) / 1e9;
                cores = Math.round((ticks - before[0]) / (double) CpuTime.TICKS_PER_SECOND / seconds * 100) / 100.0;
            }
            seen.put(u.pid(), new long[] {ticks, now});
            loads.add(new Load(u.service(), u.pid(), cores, u.rssMb()));
        }
        previous.clear();
        previous.putAll(seen);
        return loads;
    }
}
