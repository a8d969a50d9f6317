package dev.rideops.cli.env;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShellTest {

    private static final Map<String, String> VARIABLES = new LinkedHashMap<>(Map.of(
            "FLINK_URL", "http://127.0.0.1:8081",
            "ODD", "it's $HOME `x` \\\\ \"q\""));

    @Test
    void bashExportsEveryVariableSoThatEvalGivesBackTheExactValue() throws Exception {
        String script = Shell.BASH.render(VARIABLES);

        assertThat(script).startsWith("export ").contains("export FLINK_URL='http://127.0.0.1:8081'\n");
        Process bash = new ProcessBuilder("bash", "-c", "eval \"$1\"; printf '%s' \"$ODD\"", "env-test", script)
                .redirectErrorStream(true)
                .start();
        String value = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor()).isZero();
        assertThat(value).isEqualTo(VARIABLES.get("ODD"));
    }

    @Test
    void fishSetsGlobalExportedVariablesWithItsOwnEscapes() {
        String script = Shell.FISH.render(VARIABLES);

        assertThat(script)
                .contains("set -gx FLINK_URL 'http://127.0.0.1:8081'\n")
                .contains("set -gx ODD 'it\\'s $HOME `x` \\\\\\\\ \"q\"'\n");
    }

    @Test
    void jsonIsOneObjectOfTheVariables() throws Exception {
        Map<?, ?> parsed = new ObjectMapper().readValue(Shell.JSON.render(VARIABLES), Map.class);

        assertThat(parsed).isEqualTo(VARIABLES);
    }
}
