INSERT INTO cities (city_code, name, center_lat, center_lon, time_zone) VALUES
    ('HCM', 'Ho Chi Minh City', 10.7769, 106.7009, 'Asia/Ho_Chi_Minh'),
    ('HAN', 'Hanoi', 21.0278, 105.8342, 'Asia/Ho_Chi_Minh'),
    ('DAD', 'Da Nang', 16.0544, 108.2022, 'Asia/Ho_Chi_Minh');

INSERT INTO vehicle_types (vehicle_type, base_fare, per_km, per_minute, min_fare, seats) VALUES
    ('BIKE', 0.50, 0.30, 0.05, 1.00, 1),
    ('CAR', 1.00, 0.60, 0.10, 2.50, 4),
    ('CAR_XL', 1.50, 0.90, 0.15, 4.00, 7);

INSERT INTO promotions (promo_code, discount_pct, valid_from, valid_to) VALUES
    ('WELCOME10', 10, '2020-01-01T00:00:00Z', '2100-01-01T00:00:00Z'),
    ('RAINY15', 15, '2020-01-01T00:00:00Z', '2100-01-01T00:00:00Z'),
    ('NIGHT20', 20, '2020-01-01T00:00:00Z', '2100-01-01T00:00:00Z');
