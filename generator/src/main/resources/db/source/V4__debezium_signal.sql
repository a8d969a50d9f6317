-- Debezium's signal table: 'rideops connector resnapshot TABLE' inserts an execute-snapshot row here and the
-- connector runs an incremental snapshot of those tables while streaming goes on. The connector captures this
-- table (signals arrive through the WAL) and also writes its snapshot window marks into it; Connect drops those
-- events before Kafka, so the pipeline never sees them.
CREATE TABLE IF NOT EXISTS debezium_signal (
    id   varchar(64) PRIMARY KEY,
    type varchar(32) NOT NULL,
    data varchar(2048)
);
