package dev.rideops.cli.config;

/** An effective setting: its value and where it came from (for {@code rideops config show} and error messages). */
public record ConfigValue(String value, String origin) {}
