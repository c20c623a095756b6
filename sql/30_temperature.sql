-- Daily mean temperatures: the driver of growth, feed and the temperature readings.
-- Sea: mean − amplitude × cos(2π (day of year − coldest day) / 365.25), so the minimum falls
-- on the coldest day and the maximum half a year later. Halls: the stage's controlled band.
-- Noise: a moving average of seeded normals over a window (smooth, autocorrelated), scaled
-- back to the wanted sd. At sea also warm and cold years: a seeded anomaly per geography and
-- year, reached at midsummer and blended linearly from one year's to the next's in between.
-- Keyed by the calendar date, so any range gives the same values.
CREATE OR REPLACE FUNCTION aquasql.generate_temperatures(p_seed bigint, p_from date, p_to date)
RETURNS bigint
LANGUAGE plpgsql
SET timezone = 'UTC'
AS $$
DECLARE
    window_days integer := aquasql.param('temp_noise_window_days')::integer;
    year_sd double precision := aquasql.param('sea_temp_year_anomaly_sd');
    -- the anomalies are reached on the first of this month (midsummer)
    peak_month integer := aquasql.param('sea_temp_anomaly_peak_month')::integer;
    written bigint;
BEGIN
    DELETE FROM aquasql.daily_temperature;
    INSERT INTO aquasql.daily_temperature (geography_id, stage_order, date, temp_c)
    WITH env AS (
        SELECT
            g.id AS geography_id,
            s.stage_order,
            gp.sea_temp_mean,
            gp.sea_temp_amplitude,
            gp.sea_temp_coldest_day,
            coalesce(s.temp_mean, 0) AS hall_mean,
            coalesce(s.temp_noise_sd, gp.sea_temp_noise_sd) AS noise_sd,
            s.at_sea
        FROM infrastructure_geography AS g
        INNER JOIN aquasql.geography_parameter AS gp ON g.name = gp.geography
        CROSS JOIN aquasql.stage_parameter AS s
    ),

    white AS (
        SELECT
            env.*,
            d::date AS date,
            aquasql.rand_normal(
                p_seed, aquasql.stream('temperature_noise'), env.geography_id, env.stage_order,
                d::date - date '2000-01-01'
            ) AS z
        FROM env
        -- timestamps without time zone: dates from dates, whatever the session's TimeZone
        CROSS JOIN generate_series((p_from - (window_days - 1))::timestamp, p_to::timestamp, interval '1 day') AS d
    ),

    smooth AS (
        SELECT
            white.*,
            -- the midsummers on both sides of the day, and how far the day is from the first
            CASE WHEN white.at_sea THEN year_sd * (
                (1 - mid.frac) * aquasql.rand_normal(
                    p_seed, aquasql.stream('sea_year_anomaly'), white.geography_id, mid.year_before
                )
                + mid.frac * aquasql.rand_normal(
                    p_seed, aquasql.stream('sea_year_anomaly'), white.geography_id, mid.year_before + 1
                )
            ) ELSE 0 END AS year_anomaly,
            avg(z) OVER (
                PARTITION BY geography_id, stage_order ORDER BY date
                ROWS BETWEEN window_days - 1 PRECEDING AND CURRENT ROW
            ) * sqrt(window_days) AS noise
        FROM white
        CROSS JOIN LATERAL (
            SELECT
                y.year_before,
                (white.date - make_date(y.year_before, peak_month, 1))::float8
                / (make_date(y.year_before + 1, peak_month, 1) - make_date(y.year_before, peak_month, 1)) AS frac
            FROM (
                SELECT extract(YEAR FROM white.date)::integer
                    - CASE WHEN extract(DOY FROM white.date) < extract(DOY FROM make_date(
                        extract(YEAR FROM white.date)::integer, peak_month, 1)) THEN 1 ELSE 0 END AS year_before
            ) AS y
        ) AS mid
    )

    SELECT
        geography_id,
        stage_order,
        date,
        CASE
            WHEN at_sea THEN sea_temp_mean - sea_temp_amplitude
                * cos(2 * pi() * (extract(DOY FROM date) - sea_temp_coldest_day) / 365.25)
            ELSE hall_mean
        END + year_anomaly + noise_sd * noise
    FROM smooth
    WHERE date >= p_from;
    GET DIAGNOSTICS written = ROW_COUNT;
    RETURN written;
END
$$;

COMMENT ON FUNCTION aquasql.generate_temperatures(bigint, date, date) IS
'Fill aquasql.daily_temperature for every geography and environment (stages 1–5: halls, 6: sea) from p_from to p_to.';
