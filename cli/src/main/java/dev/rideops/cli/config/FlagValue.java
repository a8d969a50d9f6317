package dev.rideops.cli.config;

/** A setting given on the command line, with the flag that gave it, e.g. {@code --brokers}. */
public record FlagValue(Setting setting, String value, String flag) {}
