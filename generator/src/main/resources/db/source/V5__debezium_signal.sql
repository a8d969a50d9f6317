-- Debezium's signal table (its "source" signal channel, in the shape Debezium requires). `rideops deploy --offsets
-- latest` writes an execute-snapshot signal here so that a job started without state counts the drivers and the
-- open bookings the source holds now (an incremental snapshot, reconciled by Debezium with the live changes), and
-- Debezium writes the incremental snapshot's window marks here. Nothing else uses it.
CREATE TABLE debezium_signal (
    id   varchar(42) PRIMARY KEY,
    type varchar(32) NOT NULL,
    data varchar(2048)
);
