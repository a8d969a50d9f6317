package dev.rideops.stack.search;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The indexes a {@code _bulk} body writes to, read from its action lines only (a document's source is skipped, never
 * parsed): what the writer's role is checked against. A line without {@code _index} writes to the path's index.
 */
final class BulkIndexes {

    private static final JsonFactory JSON = new JsonFactory();

    private BulkIndexes() {}

    /**
     * @param defaultIndex the index in the path ({@code /driver_locations/_bulk}), or empty for {@code /_bulk}
     * @return one entry per action; an action naming no index where the path names none gives {@code ""}, and an
     *     action line that is not one gives {@code "?"}: neither is anyone's own index
     */
    static List<String> of(String body, String defaultIndex) {
        List<String> indexes = new ArrayList<>();
        boolean sourceNext = false;
        for (String line : body.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (sourceNext) {
                sourceNext = false;
                continue;
            }
            String action = null;
            String index = defaultIndex;
            try (JsonParser parser = JSON.createParser(line)) {
                if (parser.nextToken() != JsonToken.START_OBJECT || parser.nextToken() != JsonToken.FIELD_NAME) {
                    indexes.add("?");
                    continue;
                }
                action = parser.currentName();
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    indexes.add("?");
                    continue;
                }
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (field.equals("_index") && value == JsonToken.VALUE_STRING) {
                        index = parser.getText();
                    } else if (value.isStructStart()) {
                        parser.skipChildren();
                    }
                }
            } catch (IOException e) {
                indexes.add("?");
                continue;
            }
            indexes.add(index);
            // index, create and update carry a source line after them; delete does not
            sourceNext = !"delete".equals(action);
        }
        return indexes;
    }
}
