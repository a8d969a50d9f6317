package dev.rideops.stack.services;

import dev.rideops.stack.RuntimeLayout;
import dev.rideops.stack.lifecycle.JavaCommand;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What the services that are the rideops CLI itself (the background generator, the dashboard) share: the command
 * line that runs the built CLI, and the config hand-over file, which may hold passwords and so is readable by its
 * user only.
 */
final class RideopsProcess {

    static final String HANDOVER_OPTION = "--config-handover";

    private RideopsProcess() {}

    static List<String> command(RuntimeLayout runtimes, String maxHeap, List<String> args) {
        return JavaCommand.of("io.quarkus.bootstrap.runner.QuarkusEntryPoint")
                .jvm("-Xmx" + maxHeap)
                .property("rideops.dist", runtimes.dist())
                .classes(runtimes.dist().resolve("cli/target/quarkus-app/quarkus-run.jar"))
                .args(args)
                .build();
    }

    /** Created with its final mode, so the content is never readable by others, not even for a moment. */
    static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        FileAttribute<Set<PosixFilePermission>> ownerOnly =
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
        try (SeekableByteChannel out = Files.newByteChannel(
                file, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly)) {
            out.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
        }
    }
}
