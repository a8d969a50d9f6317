package dev.rideops.contract;

import java.util.List;

/** The CDC side of the contract: the captured tables, their topics and the connector's names in the source. */
public final class CdcContract {

    /** Debezium's topic prefix: each table's changes go to {@code rideops.public.<table>}. */
    public static final String TOPIC_PREFIX = "rideops";
    /** Every CDC topic, as a regular expression the job subscribes with (new tables' topics are picked up). */
    public static final String TOPIC_PATTERN = "rideops\\.public\\..*";
    /** The captured tables, schema-qualified, in Debezium's {@code table.include.list} form. */
    public static final List<String> TABLES = List.of(
            "public.riders",
            "public.drivers",
            "public.bookings",
            "public.driver_location_events",
            "public.payments",
            "public.ratings");

    /**
     * Debezium's signal table (source migration V5): captured too, as the source signal channel requires, but not one
     * of the contract's tables; its topic carries only signals and snapshot window marks, which the job skips.
     */
    public static final String SIGNAL_TABLE = "public.debezium_signal";

    public static final String CONNECTOR_NAME = "rideops-source";
    /** The replication slot the connector reads from; deleting the connector leaves it behind. */
    public static final String SLOT = "rideops_slot";

    public static final String PUBLICATION = "rideops_publication";

    private CdcContract() {}

    /** The topic of one captured table, e.g. {@code rideops.public.bookings}. */
    public static String topic(String qualifiedTable) {
        return TOPIC_PREFIX + "." + qualifiedTable;
    }

    /** Every CDC topic, then the dead-letter topic: what deploy creates before the connector and the job need them. */
    public static List<String> topics() {
        List<String> topics = new java.util.ArrayList<>(
                TABLES.stream().map(CdcContract::topic).toList());
        topics.add(JobContract.DEAD_LETTER_TOPIC);
        return List.copyOf(topics);
    }
}
