package dev.rideops.cli.options;

import dev.rideops.generator.run.LocalHour;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --local-hour H|now} ({@link LocalHour#parse}) as the command line is parsed, before anything runs. */
public final class LocalHourConverter implements ITypeConverter<LocalHour> {

    @Override
    public LocalHour convert(String value) {
        try {
            return LocalHour.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
