package dev.rideops.stack.os;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Answers "is this TCP port free, and if not, which process listens on it?" from {@code /proc} on Linux, so a
 * clash message can name the process instead of just saying "address in use".
 */
public final class PortOwners {

    private static final String LISTEN = "0A";

    private final Path proc;

    public PortOwners(Path proc) {
        this.proc = proc;
    }

    public static PortOwners system() {
        return new PortOwners(Path.of("/proc"));
    }

    /** True when nothing listens on the port on loopback or on all interfaces. */
    public boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The process listening on the port, when /proc lets us see it. */
    public Optional<ProcessInfo> listenerOf(int port) {
        Set<String> inodes = listeningInodes(port);
        if (inodes.isEmpty()) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, "[0-9]*")) {
            for (Path pidDir : pids) {
                if (holdsAnySocket(pidDir, inodes)) {
                    long pid = Long.parseLong(pidDir.getFileName().toString());
                    return Optional.of(new ProcessInfo(pid, commandLine(pidDir)));
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    Set<String> listeningInodes(int port) {
        Set<String> inodes = new HashSet<>();
        for (String table : List.of("net/tcp", "net/tcp6")) {
            Path file = proc.resolve(table);
            if (!Files.isReadable(file)) {
                continue;
            }
            try {
                List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
                for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length < 10 || !LISTEN.equals(f[3])) {
                        continue;
                    }
                    String local = f[1];
                    int localPort = Integer.parseInt(local.substring(local.indexOf(':') + 1), 16);
                    if (localPort == port) {
                        inodes.add(f[9]);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // An unreadable or odd table only means we cannot name the owner.
            }
        }
        return inodes;
    }

    private static boolean holdsAnySocket(Path pidDir, Set<String> inodes) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(pidDir.resolve("fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[") && inodes.contains(target.substring(8, target.length() - 1))) {
                        return true;
                    }
                } catch (IOException e) {
                    // fd closed meanwhile
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    static String commandLine(Path pidDir) {
        try {
            byte[] raw = Files.readAllBytes(pidDir.resolve("cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim();
        } catch (IOException e) {
            return "?";
        }
    }
}
