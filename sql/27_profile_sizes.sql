-- What each profile builds, computed from its rows (the same arithmetic the infrastructure
-- generator follows), so users can choose before generating anything.
CREATE OR REPLACE FUNCTION aquasql.profile_sizes()
RETURNS TABLE (
    profile text,
    description text,
    geographies bigint,
    stations bigint,
    halls bigint,
    containers bigint,
    sea_areas bigint,
    feed_containers bigint,
    sensors bigint,
    batches bigint,
    stagger_days integer
)
LANGUAGE sql STABLE
AS $$
    WITH halls AS (
        SELECT count(*) AS per_station FROM aquasql.stage_parameter WHERE hall_letter IS NOT NULL
    ),

    sensors AS (
        SELECT
            count(*) FILTER (WHERE freshwater) AS per_tank,
            count(*) FILTER (WHERE sea) AS per_ring
        FROM aquasql.sensor_parameters()
    )

    SELECT
        p.name,
        p.description,
        count(*),
        sum(g.stations),
        sum(g.stations) * halls.per_station,
        sum(g.stations) * halls.per_station * p.containers_per_hall + sum(g.areas) * p.rings_per_area,
        sum(g.areas),
        sum(g.stations) * halls.per_station + sum(g.areas) * p.barges_per_area,
        sum(g.stations) * halls.per_station * p.containers_per_hall * sensors.per_tank
        + sum(g.areas) * p.rings_per_area * sensors.per_ring,
        count(*) * p.batches_per_geography,
        p.stagger_days
    FROM aquasql.profile AS p
    INNER JOIN aquasql.profile_geography AS g ON p.name = g.profile
    CROSS JOIN halls
    CROSS JOIN sensors
    GROUP BY p.name, p.description, p.containers_per_hall, p.rings_per_area, p.barges_per_area,
        p.batches_per_geography, p.stagger_days, halls.per_station, sensors.per_tank, sensors.per_ring
    ORDER BY count(*) * p.batches_per_geography DESC
$$;

COMMENT ON FUNCTION aquasql.profile_sizes() IS
'Every profile with the counts of what it builds (geographies … sensors) and its default schedule.';
