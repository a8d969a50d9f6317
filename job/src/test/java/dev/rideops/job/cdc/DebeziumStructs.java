package dev.rideops.job.cdc;

import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/**
 * Change events as Debezium 3.6's PostgreSQL connector hands them to Connect's converters with rideops's settings:
 * an envelope ({@code before}, {@code after}, {@code source}, {@code transaction}, {@code op}, {@code ts_ms/us/ns}) of
 * the table's row struct, whose columns map as Debezium maps them: bigint to INT64, integer to INT32, smallint to
 * INT16, double precision to FLOAT64, text to STRING, numeric to STRING ({@code decimal.handling.mode=string}),
 * timestamptz to STRING named {@code io.debezium.time.ZonedTimestamp}; nullable columns optional. Written out here
 * rather than taken from debezium-core, whose jar the job has no other use for.
 */
final class DebeziumStructs {

    static final String PREFIX = "rideops.public.";

    private DebeziumStructs() {}

    static Schema timestamp(boolean optional) {
        SchemaBuilder b =
                SchemaBuilder.string().name("io.debezium.time.ZonedTimestamp").version(1);
        return optional ? b.optional().build() : b.build();
    }

    static final Schema SOURCE = SchemaBuilder.struct()
            .name("io.debezium.connector.postgresql.Source")
            .field("version", Schema.STRING_SCHEMA)
            .field("connector", Schema.STRING_SCHEMA)
            .field("name", Schema.STRING_SCHEMA)
            .field("ts_ms", Schema.INT64_SCHEMA)
            .field(
                    "snapshot",
                    SchemaBuilder.string()
                            .optional()
                            .name("io.debezium.data.Enum")
                            .version(1)
                            .parameter(
                                    "allowed",
                                    "true,first,first_in_data_collection,last_in_data_collection,last,false,incremental")
                            .defaultValue("false")
                            .build())
            .field("db", Schema.STRING_SCHEMA)
            .field("sequence", Schema.OPTIONAL_STRING_SCHEMA)
            .field("ts_us", Schema.OPTIONAL_INT64_SCHEMA)
            .field("ts_ns", Schema.OPTIONAL_INT64_SCHEMA)
            .field("schema", Schema.STRING_SCHEMA)
            .field("table", Schema.STRING_SCHEMA)
            .field("txId", Schema.OPTIONAL_INT64_SCHEMA)
            .field("lsn", Schema.OPTIONAL_INT64_SCHEMA)
            .field("xmin", Schema.OPTIONAL_INT64_SCHEMA)
            .build();

    static final Schema TRANSACTION = SchemaBuilder.struct()
            .optional()
            .name("event.block")
            .version(1)
            .field("id", Schema.STRING_SCHEMA)
            .field("total_order", Schema.INT64_SCHEMA)
            .field("data_collection_order", Schema.INT64_SCHEMA)
            .build();

    static final Schema BOOKING = SchemaBuilder.struct()
            .optional()
            .name(PREFIX + "bookings.Value")
            .field("booking_id", Schema.INT64_SCHEMA)
            .field("rider_id", Schema.INT64_SCHEMA)
            .field("driver_id", Schema.OPTIONAL_INT64_SCHEMA)
            .field("city", Schema.STRING_SCHEMA)
            .field("vehicle_type", Schema.STRING_SCHEMA)
            .field("status", Schema.STRING_SCHEMA)
            .field("pickup_lat", Schema.FLOAT64_SCHEMA)
            .field("pickup_lon", Schema.FLOAT64_SCHEMA)
            .field("pickup_cell", Schema.STRING_SCHEMA)
            .field("dropoff_lat", Schema.FLOAT64_SCHEMA)
            .field("dropoff_lon", Schema.FLOAT64_SCHEMA)
            .field("dropoff_cell", Schema.STRING_SCHEMA)
            .field("distance_km", Schema.STRING_SCHEMA)
            .field("eta_seconds", Schema.OPTIONAL_INT32_SCHEMA)
            .field("estimated_fare", Schema.STRING_SCHEMA)
            .field("fare_amount", Schema.OPTIONAL_STRING_SCHEMA)
            .field("surge_multiplier", Schema.STRING_SCHEMA)
            .field("promo_code", Schema.OPTIONAL_STRING_SCHEMA)
            .field("requested_at", timestamp(false))
            .field("accepted_at", timestamp(true))
            .field("arrived_at", timestamp(true))
            .field("started_at", timestamp(true))
            .field("completed_at", timestamp(true))
            .field("cancelled_at", timestamp(true))
            .field("cancelled_by", Schema.OPTIONAL_STRING_SCHEMA)
            .field("cancel_reason", Schema.OPTIONAL_STRING_SCHEMA)
            .field("updated_at", timestamp(false))
            .build();

