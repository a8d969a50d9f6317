-- The BI data model: views over the tables the job writes, for Power BI, Qlik, Superset, Grafana and the built-in
-- dashboard (docs/CONTRACT.md, "BI views"). Views only, nothing stored: they are always as fresh as the mart.
-- A metric without a row in a bucket is NULL in its column (ratios while their denominator is 0, too).
-- The pivots read fact_metric_bucket's primary key (bucket_start, bucket_granularity, metric_name), so a time
-- range filter on bucket_start stays an index range scan.

CREATE VIEW mart.v_kpi_minute AS
SELECT
    bucket_start,
    -- Passenger
    max(metric_value) FILTER (WHERE metric_name = 'rides_requested') AS rides_requested,
    max(metric_value) FILTER (WHERE metric_name = 'rides_cancelled_by_rider') AS rides_cancelled_by_rider,
    max(metric_value) FILTER (WHERE metric_name = 'avg_accept_time_sec') AS avg_accept_time_sec,
    max(metric_value) FILTER (WHERE metric_name = 'avg_pickup_wait_sec') AS avg_pickup_wait_sec,
    max(metric_value) FILTER (WHERE metric_name = 'avg_fare') AS avg_fare,
    max(metric_value) FILTER (WHERE metric_name = 'avg_estimated_fare') AS avg_estimated_fare,
    max(metric_value) FILTER (WHERE metric_name = 'promo_rides') AS promo_rides,
    max(metric_value) FILTER (WHERE metric_name = 'active_riders') AS active_riders,
    max(metric_value) FILTER (WHERE metric_name = 'ratings') AS ratings,
    max(metric_value) FILTER (WHERE metric_name = 'avg_driver_rating') AS avg_driver_rating,
    max(metric_value) FILTER (WHERE metric_name = 'payments') AS payments,
    max(metric_value) FILTER (WHERE metric_name = 'payments_failed') AS payments_failed,
    max(metric_value) FILTER (WHERE metric_name = 'payments_collected') AS payments_collected,
    -- Driver
    max(metric_value) FILTER (WHERE metric_name = 'rides_accepted') AS rides_accepted,
    max(metric_value) FILTER (WHERE metric_name = 'rides_cancelled_by_driver') AS rides_cancelled_by_driver,
    max(metric_value) FILTER (WHERE metric_name = 'active_drivers') AS active_drivers,
    max(metric_value) FILTER (WHERE metric_name = 'driver_location_updates') AS driver_location_updates,
    max(metric_value) FILTER (WHERE metric_name = 'avg_driver_speed_kmh') AS avg_driver_speed_kmh,
    max(metric_value) FILTER (WHERE metric_name = 'completing_drivers') AS completing_drivers,
    max(metric_value) FILTER (WHERE metric_name = 'trips_per_driver') AS trips_per_driver,
    max(metric_value) FILTER (WHERE metric_name = 'driver_earnings') AS driver_earnings,
    max(metric_value) FILTER (WHERE metric_name = 'avg_rider_rating') AS avg_rider_rating,
    -- Operation
    max(metric_value) FILTER (WHERE metric_name = 'rides_started') AS rides_started,
    max(metric_value) FILTER (WHERE metric_name = 'rides_completed') AS rides_completed,
    max(metric_value) FILTER (WHERE metric_name = 'rides_cancelled') AS rides_cancelled,
    max(metric_value) FILTER (WHERE metric_name = 'rides_cancelled_by_system') AS rides_cancelled_by_system,
    max(metric_value) FILTER (WHERE metric_name = 'gmv') AS gmv,
    max(metric_value) FILTER (WHERE metric_name = 'platform_revenue') AS platform_revenue,
    max(metric_value) FILTER (WHERE metric_name = 'match_rate') AS match_rate,
    max(metric_value) FILTER (WHERE metric_name = 'cancel_rate') AS cancel_rate,
    max(metric_value) FILTER (WHERE metric_name = 'completion_rate') AS completion_rate,
    max(metric_value) FILTER (WHERE metric_name = 'avg_surge_multiplier') AS avg_surge_multiplier,
    max(metric_value) FILTER (WHERE metric_name = 'surged_requests') AS surged_requests,
    max(metric_value) FILTER (WHERE metric_name = 'avg_eta_sec') AS avg_eta_sec,
    max(metric_value) FILTER (WHERE metric_name = 'avg_trip_duration_sec') AS avg_trip_duration_sec,
    max(metric_value) FILTER (WHERE metric_name = 'avg_trip_distance_km') AS avg_trip_distance_km,
    max(metric_value) FILTER (WHERE metric_name = 'late_events') AS late_events
FROM mart.fact_metric_bucket
WHERE bucket_granularity = 'MINUTE'
GROUP BY bucket_start;

