-- What the dashboard shows over time besides the bucket KPIs (docs/CONTRACT.md, "Dashboard history").

-- The current-state counts (drivers_available, drivers_busy, drivers_offline, open_bookings) per UTC minute: the
-- value after the newest change the job had applied whose event time falls in the minute. A metric that did not
-- change in a minute has no row for it (its value is the previous minute's). Written by the job beside
-- latest_metric_snapshot, upserted on the primary key.
CREATE TABLE mart.snapshot_metric_minute (
    bucket_start timestamptz NOT NULL,
    metric_name  text NOT NULL,
    metric_value double precision NOT NULL,
    last_updated timestamptz NOT NULL,
    PRIMARY KEY (bucket_start, metric_name)
);

-- Every 'rideops verify' (also the ones bench and chaos run on their windows): its outcome, the data-quality
-- figures, and one row per check. Written by verify; the Data quality page shows the newest.
CREATE TABLE mart.verify_run (
    finished_at            timestamptz PRIMARY KEY,
    passed                 boolean NOT NULL,
    window_start           text NOT NULL,
    checks                 integer NOT NULL,
    failed_checks          integer NOT NULL,
    mismatches             bigint NOT NULL,
    duplication_rate       double precision NOT NULL,
    bookings_completeness  double precision NOT NULL,
    pings_completeness     double precision NOT NULL,
    freshness_seconds      double precision,
    dead_letters           bigint NOT NULL,
    drain_ms               bigint NOT NULL,
    verify_ms              bigint NOT NULL
);

CREATE TABLE mart.verify_check (
    finished_at timestamptz NOT NULL REFERENCES mart.verify_run ON DELETE CASCADE,
    position    integer NOT NULL,
    check_name  text NOT NULL,
    target      text NOT NULL,
    checked     bigint NOT NULL,
    mismatches  bigint NOT NULL,
    worst       text,
    PRIMARY KEY (finished_at, position)
);
