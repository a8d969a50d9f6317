package dev.rideops.stack.os;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Finds programs on the PATH, the way a shell would. */
public final class Executables {

    private final String path;

    public Executables(String path) {
        this.path = path == null ? "" : path;
    }

    public static Executables fromEnvironment() {
        return new Executables(System.getenv("PATH"));
    }

    /** The first of several names found, for a program a distribution renames (prometheus-alertmanager). */
    public Optional<Path> findAny(List<String> names) {
        return names.stream().map(this::find).flatMap(Optional::stream).findFirst();
    }

    public Optional<Path> find(String name) {
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
