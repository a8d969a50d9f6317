package dev.rideops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.rideops.cli.commands.StatusCommand;
import dev.rideops.cli.config.Setting;
import dev.rideops.cli.exporter.PipelineMetrics;
import dev.rideops.stack.RuntimeLayout;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The shipped alert rules agree with the CLI: the lag limit with its setting, runbooks with its commands. */
class AlertRulesTest {

    private static final Pattern COMMAND = Pattern.compile("rideops ([a-z-]+)");

    private static List<JsonNode> rules;

    @BeforeAll
    static void readRules() throws IOException {
        JsonNode file = new ObjectMapper(new YAMLFactory())
                .readTree(RuntimeLayout.locate().alertRules().toFile());
        rules = new ArrayList<>();
        file.get("groups").forEach(g -> g.get("rules").forEach(rules::add));
    }

    private static JsonNode rule(String alert) {
        return rules.stream()
                .filter(r -> r.get("alert").asText().equals(alert))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void theLagAlertFiresAboveTheLimitUpChecks() {
        String limit = Setting.HEALTH_MAX_LAG_RECORDS.defaultValue();

        assertThat(rule("RideopsConsumerLagHigh").get("expr").asText()).endsWith("> " + limit);
        assertThat(rule("RideopsConsumerLagHigh").at("/annotations/summary").asText())
                .contains("(limit " + limit + ")");
    }

    @Test
    void theLagAgeAlertFiresWhereStatusSaysItDoes() {
        assertThat(rule("RideopsConsumerLagOld").get("expr").asText())
                .contains("rideops_consumer_lag_seconds")
                .endsWith("> " + StatusCommand.LAG_ALERT_SECONDS);
    }

    /**
     * The freshness rules read the source's row changes by the name the exporter serves, and the stale rule's window
     * of changes is the time it adds to the limit: a shorter addition would let the changes of a source that just
     * went quiet still count while the mart's age passes it, which is the quiet source firing again.
     */
    @Test
    void theFreshnessRulesReadTheExportersRowChangesAndTheStaleRuleAddsItsWholeWindowToTheLimit() {
        String counter = PipelineMetrics.ROW_CHANGES + "_total";
        String stale = rule("RideopsMartStale").get("expr").asText();
        assertThat(stale).contains(counter);
        assertThat(rule("RideopsSourceQuiet").get("expr").asText()).contains(counter);

        Matcher added =
                Pattern.compile("rideops_mart_max_age_seconds \\+ (\\d+)\\)").matcher(stale);
        Matcher window = Pattern.compile(counter + "\\[(\\d+)m]").matcher(stale);
        assertThat(added.find()).as(stale).isTrue();
        assertThat(window.find()).as(stale).isTrue();
        assertThat(Long.parseLong(added.group(1))).isEqualTo(Long.parseLong(window.group(1)) * 60);
        assertThat(rule("RideopsMartStale").at("/labels/severity").asText()).isEqualTo("critical");
        assertThat(rule("RideopsSourceQuiet").at("/labels/severity").asText()).isEqualTo("warning");
    }

    @Test
    void everyRuleSaysHowBadItIsWhatHappenedAndWhichCommandsToRun() {
        Set<String> commands = Cli.newCommandLine(CommandLine.defaultFactory())
                .getSubcommands()
                .keySet();

        assertThat(rules).hasSizeGreaterThanOrEqualTo(8);
        for (JsonNode rule : rules) {
            String alert = rule.get("alert").asText();
            assertThat(rule.has("for")).as(alert).isTrue();
            assertThat(rule.at("/labels/severity").asText()).as(alert).isIn("warning", "critical");
            assertThat(rule.at("/annotations/summary").asText()).as(alert).isNotBlank();
            Matcher matcher = COMMAND.matcher(rule.at("/annotations/runbook").asText());
            List<String> named = new ArrayList<>();
            while (matcher.find()) {
                named.add(matcher.group(1));
            }
            assertThat(named).as(alert + " runbook").isNotEmpty();
            assertThat(commands).as(alert + " runbook").containsAll(named);
        }
    }
}