CREATE VIEW mart.v_kpi_hour AS
SELECT
    bucket_start,
    -- Passenger
    max(metric_value) FILTER (WHERE metric_name = 'rides_requested') AS rides_requested,
    max(metric_value) FILTER (WHERE metric_name = 'rides_cancelled_by_rider') AS rides_cancelled_by_rider,
    max(metric_value) FILTER (WHERE metric_name = 'avg_accept_time_sec') AS avg_accept_time_sec,
    max(metric_value) FILTER (WHERE metric_name = 'avg_pickup_wait_sec') AS avg_pickup_wait_sec,
    max(metric_value) FILTER (WHERE metric_name = 'avg_fare') AS avg_fare,
    max(metric_value) FILTER (WHERE metric_name = 'avg_estimated_fare') AS avg_estimated_fare,
    max(metric_value) FILTER (WHERE metric_name = 'promo_rides') AS promo_rides,
    max(metric_value) FILTER (WHERE metric_name = 'active_riders') AS active_riders,
    max(metric_value) FILTER (WHERE metric_name = 'ratings') AS ratings,
    max(metric_value) FILTER (WHERE metric_name = 'avg_driver_rating') AS avg_driver_rating,
    max(metric_value) FILTER (WHERE metric_name = 'payments') AS payments,
    max(metric_value) FILTER (WHERE metric_name = 'payments_failed') AS payments_failed,
    max(metric_value) FILTER (WHERE metric_name = 'payments_collected') AS payments_collected,
    -- Driver
    max(metric_value) FILTER (WHERE metric_name = 'rides_accepted') AS rides_accepted,
    max(metric_value) FILTER (WHERE metric_name = 'rides_cancelled_by_driver') AS rides_cancelled_by_driver,
    max(metric_value) FILTER (WHERE metric_name = 'active_drivers') AS active_drivers,
    max(metric_value) FILTER (WHERE metric_name = 'driver_location_updates') AS driver_location_updates,
    max(metric_value) FILTER (WHERE metric_name = 'avg_driver_speed_kmh') AS avg_driver_speed_kmh,
    max(metric_value) FILTER (WHERE metric_name = 'completing_drivers') AS completing_drivers,
    max(metric_value) FILTER (WHERE metric_name = 'trips_per_driver') AS trips_per_driver,
    max(metric_value) FILTER (WHERE metric_name = 'driver_earnings') AS driver_earnings,
    max(metric_value) FILTER (WHERE metric_name = 'avg_rider_rating') AS avg_rider_rating,
    -- Operation
    max(metric_value) FILTER (WHERE metric_name = 'rides_started') AS rides_started,
    max(metric_value) FILTER (WHERE metric_name = 'rides_completed') AS rides_completed,
    max(metric_value) FILTER (WHERE metric_name = 'rides_cancelled') AS rides_cancelled,
    max(metric_value) FILTER (WHERE metric_name = 'rides_cancelled_by_system') AS rides_cancelled_by_system,
    max(metric_value) FILTER (WHERE metric_name = 'gmv') AS gmv,
    max(metric_value) FILTER (WHERE metric_name = 'platform_revenue') AS platform_revenue,
    max(metric_value) FILTER (WHERE metric_name = 'match_rate') AS match_rate,
    max(metric_value) FILTER (WHERE metric_name = 'cancel_rate') AS cancel_rate,
    max(metric_value) FILTER (WHERE metric_name = 'completion_rate') AS completion_rate,
    max(metric_value) FILTER (WHERE metric_name = 'avg_surge_multiplier') AS avg_surge_multiplier,
    max(metric_value) FILTER (WHERE metric_name = 'surged_requests') AS surged_requests,
    max(metric_value) FILTER (WHERE metric_name = 'avg_eta_sec') AS avg_eta_sec,
    max(metric_value) FILTER (WHERE metric_name = 'avg_trip_duration_sec') AS avg_trip_duration_sec,
    max(metric_value) FILTER (WHERE metric_name = 'avg_trip_distance_km') AS avg_trip_distance_km,
    max(metric_value) FILTER (WHERE metric_name = 'late_events') AS late_events
FROM mart.fact_metric_bucket
WHERE bucket_granularity = 'HOUR'
GROUP BY bucket_start;

-- The heatmap per cell and minute, with the cell id (HCM-06-07) split into city, grid row and column.
CREATE VIEW mart.v_supply_demand AS
SELECT
    bucket_start,
    split_part(cell, '-', 1)               AS city,
    cell,
    split_part(cell, '-', 2)::int          AS cell_row,
    split_part(cell, '-', 3)::int          AS cell_col,
    requests,
    drivers_present,
    drivers_available,
    avg_surge,
    requests::double precision / nullif(drivers_available, 0) AS requests_per_available_driver
FROM mart.cell_supply_demand;

-- The current driver counts by status and the open bookings, as one row (from latest_metric_snapshot).
CREATE VIEW mart.v_driver_status AS
SELECT
    coalesce(max(metric_value) FILTER (WHERE metric_name = 'drivers_available'), 0)::bigint AS drivers_available,
    coalesce(max(metric_value) FILTER (WHERE metric_name = 'drivers_busy'), 0)::bigint      AS drivers_busy,
    coalesce(max(metric_value) FILTER (WHERE metric_name = 'drivers_offline'), 0)::bigint   AS drivers_offline,
    coalesce(max(metric_value) FILTER (WHERE metric_name = 'open_bookings'), 0)::bigint     AS open_bookings,
    max(last_updated) FILTER (WHERE metric_name IN
        ('drivers_available', 'drivers_busy', 'drivers_offline', 'open_bookings'))            AS last_updated
FROM mart.latest_metric_snapshot;
