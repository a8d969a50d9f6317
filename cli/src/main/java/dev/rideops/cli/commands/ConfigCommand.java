package dev.rideops.cli.commands;

import dev.rideops.cli.config.ConfigValue;
import dev.rideops.cli.config.NativeSection;
import dev.rideops.cli.config.RideopsConfig;
import dev.rideops.cli.config.Setting;
import dev.rideops.cli.options.JsonMixin;
import dev.rideops.cli.output.Json;
import dev.rideops.cli.output.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "config", description = "Inspect the effective configuration.", subcommands = ConfigCommand.Show.class)
public class ConfigCommand extends BaseCommand {

    @Override
    protected int execute() {
        spec.commandLine().usage(out());
        return 0;
    }

    /**
     * The services' own settings as rows of key, value (masked when the key names a password or secret), origin.
     */
    static List<String[]> nativeRows(RideopsConfig config) {
        List<String[]> rows = new ArrayList<>();
        for (NativeSection section : NativeSection.values()) {
            config.nativeSettings(section)
                    .forEach((key, value) -> rows.add(new String[] {
                        section.key() + "." + key, NativeSection.shown(key, value.value()), value.origin()
                    }));
        }
        return rows;
    }

    @Command(
            name = "show",
            description = "Print every setting's effective value and where it came from "
                    + "(default, file, env or flag). Secrets are masked.")
    static class Show extends BaseCommand {

        @Mixin
        JsonMixin json;

        @Override
        protected int execute() {
            RideopsConfig config = config();
            if (json.enabled()) {
                Map<String, Object> report = new LinkedHashMap<>();
                report.put("file", config.file().map(Object::toString).orElse(null));
                List<Map<String, String>> settings = new ArrayList<>();
                for (Setting s : Setting.values()) {
                    ConfigValue v = config.all().get(s);
                    Map<String, String> row = new LinkedHashMap<>();
                    row.put("key", s.key());
                    row.put("value", s.shown(v.value()));
                    row.put("origin", v.origin());
                    row.put("env", s.envName());
                    settings.add(row);
                }
                report.put("settings", settings);
                List<Map<String, String>> natives = new ArrayList<>();
                nativeRows(config).forEach(r -> {
                    Map<String, String> row = new LinkedHashMap<>();
                    row.put("key", r[0]);
                    row.put("value", r[1]);
                    row.put("origin", r[2]);
                    natives.add(row);
                });
                report.put("native", natives);
                Json.print(out(), report);
                return 0;
            }
            Table table = new Table("KEY", "VALUE", "FROM", "ENV");
            for (Setting s : Setting.values()) {
                ConfigValue v = config.all().get(s);
                table.row(s.key(), s.shown(v.value()), v.origin(), s.envName());
            }
            nativeRows(config).forEach(r -> table.row(r[0], r[1], r[2], "-"));
            table.print(out());
            out().println();
            out().println(config.file()
                    .map(f -> "config file: " + f)
                    .orElse("config file: none (looked for ./rideops.yaml and " + config.home() + "/rideops.yaml)"));
            return 0;
        }
    }
}
