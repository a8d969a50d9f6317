package dev.rideops.cli.options;

import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Converts a user's word to an enum constant by its lower-case name, and lists the choices when it is wrong. */
public final class EnumChoice<E extends Enum<E>> implements ITypeConverter<E> {

    private final Class<E> type;

    public EnumChoice(Class<E> type) {
        this.type = type;
    }

    @Override
    public E convert(String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value.trim().replace('-', '_'))) {
                return constant;
            }
        }
        throw new TypeConversionException("'" + value + "' is not one of "
                + Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", ")));
    }
}
