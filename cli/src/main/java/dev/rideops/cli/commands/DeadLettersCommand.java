package dev.rideops.cli.commands;

import dev.rideops.cli.deadletters.DeadLetterSummary;
import dev.rideops.cli.deadletters.SearchReplay;
import dev.rideops.cli.error.ExitCodes;
import dev.rideops.cli.error.RideopsException;
import dev.rideops.cli.error.UsageException;
import dev.rideops.cli.options.JsonMixin;
import dev.rideops.cli.output.Json;
import dev.rideops.cli.output.Table;
import dev.rideops.clients.kafka.DeadLetterLog;
import dev.rideops.clients.search.PingReindex;
import dev.rideops.contract.JobContract;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "dead-letters",
        description = "What the dead-letter topic (" + JobContract.DEAD_LETTER_TOPIC + ") holds: records by reason "
                + "and by kind, and how many the replay has not reached. 'replay --search' indexes the pings held "
                + "back while the search node failed.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  rideops dead-letters",
            "  rideops dead-letters --json | jq .to_replay",
            "  rideops dead-letters replay --search"
        },
        subcommands = DeadLettersCommand.Replay.class)
public class DeadLettersCommand extends RemoteCommand {

    /** Dead letters read per poll, and so pings per bulk request at most. */
    static final int BATCH = 2000;

    @Mixin
    JsonMixin json;

    @Override
    int run() {
        DeadLetterSummary.Report report;
        try (DeadLetterLog log =
                DeadLetterLog.open(deployment().endpoints().kafka(config()), JobContract.DEAD_LETTER_TOPIC, BATCH)) {
            DeadLetterSummary summary =
                    new DeadLetterSummary(log.replayPositions().orElse(null));
            while (!log.done()) {
                log.next().forEach(summary::add);
            }
            report = summary.report(JobContract.DEAD_LETTER_TOPIC);
        }
        if (json.enabled()) {
            Json.print(out(), report);
        } else {
            print(report);
        }
        return ExitCodes.OK;
    }

    private void print(DeadLetterSummary.Report report) {
        if (report.records() == 0) {
            out().println("no dead letters on " + report.topic());
            out().flush();
            return;
        }
        Table reasons = new Table("REASON", "KIND", "RECORDS", "REPLAY", "NOT YET REPLAYED");
        for (DeadLetterSummary.ReasonCount r : report.byReason()) {
            reasons.row(
                    r.reason(),
                    r.kind(),
                    r.records(),
                    r.replayable() ? "--search" : "-",
                    r.replayable() ? (r.notReplayed() == null ? "unknown" : r.notReplayed()) : "-");
        }
        reasons.print(out());
        out().println();
        Table kinds = new Table("KIND", "RECORDS");
        report.byKind().forEach(k -> kinds.row(k.kind(), k.records()));
        kinds.print(out());
        out().printf(Locale.ROOT, "%n%d dead letters on %s", report.records(), report.topic());
        if (report.toReplay() == null) {
            out().println("; where the replay got to is unknown (Kafka did not say for consumer group "
                    + DeadLetterLog.REPLAY_GROUP + ")");
        } else if (report.toReplay() > 0) {
            out().println("; " + report.toReplay() + " pings held for search-max-pending: run '"
                    + DeadLetterSummary.REPLAY_COMMAND + "' once 'rideops status' shows the search node healthy");
        } else {
            out().println("; nothing to replay");
        }
        out().flush();
    }

    @Command(
            name = "replay",
            description = "Index the pings the search sink dead-lettered while the node failed (search-max-pending) "
                    + "into their day's time-series index and driver_locations, as the job would have (same _id, "
                    + "external_gte versions: a replay never duplicates nor moves a driver back). Goes on from where "
                    + "the last replay stopped (consumer group " + DeadLetterLog.REPLAY_GROUP + "). Run it once the "
                    + "search node is healthy again.",
            footerHeading = "%nExample:%n",
            footer = "  rideops dead-letters replay --search")
    static class Replay extends RemoteCommand {

        @Option(
                names = "--search",
                description = "Replay the search documents (the one kind of dead letter that can be replayed).")
        boolean search;

        @Option(
                names = "--batch",
                paramLabel = "N",
                defaultValue = "" + BATCH,
                description = "Dead letters per bulk request (default ${DEFAULT-VALUE}, 1 to 10000).")
        int batch;

        @Mixin
        JsonMixin json;

        @Override
        int run() {
            validate(search, batch);
            var endpoints = deployment().endpoints();
            SearchReplay.Result result;
            try (DeadLetterLog log =
                    DeadLetterLog.open(endpoints.kafka(config()), JobContract.DEAD_LETTER_TOPIC, batch)) {
                log.fromReplayPosition();
                err().println("rideops: replaying the search documents on " + JobContract.DEAD_LETTER_TOPIC + ": "
                        + log.remaining() + " dead letters after where the last replay stopped");
                err().flush();
                result = new SearchReplay(
                                log,
                                new PingReindex(endpoints.searchAsWriter(config())),
                                err(),
                                TimeUnit.SECONDS.toNanos(5))
                        .run();
            }
            if (json.enabled()) {
                Json.print(out(), result);
            } else {
                out().printf(
                                Locale.ROOT,
                                "re-indexed %d pings from %d dead letters (%d drivers already had a newer position)%n",
                                result.replayed(),
                                result.read(),
                                result.newerKept());
                out().flush();
            }
            if (!result.complete()) {
                throw new RideopsException(
                        (result.refused() + result.unreadable()) + " dead-lettered pings could not be indexed (first: "
                                + String.join("; ", result.firstRefusals()) + ")",
                        "the search node refuses them for good: check the index mapping ('rideops deploy' applies "
                                + "it); they stay on " + JobContract.DEAD_LETTER_TOPIC + " and a replay does not send "
                                + "them again");
            }
            return ExitCodes.OK;
        }

        static void validate(boolean search, int batch) {
            if (!search) {
                throw new UsageException(
                        "say what to replay",
                        "add --search: the pings held back while the search node failed are the one kind of dead "
                                + "letter that can be replayed ('rideops dead-letters' lists them all)");
            }
            if (batch < 1 || batch > 10_000) {
                throw new UsageException("--batch must be from 1 to 10000, not " + batch, "leave it out for " + BATCH);
            }
        }
    }
}
