package dev.rideops.stack.services;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes a Java properties file in the given order, so config files read the way they were written. */
final class PropertiesFile {

    private PropertiesFile() {}

    static Path write(Path file, Map<String, Object> properties) throws IOException {
        StringBuilder text = new StringBuilder("# written by rideops; regenerated on every start\n");
        properties.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Files.writeString(file, text);
        return file;
    }
}
