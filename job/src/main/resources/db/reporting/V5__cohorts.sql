-- The daily cohort batch (rideops batch cohort, issue 19): retention, churn and return of rider and driver
-- cohorts, and each driver's productivity per day. Definitions with their SQL: docs/KPI_CATALOGUE.md#cohorts.
-- A run for UTC day D owns the cohort rows with cohort_date + day_offset = D and the productivity rows of D,
-- and replaces them in one transaction, so rerunning a day changes nothing.

-- Cohorts by first active day (a rider: requested a booking; a driver: completed a trip).
CREATE TABLE mart.rider_cohort_retention (
    cohort_date date NOT NULL,      -- the members' first active UTC day
    day_offset  int NOT NULL CHECK (day_offset >= 0),
    cohort_size bigint NOT NULL,
    retained    bigint NOT NULL,    -- members active on cohort_date + day_offset
    churned     bigint NOT NULL,    -- members with no activity in the churn window ending that day
    returned    bigint NOT NULL,    -- members active that day after a churn window without activity
    PRIMARY KEY (cohort_date, day_offset));

CREATE TABLE mart.driver_cohort_retention (LIKE mart.rider_cohort_retention INCLUDING ALL);

-- The same measures for cohorts by sign-up day (riders.created_at, drivers.created_at); a member who never was
-- active counts in cohort_size and in churned.
CREATE TABLE mart.rider_signup_retention (LIKE mart.rider_cohort_retention INCLUDING ALL);
CREATE TABLE mart.driver_signup_retention (LIKE mart.rider_cohort_retention INCLUDING ALL);

CREATE TABLE mart.driver_daily_productivity (
    day                      date NOT NULL,       -- UTC
    driver_id                bigint NOT NULL,
    trips                    bigint NOT NULL,     -- trips completed that day
    online_hours             double precision NOT NULL,
    earnings                 numeric(14, 2) NOT NULL,   -- sum of fare_amount of those trips
    trips_per_online_hour    double precision,    -- null without online time
    earnings_per_online_hour double precision,
    PRIMARY KEY (day, driver_id));

-- One row per batch and day: what ran, when, with which rules, and what it wrote (rideops batch status).
CREATE TABLE mart.batch_run (
    batch              text NOT NULL,
    day                date NOT NULL,
    state              text NOT NULL CHECK (state IN ('RUNNING', 'DONE', 'FAILED')),
    flink_job_id       text,
    started_at         timestamptz NOT NULL,
    finished_at        timestamptz,
    churn_days         int,
    max_day_offset     int,
    online_gap_seconds int,
    rows_written       jsonb,     -- table name to rows written for the day
    error              text,
    PRIMARY KEY (batch, day));
