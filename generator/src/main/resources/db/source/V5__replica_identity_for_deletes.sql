-- Deletes and changes count in the pipeline (issue 15, item 6). With the default replica identity a delete's
-- before-image in the WAL (and so in Debezium's event) holds only the primary key. The job must take back what a
-- deleted booking, payment or rating had added to its buckets, which needs the row's columns: log them all.
-- Drivers keep the default: the job keeps each driver's status by key, so the key is enough.
-- Cost: an UPDATE of these tables also logs the old row (Debezium then sends it as `before`).
ALTER TABLE bookings REPLICA IDENTITY FULL;
ALTER TABLE payments REPLICA IDENTITY FULL;
ALTER TABLE ratings REPLICA IDENTITY FULL;
