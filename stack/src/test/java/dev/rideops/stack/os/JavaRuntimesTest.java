package dev.rideops.stack.os;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Java homes laid out as Debian's and Temurin's packages do: a {@code release} file and {@code bin/java}. */
public class JavaRuntimesTest {

    @TempDir
    Path jvms;

    /** A Java home with the {@code release} line JDKs write and an executable {@code bin/java}. */
    public static Path fakeJava(Path home, String version) throws IOException {
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
        Path java = Files.writeString(home.resolve("bin/java"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }

    @Test
    void theRunningJavaWhenNewEnoughElseTheNewestInstalledOne() throws IOException {
        Path running = fakeJava(jvms.resolve("java-17"), "17.0.15");
        fakeJava(jvms.resolve("java-21"), "21.0.2");
        Path newest = fakeJava(jvms.resolve("temurin-25"), "25.0.3");
        JavaRuntimes runtimes = new JavaRuntimes(running, jvms);

        assertThat(runtimes.atLeast(17, Optional.empty())).contains(running);
        assertThat(runtimes.atLeast(21, Optional.empty())).contains(newest);
        assertThat(runtimes.atLeast(26, Optional.empty())).isEmpty();
    }

    @Test
    void aConfiguredHomeIsTakenOnlyIfItIsNewEnough() throws IOException {
        Path running = fakeJava(jvms.resolve("java-25"), "25");
        Path old = fakeJava(jvms.resolve("java-17"), "17.0.15");
        JavaRuntimes runtimes = new JavaRuntimes(running, jvms);

        assertThat(runtimes.atLeast(21, Optional.of(running))).contains(running);
        assertThat(runtimes.atLeast(21, Optional.of(old))).isEmpty();
    }

    @Test
    void aDirectoryWithoutAJavaOrItsReleaseFileIsNoJavaHome() throws IOException {
        Path noBinary = fakeJava(jvms.resolve("broken"), "21");
        Files.delete(noBinary.resolve("bin/java"));
        Path noRelease = fakeJava(jvms.resolve("jre"), "21");
        Files.delete(noRelease.resolve("release"));

        assertThat(JavaRuntimes.version(noBinary)).isEmpty();
        assertThat(JavaRuntimes.version(noRelease)).isEmpty();
        assertThat(JavaRuntimes.version(jvms.resolve("missing"))).isEmpty();
    }
}
