package dev.rideops.contract;

/** Where the embedded stack's services listen and what its databases are called, unless config says otherwise. */
public final class Defaults {

    public static final String SOURCE_DATABASE = "ride_hailing_db";
    public static final String REPORTING_DATABASE = "reporting_db";
    public static final int SOURCE_PORT = 5432;
    public static final int REPORTING_PORT = 5433;
    public static final int KAFKA_PORT = 9092;
    public static final int CONNECT_PORT = 8083;
    public static final int FLINK_PORT = 8081;
    public static final int SEARCH_PORT = 9200;

    private Defaults() {}
}
