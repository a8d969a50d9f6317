package dev.rideops.stack.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Facts about the user rideops runs as. */
public final class CurrentUser {

    private CurrentUser() {}

    /** True for uid 0, where PostgreSQL must be started as an unprivileged user. */
    public static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
