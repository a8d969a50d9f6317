package dev.rideops.job.cdc;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * The columns of one JSON before- or after-image, read off a streaming parser without building a tree (a tree per
 * record was the job's largest decoding cost). A column that is absent and one that is JSON {@code null} read alike:
 * not given.
 */
final class RowImage implements Columns {

    private String[] names = new String[24];
    private JsonToken[] kinds = new JsonToken[24];
    private long[] longs = new long[24];
    private double[] doubles = new double[24];
    private String[] texts = new String[24];
    /** Whether an integral number fits a long (a bigger one is a number, never a whole one). */
    private boolean[] fitsLong = new boolean[24];

    private int size;

    private RowImage() {}

    /** Reads the object the parser is at (its {@code START_OBJECT}) up to and including its {@code END_OBJECT}. */
    static RowImage read(JsonParser p) throws IOException {
        RowImage image = new RowImage();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            image.add(name, p.nextToken(), p);
        }
        return image;
    }

    private void add(String name, JsonToken kind, JsonParser p) throws IOException {
        if (size == names.length) {
            grow();
        }
        int i = size++;
        names[i] = name;
        kinds[i] = kind;
        texts[i] = null;
        switch (kind) {
            case VALUE_STRING, VALUE_EMBEDDED_OBJECT -> texts[i] = p.getText();
            case VALUE_NUMBER_INT -> {
                JsonParser.NumberType type = p.getNumberType();
                fitsLong[i] = type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG;
                if (fitsLong[i]) {
                    longs[i] = p.getLongValue();
                    doubles[i] = longs[i];
                } else {
                    texts[i] = p.getText();
                    doubles[i] = p.getDoubleValue();
                }
            }
            case VALUE_NUMBER_FLOAT -> doubles[i] = p.getDoubleValue();
            case VALUE_TRUE, VALUE_FALSE -> texts[i] = kind.asString();
            case START_OBJECT, START_ARRAY -> {
                p.skipChildren();
                texts[i] = kind == JsonToken.START_OBJECT ? "an object" : "an array";
            }
            default -> {
                // VALUE_NULL: not given
            }
        }
    }

    private void grow() {
        int n = names.length * 2;
        names = java.util.Arrays.copyOf(names, n);
        kinds = java.util.Arrays.copyOf(kinds, n);
        longs = java.util.Arrays.copyOf(longs, n);
        doubles = java.util.Arrays.copyOf(doubles, n);
        texts = java.util.Arrays.copyOf(texts, n);
        fitsLong = java.util.Arrays.copyOf(fitsLong, n);
    }

    /** The column's slot, -1 when it is absent or null; the last one wins, as in a JSON object read into a map. */
    private int slot(String name) {
        for (int i = size - 1; i >= 0; i--) {
            if (name.equals(names[i])) {
                return kinds[i] == JsonToken.VALUE_NULL ? -1 : i;
            }
        }
        return -1;
    }

    @Override
    public boolean has(String name) {
        return slot(name) >= 0;
    }

    @Override
    public Long optionalLong(String name) {
        int i = slot(name);
        if (i < 0) {
            return null;
        }
        if (kinds[i] == JsonToken.VALUE_NUMBER_INT && fitsLong[i]) {
            return longs[i];
        }
        if (kinds[i] == JsonToken.VALUE_STRING) {
            try {
                return Long.parseLong(texts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " is not a whole number: " + texts[i]);
            }
        }
        throw new IllegalArgumentException(name + " is not a whole number: " + text(i));
    }

    @Override
    public Double optionalNumber(String name) {
        int i = slot(name);
        if (i < 0) {
            return null;
        }
        if (kinds[i] == JsonToken.VALUE_NUMBER_INT || kinds[i] == JsonToken.VALUE_NUMBER_FLOAT) {
            return doubles[i];
        }
        try {
            return Double.parseDouble(text(i));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a number: " + text(i));
        }
    }

    @Override
    public String optionalText(String name) {
        int i = slot(name);
        return i < 0 ? null : text(i);
    }

    /** A column as text: a number as Java writes it, a nested value by what it is. */
    private String text(int i) {
        if (texts[i] != null) {
            return texts[i];
        }
        return kinds[i] == JsonToken.VALUE_NUMBER_INT ? Long.toString(longs[i]) : Double.toString(doubles[i]);
    }
}
