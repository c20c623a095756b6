-- Daily mean temperatures: the driver of growth, feed and the temperature readings.
-- Sea: mean − amplitude × cos(2π (day of year − coldest day) / 365.25), so the minimum falls
-- on the coldest day and the maximum half a year later. Halls: the stage's controlled band.
-- Noise: a moving average of seeded normals over a window (smooth, autocorrelated), scaled
-- back to the wanted sd. Keyed by the calendar date, so any range gives the same values.
CREATE OR REPLACE FUNCTION aquasql.generate_temperatures(p_seed bigint, p_from date, p_to date)
RETURNS bigint
LANGUAGE plpgsql
AS $$
DECLARE
    window_days integer := (
        SELECT value::integer FROM aquasql.model_parameter WHERE name = 'temp_noise_window_days'
    );
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
            s.temp_mean IS NULL AS at_sea
        FROM infrastructure_geography AS g
        INNER JOIN aquasql.geography_parameter AS gp ON g.name = gp.geography
        CROSS JOIN aquasql.stage_parameter AS s
    ),

    white AS (
        SELECT
            env.*,
            d::date AS date,
            aquasql.rand_normal(
                p_seed, aquasql.stream('temperature'), env.geography_id, env.stage_order,
                d::date - date '2000-01-01'
            ) AS z
        FROM env
        CROSS JOIN generate_series(p_from - (window_days - 1), p_to, interval '1 day') AS d
    ),

    smooth AS (
        SELECT
            white.*,
            avg(z) OVER (
                PARTITION BY geography_id, stage_order ORDER BY date
                ROWS BETWEEN window_days - 1 PRECEDING AND CURRENT ROW
            ) * sqrt(window_days) AS noise
        FROM white
    )

    SELECT
        geography_id,
        stage_order,
        date,
        CASE
            WHEN at_sea THEN sea_temp_mean - sea_temp_amplitude
                * cos(2 * pi() * (extract(DOY FROM date) - sea_temp_coldest_day) / 365.25)
            ELSE hall_mean
        END + noise_sd * noise
    FROM smooth
    WHERE date >= p_from;
    GET DIAGNOSTICS written = ROW_COUNT;
    RETURN written;
END
$$;

COMMENT ON FUNCTION aquasql.generate_temperatures(bigint, date, date) IS
'Fill aquasql.daily_temperature for every geography and environment (stages 1–5: halls, 6: sea) from p_from to p_to.';