    static final Schema DRIVER = SchemaBuilder.struct()
            .optional()
            .name(PREFIX + "drivers.Value")
            .field("driver_id", Schema.INT64_SCHEMA)
            .field("name", Schema.STRING_SCHEMA)
            .field("status", Schema.STRING_SCHEMA)
            .field("created_at", timestamp(false))
            .field("updated_at", timestamp(false))
            .build();

    static final Schema LOCATION = SchemaBuilder.struct()
            .optional()
            .name(PREFIX + "driver_location_events.Value")
            .field("event_id", Schema.INT64_SCHEMA)
            .field("driver_id", Schema.INT64_SCHEMA)
            .field("lat", Schema.FLOAT64_SCHEMA)
            .field("lon", Schema.FLOAT64_SCHEMA)
            .field("speed_kmh", Schema.FLOAT64_SCHEMA)
            .field("heading", Schema.FLOAT64_SCHEMA)
            .field("recorded_at", timestamp(false))
            .field("cell", Schema.OPTIONAL_STRING_SCHEMA)
            .field("driver_status", Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    static final Schema PAYMENT = SchemaBuilder.struct()
            .optional()
            .name(PREFIX + "payments.Value")
            .field("payment_id", Schema.INT64_SCHEMA)
            .field("booking_id", Schema.INT64_SCHEMA)
            .field("amount", Schema.STRING_SCHEMA)
            .field("method", Schema.STRING_SCHEMA)
            .field("status", Schema.STRING_SCHEMA)
            .field("created_at", timestamp(false))
            .build();

    static final Schema RATING = SchemaBuilder.struct()
            .optional()
            .name(PREFIX + "ratings.Value")
            .field("booking_id", Schema.INT64_SCHEMA)
            .field("rider_rating", Schema.OPTIONAL_INT16_SCHEMA)
            .field("driver_rating", Schema.OPTIONAL_INT16_SCHEMA)
            .field("created_at", timestamp(false))
            .build();

    static final Schema RIDER = SchemaBuilder.struct()
            .optional()
            .name(PREFIX + "riders.Value")
            .field("rider_id", Schema.INT64_SCHEMA)
            .field("name", Schema.STRING_SCHEMA)
            .field("created_at", timestamp(false))
            .build();

    static Schema envelope(String table, Schema row) {
        return SchemaBuilder.struct()
                .name(PREFIX + table + ".Envelope")
                .version(2)
                .field("before", row)
                .field("after", row)
                .field("source", SOURCE)
                .field("transaction", TRANSACTION)
                .field("op", Schema.STRING_SCHEMA)
                .field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
                .field("ts_us", Schema.OPTIONAL_INT64_SCHEMA)
                .field("ts_ns", Schema.OPTIONAL_INT64_SCHEMA)
                .build();
    }

    /** A row of the schema from column values; columns not given stay null. */
    static Struct row(Schema schema, Map<String, Object> columns) {
        Struct row = new Struct(schema);
        columns.forEach(row::put);
        return row;
    }

    /** A change of {@code table} committed at {@code commitMicros}; {@code snapshot} as Debezium's source says it. */
    static Struct change(
            String table, Schema row, String op, Struct before, Struct after, String snapshot, long commitMicros) {
        Struct source = new Struct(SOURCE)
                .put("version", "3.6.1.Final")
                .put("connector", "postgresql")
                .put("name", "rideops")
                .put("ts_ms", commitMicros / 1000)
                .put("snapshot", snapshot)
                .put("db", "ride_hailing_db")
                .put("ts_us", commitMicros)
                .put("ts_ns", commitMicros * 1000)
                .put("schema", "public")
                .put("table", table)
                .put("txId", 771L)
                .put("lsn", 24_023_128L);
        Struct envelope = new Struct(envelope(table, row))
                .put("before", before)
                .put("after", after)
                .put("source", source)
                .put("op", op)
                .put("ts_ms", commitMicros / 1000 + 3)
                .put("ts_us", commitMicros + 3000)
                .put("ts_ns", (commitMicros + 3000) * 1000);
        envelope.validate();
        return envelope;
    }
}
