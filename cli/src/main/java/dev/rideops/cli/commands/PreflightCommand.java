package dev.rideops.cli.commands;

import dev.rideops.cli.config.FlagValue;
import dev.rideops.cli.config.Setting;
import dev.rideops.cli.config.StackSpecs;
import dev.rideops.cli.error.ExitCodes;
import dev.rideops.cli.options.JsonMixin;
import dev.rideops.cli.output.Json;
import dev.rideops.cli.output.Table;
import dev.rideops.stack.StackSpec;
import dev.rideops.stack.os.CurrentUser;
import dev.rideops.stack.os.Executables;
import dev.rideops.stack.os.PortOwners;
import dev.rideops.stack.preflight.Check;
import dev.rideops.stack.preflight.CheckStatus;
import dev.rideops.stack.preflight.Preflight;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "preflight",
        description = "Check that this machine can run the stack: Java, memory, disk, ports, built artifacts, "
                + "and optional tools. Exits 0 only when nothing required fails.")
public class PreflightCommand extends BaseCommand {

    @Mixin
    JsonMixin json;

    @Mixin
    StackOptions stackOptions;

    @Override
    protected List<FlagValue> configFlags() {
        return stackOptions.flags();
    }

    @Override
    protected int execute() {
        Path proc = Path.of("/proc");
        StackSpec spec = Stacks.specFromConfig(config());
        List<Check> checks = new Preflight(
                        spec,
                        config().bytes(Setting.DISK_MIN_FREE),
                        proc,
                        PortOwners.system(),
                        Executables.fromEnvironment(),
                        // a port held by this home's running service is in use by rideops, not a clash
                        Stacks.current(config()).runningPids(),
                        CurrentUser.isRoot())
                .run();
        boolean passed = Preflight.passed(checks);
        if (json.enabled()) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("passed", passed);
            report.put("brokers", spec.kafka().brokers());
            report.put("checks", checks);
            Json.print(out(), report);
        } else {
            Table table = new Table("CHECK", "STATUS", "DETAIL", "FIX");
            for (Check c : checks) {
                table.row(c.group() + "/" + c.name(), c.status(), c.detail(), c.fix());
            }
            table.print(out());
            long warnings =
                    checks.stream().filter(c -> c.status() == CheckStatus.WARN).count();
            long failures =
                    checks.stream().filter(c -> c.status() == CheckStatus.FAIL).count();
            out().println();
            out().println(
                            passed
                                    ? "preflight passed (" + warnings + " warning" + (warnings == 1 ? "" : "s") + "): "
                                            + spec.kafka().brokers() + " broker"
                                            + (spec.kafka().brokers() == 1 ? "" : "s")
                                            + StackSpecs.brokersChosenBy(config())
                                    : "preflight failed: " + failures + " required check" + (failures == 1 ? "" : "s")
                                            + " failed; see FIX above");
        }
        return passed ? ExitCodes.OK : ExitCodes.FAILURE;
    }
}
