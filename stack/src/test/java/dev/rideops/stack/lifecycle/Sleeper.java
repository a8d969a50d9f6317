package dev.rideops.stack.lifecycle;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The smallest real service, for tests on a real child process: {@code sleep 120}, healthy while it runs. */
class Sleeper extends ProcessService {

    Sleeper(Path home) {
        super("sleeper", ServiceDirs.of(home, "sleeper"), 0, Duration.ofSeconds(5), new LogRotation(1 << 20, 1));
    }

    @Override
    protected void prepare() throws IOException {}

    @Override
    protected List<String> command() {
        return List.of("sleep", "120");
    }

    @Override
    public String probe() {
        return null;
    }

    @Override
    public String endpoint() {
        return "-";
    }
}
