-- One KPI pivot over both granularities (mart.v_kpi), so the KPI column list is written once; v_kpi_minute and
-- v_kpi_hour (V3) become its rows of one granularity. CREATE OR REPLACE keeps their columns, names and order, so
-- views and reports built on them keep working; PostgreSQL only allows columns added at the end, so each gains
-- bucket_granularity there (always 'MINUTE', or 'HOUR'). A filter on bucket_start or bucket_granularity is pushed
-- into the grouping, so it still reads fact_metric_bucket's primary key range.
-- A new KPI: a reporting migration that replaces v_kpi with its column appended (after bucket_granularity), then
-- v_kpi_minute and v_kpi_hour again with the same SELECT * (it was expanded when they were created).

CREATE VIEW mart.v_kpi AS
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
    max(metric_value) FILTER (WHERE metric_name = 'late_events') AS late_events,
    bucket_granularity
FROM mart.fact_metric_bucket
GROUP BY bucket_start, bucket_granularity;

CREATE OR REPLACE VIEW mart.v_kpi_minute AS
SELECT * FROM mart.v_kpi WHERE bucket_granularity = 'MINUTE';

CREATE OR REPLACE VIEW mart.v_kpi_hour AS
SELECT * FROM mart.v_kpi WHERE bucket_granularity = 'HOUR';
