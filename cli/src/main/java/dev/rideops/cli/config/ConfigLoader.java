package dev.rideops.cli.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.rideops.cli.error.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the effective config the one way every command uses: built-in defaults, then {@code rideops.yaml}
 * (given with {@code --config}, else in the current directory, else in {@code $RIDEOPS_HOME}), then environment
 * variables, then flags. Each layer overrides the one before, and each value remembers its origin.
 */
public final class ConfigLoader {

    public static final String FILE_NAME = "rideops.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Map<String, String> env;
    private final Path workingDir;
    private final Path userHome;

    public ConfigLoader(Map<String, String> env, Path workingDir, Path userHome) {
        this.env = Map.copyOf(env);
        this.workingDir = workingDir;
        this.userHome = userHome;
    }

    public static ConfigLoader system() {
        return new ConfigLoader(
                System.getenv(), Path.of("").toAbsolutePath(), Path.of(System.getProperty("user.home")));
    }

    public RideopsConfig load(Optional<Path> explicitFile, List<FlagValue> flags) {
        Map<Setting, ConfigValue> values = new EnumMap<>(Setting.class);
        for (Setting s : Setting.values()) {
            values.put(s, new ConfigValue(s.defaultValue(), "default"));
        }
        Map<Setting, ConfigValue> fromEnv = fromEnvironment();
        Map<Setting, ConfigValue> fromFlags = new EnumMap<>(Setting.class);
        for (FlagValue flag : flags) {
            fromFlags.put(flag.setting(), new ConfigValue(flag.value(), "flag " + flag.flag()));
        }

        Optional<Path> file = explicitFile.map(workingDir::resolve).or(() -> findFile(fromFlags, fromEnv));
        if (file.isPresent()) {
            values.putAll(fromFile(file.get()));
        }
        values.putAll(fromEnv);
        values.putAll(fromFlags);

        for (Map.Entry<Setting, ConfigValue> e : values.entrySet()) {
            validate(e.getKey(), e.getValue());
        }
        Path home = expandHome(values.get(Setting.HOME).value());
        values.put(
                Setting.HOME,
                new ConfigValue(home.toString(), values.get(Setting.HOME).origin()));
        GeneratedSecrets.readStored(values, home);
        return new RideopsConfig(values, new ConfigHandover(workingDir, file, flags));
    }

    /**
     * The config a parent command handed over: the same file (or the same search, from the parent's directory),
     * this process's environment (inherited from the parent), the parent's flags and then this process's own.
     */
    public RideopsConfig load(ConfigHandover handover) {
        return new ConfigLoader(env, handover.workingDir(), userHome).load(handover.file(), handover.flags());
    }

    private Optional<Path> findFile(Map<Setting, ConfigValue> fromFlags, Map<Setting, ConfigValue> fromEnv) {
        Path local = workingDir.resolve(FILE_NAME);
        if (Files.isRegularFile(local)) {
            return Optional.of(local);
        }
        ConfigValue home = fromFlags.getOrDefault(
                Setting.HOME,
                fromEnv.getOrDefault(Setting.HOME, new ConfigValue(Setting.HOME.defaultValue(), "default")));
        Path inHome = expandHome(home.value()).resolve(FILE_NAME);
        return Files.isRegularFile(inHome) ? Optional.of(inHome) : Optional.empty();
    }

    private Map<Setting, ConfigValue> fromEnvironment() {
        Map<Setting, ConfigValue> result = new EnumMap<>(Setting.class);
        for (Setting s : Setting.values()) {
            for (String alias : s.aliases()) {
                if (env.containsKey(alias)) {
                    result.put(s, new ConfigValue(env.get(alias), "env " + alias));
                }
            }
            if (env.containsKey(s.envName())) {
                result.put(s, new ConfigValue(env.get(s.envName()), "env " + s.envName()));
            }
        }
        return result;
    }

    Map<Setting, ConfigValue> fromFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UsageException(
                    "config file " + file + " does not exist",
                    "check the --config path, or drop --config to use defaults");
        }
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (JacksonException e) {
            String where =
                    e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new UsageException(
                    "config file " + file + " is not valid YAML" + where + ": " + e.getOriginalMessage(),
                    "fix the file; 'rideops config show' lists every setting");
        } catch (IOException e) {
            throw new UsageException(
                    "cannot read config file " + file + ": " + e.getMessage(), "check its permissions");
        }
        Map<Setting, ConfigValue> result = new EnumMap<>(Setting.class);
        if (root == null || root.isMissingNode() || root.isNull()) {
            return result;
        }
        if (!root.isObject()) {
            throw new UsageException(
                    "config file " + file + " must be a map of settings", "write e.g. 'source:\\n  port: 5432'");
        }
        Map<String, String> flat = new LinkedHashMap<>();
        flatten("", root, flat);
        for (Map.Entry<String, String> e : flat.entrySet()) {
            Setting setting = Setting.byKey(e.getKey())
                    .orElseThrow(() -> new UsageException(
                            "unknown setting '" + e.getKey() + "' in " + file, suggestion(e.getKey())));
            result.put(setting, new ConfigValue(e.getValue(), "file " + file));
        }
        return result;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), out);
            }
        } else {
            out.put(prefix, node.isNull() ? "" : node.asText());
        }
    }

    /** Parses a {@code --set key=value} flag. */
    public static FlagValue parseSet(String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new UsageException(
                    "--set needs key=value, got '" + assignment + "'",
                    "e.g. --set source.port=15432 ('rideops config show' lists keys)");
        }
        String key = assignment.substring(0, eq).trim();
        Setting setting = Setting.byKey(key)
                .orElseThrow(() -> new UsageException("unknown setting '" + key + "' in --set", suggestion(key)));
        return new FlagValue(setting, assignment.substring(eq + 1).trim(), "--set " + key);
    }

    static void validate(Setting setting, ConfigValue value) {
        String problem = setting.type().check(value.value());
        if (problem != null) {
            throw new UsageException(
                    "invalid value '" + value.value() + "' for " + setting.key() + " (from " + value.origin() + ")",
                    problem);
        }
    }

    private Path expandHome(String value) {
        if (value.equals("~")) {
            return userHome;
        }
        if (value.startsWith("~/")) {
            return userHome.resolve(value.substring(2));
        }
        return workingDir.resolve(value).normalize();
    }

    static String suggestion(String unknownKey) {
        String prefix = unknownKey.contains(".") ? unknownKey.substring(0, unknownKey.indexOf('.') + 1) : "";
        List<String> near = new ArrayList<>();
        for (Setting s : Setting.values()) {
            if (!prefix.isEmpty() && s.key().startsWith(prefix)) {
                near.add(s.key());
            }
        }
        if (near.isEmpty()) {
            return "'rideops config show' lists every setting";
        }
        return "known keys there: " + String.join(", ", near);
    }
}
