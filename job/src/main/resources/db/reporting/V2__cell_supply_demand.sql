-- The heatmap also counts the drivers that were AVAILABLE when they pinged from the cell (the supply a request
-- can be matched with), and the pings that came too late to be told apart from those already counted.
ALTER TABLE mart.cell_supply_demand
    ADD COLUMN drivers_available bigint NOT NULL DEFAULT 0,
    ADD COLUMN late_pings bigint NOT NULL DEFAULT 0;

CREATE INDEX cell_supply_demand_cell ON mart.cell_supply_demand (cell, bucket_start);
