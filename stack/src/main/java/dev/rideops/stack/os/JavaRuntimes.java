package dev.rideops.stack.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds a Java runtime of at least a given version for a service that needs a newer one than the CLI's (Apicurio
 * Registry 3.3 is built for Java 21): the one configured, else the running one if new enough, else the newest
 * installed beside it, as Debian and the Temurin packages lay them out under {@code /usr/lib/jvm}.
 */
public final class JavaRuntimes {

    /** Where Debian's and Adoptium's packages install their JDKs and JREs. */
    public static final Path SYSTEM_JVMS = Path.of("/usr/lib/jvm");

    private static final Pattern JAVA_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");

    private final Path running;
    private final Path installed;

    public JavaRuntimes(Path running, Path installed) {
        this.running = running;
        this.installed = installed;
    }

    public static JavaRuntimes ofThisMachine() {
        return new JavaRuntimes(Path.of(System.getProperty("java.home")), SYSTEM_JVMS);
    }

    /**
     * A Java home of at least {@code feature}: {@code configured} when given (empty if it is older or not a Java
     * home, which the caller reports), else the running one, else the newest under the installed directory.
     */
    public Optional<Path> atLeast(int feature, Optional<Path> configured) {
        if (configured.isPresent()) {
            return configured.filter(home -> version(home).orElse(0) >= feature);
        }
        if (version(running).orElse(0) >= feature) {
            return Optional.of(running);
        }
        return installedHomes().stream()
                .filter(home -> version(home).orElse(0) >= feature)
                .max(Comparator.comparingInt(home -> version(home).orElse(0)));
    }

    /** Why {@link #atLeast} found none, naming the setting that picks one. */
    public static String missing(String service, int feature, Optional<Path> configured, String setting) {
        return configured
                .map(home ->
                        setting + " " + home + " is not a Java " + feature + " or newer (" + service + " needs one)")
                .orElse(service + " needs Java " + feature + " or newer: the running Java is "
                        + Runtime.version().feature() + " and " + SYSTEM_JVMS + " holds none");
    }

    /** The feature version a Java home's {@code release} file names, if it has one and a {@code bin/java}. */
    public static OptionalInt version(Path home) {
        try {
            if (!Files.isExecutable(home.resolve("bin").resolve("java"))) {
                return OptionalInt.empty();
            }
            Matcher m = JAVA_VERSION.matcher(Files.readString(home.resolve("release")));
            return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    private List<Path> installedHomes() {
        if (!Files.isDirectory(installed)) {
            return List.of();
        }
        try (Stream<Path> homes = Files.list(installed)) {
            return homes.filter(Files::isDirectory).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
