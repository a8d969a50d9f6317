package dev.rideops.cli.options;

import picocli.CommandLine.Option;

/** {@code --json}: the report as one JSON document on stdout instead of a table. */
public final class JsonMixin {

    @Option(names = "--json", description = "Print the report as JSON on stdout.")
    boolean json;

    public boolean enabled() {
        return json;
    }
}
