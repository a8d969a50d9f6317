package dev.rideops.cli.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.rideops.cli.error.UsageException;
import dev.rideops.stack.StackSpec.Monitoring;
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
        return load(explicitFile, true, flags);
    }

    /** @param search whether to look for a config file when none is given (not for a complete hand-over) */
    private RideopsConfig load(Optional<Path> explicitFile, boolean search, List<FlagValue> flags) {
        Map<Setting, ConfigValue> values = new EnumMap<>(Setting.class);
        for (Setting s : Setting.values()) {
            values.put(s, new ConfigValue(s.defaultValue(), "default"));
        }
        Map<Setting, ConfigValue> fromEnv = fromEnvironment();
        Map<Setting, ConfigValue> fromFlags = new EnumMap<>(Setting.class);
        Map<NativeSection, Map<String, ConfigValue>> nativeFlags = new EnumMap<>(NativeSection.class);
        for (FlagValue flag : flags) {
            ConfigValue value = new ConfigValue(flag.value(), "flag " + flag.flag());
            if (flag.setting() != null) {
                fromFlags.put(flag.setting(), value);
            } else {
                nativeFlags
                        .computeIfAbsent(flag.section(), k -> new LinkedHashMap<>())
                        .put(flag.nativeKey(), value);
            }
        }

        Optional<Path> file = explicitFile
                .map(workingDir::resolve)
                .or(() -> search ? findFile(fromFlags, fromEnv) : Optional.empty());
        Map<NativeSection, Map<String, ConfigValue>> natives = new EnumMap<>(NativeSection.class);
        FileConfig fileConfig = file.map(this::read).orElse(FileConfig.EMPTY);
        values.putAll(fileConfig.settings());
        fileConfig
                .natives()
                .forEach((section, map) -> natives.computeIfAbsent(section, k -> new LinkedHashMap<>())
                        .putAll(map));
        String profile = Optional.ofNullable(fromFlags.get(Setting.PROFILE))
                .or(() -> Optional.ofNullable(fromEnv.get(Setting.PROFILE)))
                .or(() -> Optional.ofNullable(fileConfig.settings().get(Setting.PROFILE)))
                .map(ConfigValue::value)
                .orElse("");
        if (!profile.isEmpty()) {
            FileConfig chosen = profile(file, fileConfig, profile);
            values.putAll(chosen.settings());
            chosen.natives()
                    .forEach((section, map) -> natives.computeIfAbsent(section, k -> new LinkedHashMap<>())
                            .putAll(map));
        }
        values.putAll(fromEnv);
        values.putAll(fromFlags);
        for (Map<NativeSection, Map<String, ConfigValue>> layer : List.of(nativesFromEnvironment(), nativeFlags)) {
            layer.forEach((section, map) ->
                    natives.computeIfAbsent(section, k -> new LinkedHashMap<>()).putAll(map));
        }

        for (Map.Entry<Setting, ConfigValue> e : values.entrySet()) {
            validate(e.getKey(), e.getValue());
        }
        applyPortOffset(values);
        checkJmxPorts(values);
        Path home = expandHome(values.get(Setting.HOME).value());
        values.put(
                Setting.HOME,
                new ConfigValue(home.toString(), values.get(Setting.HOME).origin()));
        GeneratedSecrets.readStored(values, home);
        SavedStackSettings.apply(values, home);
        KafkaTls.applyTls(values);
        return new RideopsConfig(values, natives, new ConfigHandover(workingDir, file, flags, !search));
    }

    /**
     * {@code stack.port-offset} moves every local port by the same amount, so the ports of two stacks never meet
     * and each stays where the other's default would be plus the offset. The origin says so.
     */
    static void applyPortOffset(Map<Setting, ConfigValue> values) {
        ConfigValue offset = values.get(Setting.STACK_PORT_OFFSET);
        int n = Integer.parseInt(offset.value());
        if (n == 0) {
            return;
        }
        for (Setting s : Setting.values()) {
            if (s.type() != ValueType.PORT) {
                continue;
            }
            ConfigValue base = values.get(s);
            int moved = Integer.parseInt(base.value()) + n;
            if (moved > 65535) {
                throw new UsageException(
                        s.key() + " " + base.value() + " + stack.port-offset " + n + " (from " + offset.origin()
                                + ") is beyond 65535",
                        "choose a smaller offset; below 32768 - " + base.value()
                                + " also keeps clear of the ephemeral ports");
            }
            values.put(s, new ConfigValue(Integer.toString(moved), base.origin() + " + stack.port-offset " + n));
        }
    }

    /**
     * {@code monitoring.jmx-port} is the first of the JMX exporter agents' ports ({@link Monitoring#JMX_PORTS}): the
     * last of them, after the offset, must be a port too.
     */
    static void checkJmxPorts(Map<Setting, ConfigValue> values) {
        ConfigValue first = values.get(Setting.MONITORING_JMX_PORT);
        int last = Integer.parseInt(first.value()) + Monitoring.JMX_PORTS - 1;
        if (last > 65535) {
            int offset = Integer.parseInt(values.get(Setting.STACK_PORT_OFFSET).value());
            throw new UsageException(
                    Setting.MONITORING_JMX_PORT.key() + " " + first.value() + " (from " + first.origin()
                            + ") leaves the JMX exporter agents' last port at " + last + ", beyond 65535",
                    "set " + Setting.MONITORING_JMX_PORT.key() + " to at most "
                            + (65536 - Monitoring.JMX_PORTS - offset)
                            + (offset == 0 ? "" : " (with stack.port-offset " + offset + ")"));
        }
    }

    /** The named profile of the file, or a usage error that lists the profiles there. */
    private static FileConfig profile(Optional<Path> file, FileConfig fileConfig, String name) {
        if (file.isEmpty()) {
            throw new UsageException(
                    "profile '" + name + "' is asked for, but no rideops.yaml was found",
                    "write it under 'profiles:' in ./rideops.yaml or $RIDEOPS_HOME/rideops.yaml, or give --config FILE");
        }
        FileConfig chosen = fileConfig.profiles().get(name);
        if (chosen == null) {
            throw new UsageException(
                    "no profile '" + name + "' in " + file.get(),
                    fileConfig.profiles().isEmpty()
                            ? "add it under 'profiles:' in that file"
                            : "profiles there: "
                                    + String.join(", ", fileConfig.profiles().keySet()));
        }
        return chosen;
    }

    /**
     * The config a parent command handed over: the same file (or the same search, from the parent's directory),
     * this process's environment (inherited from the parent), the parent's flags and then this process's own; of a
     * complete hand-over, its flags only (over the defaults and whatever environment this process has).
     */
    public RideopsConfig load(ConfigHandover handover) {
        return new ConfigLoader(env, handover.workingDir(), userHome)
                .load(handover.file(), !handover.complete(), handover.flags());
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

    /** The native settings in the environment ({@link NativeSection#fromEnvName}), in name order. */
    private Map<NativeSection, Map<String, ConfigValue>> nativesFromEnvironment() {
        Map<NativeSection, Map<String, ConfigValue>> result = new EnumMap<>(NativeSection.class);
        for (String name : new java.util.TreeSet<>(env.keySet())) {
            for (NativeSection section : NativeSection.values()) {
                String prefix = section.envPrefix();
                if (name.startsWith(prefix) && name.length() > prefix.length()) {
                    result.computeIfAbsent(section, k -> new LinkedHashMap<>())
                            .put(
                                    NativeSection.fromEnvName(name.substring(prefix.length())),
                                    new ConfigValue(env.get(name), "env " + name));
                }
            }
        }
        return result;
    }

    /**
     * One layer of settings from the file (or one of its profiles): rideops's own settings, the services' native
     * maps, and (at the top only) the profiles.
     */
    record FileConfig(
            Map<Setting, ConfigValue> settings,
            Map<NativeSection, Map<String, ConfigValue>> natives,
            Map<String, FileConfig> profiles) {

        static final FileConfig EMPTY = new FileConfig(Map.of(), Map.of(), Map.of());
    }

    Map<Setting, ConfigValue> fromFile(Path file) {
        return read(file).settings();
    }

    FileConfig read(Path file) {
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
        if (root == null || root.isMissingNode() || root.isNull()) {
            return FileConfig.EMPTY;
        }
        if (!root.isObject()) {
            throw new UsageException(
                    "config file " + file + " must be a map of settings", "write e.g. 'source:\\n  port: 5432'");
        }
        ObjectNode top = ((ObjectNode) root).deepCopy();
        JsonNode profilesNode = top.remove("profiles");
        Map<String, FileConfig> profiles = new LinkedHashMap<>();
        if (profilesNode != null && !profilesNode.isNull()) {
            if (!profilesNode.isObject()) {
                throw new UsageException(
                        "'profiles' in " + file + " must map profile names to settings",
                        "write e.g. 'profiles:\\n  remote:\\n    flink:\\n      url: http://flink:8081'");
            }
            Iterator<Map.Entry<String, JsonNode>> named = profilesNode.fields();
            while (named.hasNext()) {
                Map.Entry<String, JsonNode> p = named.next();
                if (!p.getValue().isObject()) {
                    throw new UsageException(
                            "profile '" + p.getKey() + "' in " + file + " must be a map of settings",
                            "write settings under it as at the top of the file");
                }
                FileConfig profile = layer((ObjectNode) p.getValue().deepCopy(), file, "profile " + p.getKey() + " ");
                if (profile.settings().containsKey(Setting.PROFILE)) {
                    throw new UsageException(
                            "profile '" + p.getKey() + "' in " + file + " sets 'profile'",
                            "choose the profile at the top of the file, with --profile or RIDEOPS_PROFILE");
                }
                profiles.put(p.getKey(), profile);
            }
        }
        FileConfig base = layer(top, file, "");
        return new FileConfig(base.settings(), base.natives(), profiles);
    }

    /** Settings and native maps of one map of the file; {@code where} prefixes the origin ("profile x "). */
    private static FileConfig layer(ObjectNode node, Path file, String where) {
        String origin = where + "file " + file;
        Map<NativeSection, Map<String, ConfigValue>> natives = new EnumMap<>(NativeSection.class);
        for (NativeSection section : NativeSection.values()) {
            JsonNode parent = node.get(section.parent());
            if (parent == null || !parent.isObject() || !parent.has(section.child())) {
                continue;
            }
            JsonNode map = ((ObjectNode) parent).remove(section.child());
            if (map.isNull()) {
                continue;
            }
            if (!map.isObject()) {
                throw new UsageException(
                        section.key() + " in " + origin + " must be a map of the service's own keys",
                        "write e.g. '" + section.parent() + ":\\n  " + section.child() + ":\\n    "
                                + section.description()
                                        .substring(section.description().indexOf("e.g. ") + 5)
                                + "'");
            }
            Map<String, String> flat = new LinkedHashMap<>();
            flattenNative(section, "", map, flat, origin);
            Map<String, ConfigValue> values = natives.computeIfAbsent(section, k -> new LinkedHashMap<>());
            flat.forEach((k, v) -> values.put(k, new ConfigValue(v, origin)));
        }
        Map<String, String> flat = new LinkedHashMap<>();
        flatten("", node, flat);
        Map<Setting, ConfigValue> result = new EnumMap<>(Setting.class);
        for (Map.Entry<String, String> e : flat.entrySet()) {
            // the dotted form of a native map: 'kafka.properties.num.partitions: 3', or 'kafka: {properties.x: 1}'
            Optional<NativeSection> section = NativeSection.containing(e.getKey());
            if (section.isPresent()) {
                natives.computeIfAbsent(section.get(), k -> new LinkedHashMap<>())
                        .put(section.get().nativeKey(e.getKey()), new ConfigValue(e.getValue(), origin));
                continue;
            }
            Setting setting = Setting.byKey(e.getKey())
                    .orElseThrow(() -> new UsageException(
                            "unknown setting '" + e.getKey() + "' in " + origin, suggestion(e.getKey())));
            result.put(setting, new ConfigValue(e.getValue(), origin));
        }
        return new FileConfig(result, natives, Map.of());
    }

    /** Native keys may be nested or dotted ({@code num.io.threads: 8} or {@code num: {io: {threads: 8}}}). */
    private static void flattenNative(
            NativeSection section, String prefix, JsonNode node, Map<String, String> out, String origin) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                flattenNative(
                        section,
                        prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(),
                        field.getValue(),
                        out,
                        origin);
            }
        } else if (node.isArray()) {
            throw new UsageException(
                    section.key() + "." + prefix + " in " + origin + " is a list",
                    "write it as the service reads it, as one text value (e.g. 'a,b' for Kafka, 'a;b' for Flink)");
        } else {
            out.put(prefix, node.isNull() ? "" : node.asText());
        }
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
        return flag(key, assignment.substring(eq + 1).trim(), "--set " + key);
    }

    /** A flag's value for a dotted key: one of rideops's settings or a key of a service's native map. */
    static FlagValue flag(String key, String value, String flag) {
        Optional<NativeSection> section = NativeSection.containing(key);
        if (section.isPresent()) {
            return FlagValue.ofNative(section.get(), section.get().nativeKey(key), value, flag);
        }
        NativeSection.byKey(key).ifPresent(whole -> {
            throw new UsageException(
                    whole.key() + " is a map of the service's own keys, not one value",
                    "set one key of it: --set " + whole.key() + ".KEY=VALUE, e.g. " + whole.key() + "."
                            + whole.example());
        });
        Setting setting = Setting.byKey(key)
                .orElseThrow(() -> new UsageException(
                        "unknown setting '" + key + "' in " + flag.replace(" " + key, ""), suggestion(key)));
        return new FlagValue(setting, value, flag);
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
