package dev.rideops.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rideops.cli.error.RideopsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a rideops process started by another one (the background generator) needs to load the very config of the
 * command that started it. The environment is inherited anyway; the rest is here: the directory relative paths
 * were resolved against, the config file that command read (none: the same search, from the same directory) and
 * its flag values. Flags may hold passwords, so this travels in a file only the user can read, never as arguments.
 */
public record ConfigHandover(Path workingDir, Optional<Path> file, List<FlagValue> flags, boolean complete) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ConfigHandover {
        flags = List.copyOf(flags);
    }

    /** What the process reads again: the file, the environment, the secret files, under the flags handed over. */
    public ConfigHandover(Path workingDir, Optional<Path> file, List<FlagValue> flags) {
        this(workingDir, file, flags, false);
    }

    /**
     * A hand-over that holds the whole config as flags ({@link RideopsConfig#completeHandover}): the process reads no
     * config file, no home secret file and not the environment rideops was run with, as a service running as its own
     * user could open none of root's files and gets none of rideops's environment.
     */
    static ConfigHandover complete(Path workingDir, List<FlagValue> flags) {
        return new ConfigHandover(workingDir, Optional.empty(), flags, true);
    }

    /** The flags of the process that reads this, over those handed over. */
    public ConfigHandover plus(List<FlagValue> more) {
        List<FlagValue> all = new ArrayList<>(flags);
        all.addAll(more);
        return new ConfigHandover(workingDir, file, all, complete);
    }

    /**
     * This hand-over for a process that needs only the given passwords: every other password flag of the starting
     * command (say {@code --set postgres.admin-password=...} on {@code up}) stays out of the file, so a background
     * service holds no secret beyond its own role's, nor a native setting of a server's. Passwords in secret files or
     * the inherited environment are read there, as by any command.
     */
    public ConfigHandover withOnlySecrets(Setting... needed) {
        java.util.Set<Setting> keep = java.util.Set.of(needed);
        List<FlagValue> kept = flags.stream()
                // native settings (kafka.properties.*) configure the servers, may hold their secrets, and no
                // background service uses them
                .filter(f ->
                        f.setting() != null && (f.setting().type() != ValueType.SECRET || keep.contains(f.setting())))
                .toList();
        return new ConfigHandover(workingDir, file, kept, complete);
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("working_dir", workingDir.toString());
        root.put("file", file.map(Path::toString).orElse(null));
        root.put("complete", complete);
        ArrayNode array = root.putArray("flags");
        for (FlagValue flag : flags) {
            array.addObject().put("key", flag.key()).put("value", flag.value()).put("flag", flag.flag());
        }
        return root.toString();
    }

    /** Reads the hand-over and deletes it, so the passwords it may hold do not stay on disk. */
    public static ConfigHandover take(Path path) {
        try {
            ConfigHandover handover = parse(JSON.readTree(Files.readString(path)));
            Files.delete(path);
            return handover;
        } catch (IOException | RuntimeException e) {
            throw new RideopsException(
                    "cannot read the config handed over in " + path + ": " + e.getMessage(),
                    "start the generator again with 'rideops up' or 'rideops generate --detach'",
                    e);
        }
    }

    private static ConfigHandover parse(JsonNode root) {
        List<FlagValue> flags = new ArrayList<>();
        for (JsonNode flag : root.get("flags")) {
            flags.add(ConfigLoader.flag(
                    flag.get("key").asText(),
                    flag.get("value").asText(),
                    flag.get("flag").asText()));
        }
        JsonNode file = root.get("file");
        return new ConfigHandover(
                Path.of(root.get("working_dir").asText()),
                file == null || file.isNull() ? Optional.empty() : Optional.of(Path.of(file.asText())),
                flags,
                root.path("complete").asBoolean(false));
    }
}
