package dev.rideops.cli.env;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Map;

/** How {@code rideops env} writes its variables: for bash (and zsh, sh), fish, or as one JSON object. */
public enum Shell {
    BASH,
    FISH,
    JSON;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public String render(Map<String, String> variables) {
        if (this == JSON) {
            try {
                return MAPPER.writeValueAsString(variables) + "\n";
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        StringBuilder text = new StringBuilder();
        variables.forEach((name, value) -> text.append(
                        this == BASH
                                ? "export " + name + "=" + bashQuoted(value)
                                : "set -gx " + name + " " + fishQuoted(value))
                .append('\n'));
        return text.toString();
    }

    /** Single quotes keep every character; a single quote itself closes, escapes and reopens. */
    static String bashQuoted(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /** fish's single quotes take only \\' and \\\\ as escapes. */
    static String fishQuoted(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
