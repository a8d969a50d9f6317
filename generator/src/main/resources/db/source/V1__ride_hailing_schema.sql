-- The ride-hailing OLTP source (see CONTRACT.md). Ids are assigned by the generator, so replays and seeded runs
-- are reproducible. Every timestamp is event time and is set once.

CREATE TABLE cities (
    city_code   text PRIMARY KEY,
    name        text NOT NULL,
    center_lat  double precision NOT NULL,
    center_lon  double precision NOT NULL,
    time_zone   text NOT NULL
);

CREATE TABLE vehicle_types (
    vehicle_type text PRIMARY KEY,
    base_fare    numeric(10, 2) NOT NULL,
    per_km       numeric(10, 2) NOT NULL,
    per_minute   numeric(10, 2) NOT NULL,
    min_fare     numeric(10, 2) NOT NULL,
    seats        smallint NOT NULL
);

CREATE TABLE promotions (
    promo_code   text PRIMARY KEY,
    discount_pct numeric(5, 2) NOT NULL CHECK (discount_pct > 0 AND discount_pct < 100),
    valid_from   timestamptz NOT NULL,
    valid_to     timestamptz NOT NULL
);

CREATE TABLE riders (
    rider_id   bigint PRIMARY KEY,
    name       text NOT NULL,
    email      text NOT NULL,
    phone      text NOT NULL,
    city       text NOT NULL REFERENCES cities (city_code),
    created_at timestamptz NOT NULL
);

CREATE TABLE drivers (
    driver_id     bigint PRIMARY KEY,
    name          text NOT NULL,
    phone         text NOT NULL,
    city          text NOT NULL REFERENCES cities (city_code),
    vehicle_type  text NOT NULL REFERENCES vehicle_types (vehicle_type),
    license_plate text NOT NULL,
    status        text NOT NULL CHECK (status IN ('OFFLINE', 'AVAILABLE', 'BUSY')),
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL
);

CREATE TABLE bookings (
    booking_id       bigint PRIMARY KEY,
    rider_id         bigint NOT NULL REFERENCES riders (rider_id),
    driver_id        bigint REFERENCES drivers (driver_id),
    city             text NOT NULL REFERENCES cities (city_code),
    vehicle_type     text NOT NULL REFERENCES vehicle_types (vehicle_type),
    status           text NOT NULL
        CHECK (status IN ('REQUESTED', 'ACCEPTED', 'ARRIVED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED')),
    pickup_lat       double precision NOT NULL,
    pickup_lon       double precision NOT NULL,
    pickup_cell      text NOT NULL,
    dropoff_lat      double precision NOT NULL,
    dropoff_lon      double precision NOT NULL,
    dropoff_cell     text NOT NULL,
    distance_km      numeric(8, 3) NOT NULL,
    eta_seconds      integer,
    estimated_fare   numeric(10, 2) NOT NULL,
    fare_amount      numeric(10, 2),
    surge_multiplier numeric(4, 2) NOT NULL CHECK (surge_multiplier >= 1),
    promo_code       text REFERENCES promotions (promo_code),
    requested_at     timestamptz NOT NULL,
    accepted_at      timestamptz,
    arrived_at       timestamptz,
    started_at       timestamptz,
    completed_at     timestamptz,
    cancelled_at     timestamptz,
    cancelled_by     text CHECK (cancelled_by IN ('RIDER', 'DRIVER', 'SYSTEM')),
    cancel_reason    text,
    updated_at       timestamptz NOT NULL,
    -- The state machine, as constraints: a state's timestamp exists exactly when the booking reached it.
    CONSTRAINT accepted_has_driver CHECK (accepted_at IS NULL OR driver_id IS NOT NULL),
    CONSTRAINT order_of_steps CHECK (
        (accepted_at IS NULL OR accepted_at >= requested_at)
        AND (arrived_at IS NULL OR (accepted_at IS NOT NULL AND arrived_at >= accepted_at))
        AND (started_at IS NULL OR (arrived_at IS NOT NULL AND started_at >= arrived_at))
        AND (completed_at IS NULL OR (started_at IS NOT NULL AND completed_at >= started_at))),
    CONSTRAINT completed_is_final CHECK ((status = 'COMPLETED') = (completed_at IS NOT NULL)),
    CONSTRAINT cancelled_is_final CHECK (
        (status = 'CANCELLED') = (cancelled_at IS NOT NULL)
        AND (cancelled_at IS NULL) = (cancelled_by IS NULL)
        AND (completed_at IS NULL OR cancelled_at IS NULL)),
    CONSTRAINT fare_when_completed CHECK ((status = 'COMPLETED') = (fare_amount IS NOT NULL))
);

CREATE INDEX bookings_open ON bookings (status) WHERE status IN ('REQUESTED', 'ACCEPTED', 'ARRIVED', 'IN_PROGRESS');
CREATE INDEX bookings_requested_at ON bookings (requested_at);

-- Insert-only, the highest-volume table: no foreign key, so location pings never wait on driver rows.
CREATE TABLE driver_location_events (
    event_id    bigint PRIMARY KEY,
    driver_id   bigint NOT NULL,
    lat         double precision NOT NULL,
    lon         double precision NOT NULL,
    speed_kmh   double precision NOT NULL,
    heading     double precision NOT NULL,
    recorded_at timestamptz NOT NULL
);

CREATE INDEX driver_location_events_recorded_at ON driver_location_events (recorded_at);

CREATE TABLE payments (
    payment_id bigint PRIMARY KEY,
    booking_id bigint NOT NULL REFERENCES bookings (booking_id),
    amount     numeric(10, 2) NOT NULL,
    method     text NOT NULL CHECK (method IN ('CARD', 'CASH', 'WALLET')),
    status     text NOT NULL CHECK (status IN ('PAID', 'FAILED', 'REFUNDED')),
    created_at timestamptz NOT NULL
);

CREATE TABLE ratings (
    booking_id    bigint PRIMARY KEY REFERENCES bookings (booking_id),
    rider_rating  smallint CHECK (rider_rating BETWEEN 1 AND 5),
    driver_rating smallint CHECK (driver_rating BETWEEN 1 AND 5),
    created_at    timestamptz NOT NULL
);
