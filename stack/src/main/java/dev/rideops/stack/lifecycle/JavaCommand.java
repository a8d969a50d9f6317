package dev.rideops.stack.lifecycle;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds the command line of a JVM service: the running JDK's java, heap, classpath, main class, arguments. */
public final class JavaCommand {

    private final List<String> jvmOptions = new ArrayList<>();
    private final List<String> classpath = new ArrayList<>();
    private final List<String> arguments = new ArrayList<>();
    private String mainClass;
    private Path javaHome = Path.of(System.getProperty("java.home"));
    private String collector = "-XX:+UseG1GC";

    public static JavaCommand of(String mainClass) {
        JavaCommand command = new JavaCommand();
        command.mainClass = mainClass;
        return command;
    }

    /** Fixed heap: -Xms = -Xmx, so the footprint is known up front. */
    public JavaCommand heapMb(int mb) {
        jvmOptions.add("-Xms" + mb + "m");
        jvmOptions.add("-Xmx" + mb + "m");
        return this;
    }

    /** Another Java than the CLI's, for a service built for a newer one. */
    public JavaCommand javaHome(Path home) {
        javaHome = home;
        return this;
    }

    /**
     * The parallel collector instead of G1: no concurrent marking or remembered sets to keep, cheaper write barriers,
     * so less CPU per allocated byte, for pauses that grow with the heap. For a service whose pauses delay nothing
     * the user waits on at once. A JVM takes one collector: a second {@code -XX:+Use…GC} would refuse to start.
     */
    public JavaCommand throughputCollector() {
        collector = "-XX:+UseParallelGC";
        return this;
    }

    public JavaCommand jvm(String... options) {
        jvmOptions.addAll(List.of(options));
        return this;
    }

    public JavaCommand jvm(List<String> options) {
        jvmOptions.addAll(options);
        return this;
    }

    public JavaCommand property(String key, Object value) {
        jvmOptions.add("-D" + key + "=" + value);
        return this;
    }

    /** All jars of a directory, the way {@code java -cp 'dir/*'} reads them. */
    public JavaCommand jarsIn(Path dir) {
        classpath.add(dir.resolve("*").toString());
        return this;
    }

    public JavaCommand classes(Path dir) {
        classpath.add(dir.toString());
        return this;
    }

    public JavaCommand args(String... args) {
        arguments.addAll(List.of(args));
        return this;
    }

    public JavaCommand args(List<String> args) {
        arguments.addAll(args);
        return this;
    }

    public List<String> build() {
        List<String> command = new ArrayList<>();
        command.add(javaHome.resolve("bin").resolve("java").toString());
        command.add(collector);
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(String.join(":", classpath));
        command.add(mainClass);
        command.addAll(arguments);
        return command;
    }
}
