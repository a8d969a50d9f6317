-- The reporting mart the Flink job writes (see CONTRACT.md). Every write is an idempotent upsert keyed by the
-- primary key, so replays and restarts from a checkpoint leave the same rows.
CREATE SCHEMA IF NOT EXISTS mart;

CREATE TABLE mart.latest_metric_snapshot (
    metric_name  text PRIMARY KEY,
    metric_value double precision NOT NULL,
    last_updated timestamptz NOT NULL
);

CREATE TABLE mart.fact_metric_bucket (
    bucket_start       timestamptz NOT NULL,
    bucket_granularity text NOT NULL CHECK (bucket_granularity IN ('MINUTE', 'HOUR')),
    metric_name        text NOT NULL,
    metric_value       double precision NOT NULL,
    PRIMARY KEY (bucket_start, bucket_granularity, metric_name)
);

CREATE INDEX fact_metric_bucket_metric ON mart.fact_metric_bucket (metric_name, bucket_granularity, bucket_start);

-- Supply and demand per grid cell and minute, for the heatmap: requests picked up in the cell, distinct drivers
-- that sent a location ping from it, and the mean surge multiplier of those requests.
CREATE TABLE mart.cell_supply_demand (
    bucket_start      timestamptz NOT NULL,
    cell              text NOT NULL,
    requests          bigint NOT NULL,
    drivers_present   bigint NOT NULL,
    avg_surge         double precision,
    PRIMARY KEY (bucket_start, cell)
);
