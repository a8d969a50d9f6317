package dev.rideops.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.cli.Cli;
import dev.rideops.cli.RideopsCommand;
import dev.rideops.cli.config.ConfigLoader;
import dev.rideops.cli.config.Setting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code generate --detach}: what the background run is given on its command line, and the config it loads. */
class GenerateDetachTest {

    private static final Map<String, String> ENV = Map.of("RIDEOPS_KAFKA_PORT", "19092");

    @TempDir
    Path parentDir;

    @TempDir
    Path childDir;

    private static GenerateCommand parse(Path workDir, String... args) {
        CommandLine cl = Cli.newCommandLine(CommandLine.defaultFactory());
        ((RideopsCommand) cl.getCommand()).useConfigLoader(new ConfigLoader(ENV, workDir, workDir.resolve("user")));
        return (GenerateCommand) cl.parseArgs(args).subcommand().commandSpec().userObject();
    }

    @Test
    void theBackgroundRunGetsItsOwnOptionsButNoSettingsAndLoadsTheParentsConfig() throws Exception {
        Files.writeString(parentDir.resolve("my.yaml"), "source:\n  database: from_file\n");
        GenerateCommand parent = parse(
                parentDir,
                "--set",
                "source.password=s3cret",
                "--config",
                "my.yaml",
                "-v",
                "generate",
                "--home",
                "home",
                "--detach",
                "--volume=tiny",
                "--eps",
                "50",
                "--json",
                "--set",
                "source.port=15432");

        List<String> args = parent.backgroundArgs();

        assertThat(args).containsExactly("--verbose", "generate", "--volume", "tiny", "--eps", "50", "--json");

        Path handover = childDir.resolve("config-handover.json");
        Files.writeString(handover, parent.config().handover().toJson());
        List<String> childArgs = new ArrayList<>(List.of("--config-handover", handover.toString()));
        childArgs.addAll(args);
        GenerateCommand child = parse(childDir, childArgs.toArray(String[]::new));

        assertThat(child.config().all()).isEqualTo(parent.config().all());
        assertThat(child.config().get(Setting.SOURCE_PASSWORD)).isEqualTo("s3cret");
        assertThat(child.config().get(Setting.SOURCE_DATABASE)).isEqualTo("from_file");
        assertThat(child.config().home()).isEqualTo(parentDir.resolve("home"));
    }
}
