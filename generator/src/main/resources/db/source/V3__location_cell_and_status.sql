-- Each ping names the grid cell it was sent from and the driver's status at that moment, so supply per cell
-- (the heatmap) is a plain aggregation over this table, for the pipeline and for `rideops verify` alike.
-- Nullable: pings written before this migration have neither.
ALTER TABLE driver_location_events
    ADD COLUMN cell text,
    ADD COLUMN driver_status text CHECK (driver_status IN ('OFFLINE', 'AVAILABLE', 'BUSY'));
