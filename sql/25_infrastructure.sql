-- The farm's infrastructure from a profile: geographies, stations with one hall per
-- freshwater stage, sea areas with rings, feed silos and barges, sensors. Set-based and
-- idempotent: rows are matched by their natural keys (names within their parent), so a
-- second call adds nothing; ids follow the name order on a fresh database.

-- Which environmental parameters are measured where (sensor_type = the parameter's name), from
-- aquasql.sensor_parameter (sort_order = its sensor slot).
CREATE OR REPLACE FUNCTION aquasql.sensor_parameters()
RETURNS TABLE (parameter_name text, freshwater boolean, sea boolean, sort_order integer)
LANGUAGE sql STABLE
AS $$
    SELECT p.name, p.freshwater, p.sea, p.slot FROM aquasql.sensor_parameter AS p
$$;

CREATE OR REPLACE FUNCTION aquasql.generate_infrastructure(
    p_profile text,
    p_created_at timestamptz DEFAULT '2018-01-01 00:00+00'
)
RETURNS TABLE (item text, total bigint)
LANGUAGE plpgsql
SET timezone = 'UTC'
AS $$
DECLARE
    prof aquasql.profile;
    -- where stations and sea areas lie around the geography's point (degrees; numeric, as the columns)
    station_lat_step constant numeric := aquasql.param('station_latitude_step')::numeric;
    station_lon_step constant numeric := aquasql.param('station_longitude_step')::numeric;
    area_lat_step constant numeric := aquasql.param('area_latitude_step')::numeric;
    area_lat_scatter constant numeric := aquasql.param('area_latitude_scatter')::numeric;
    area_lat_period constant integer := aquasql.param('area_latitude_period')::integer;
    area_lon_step constant numeric := aquasql.param('area_longitude_step')::numeric;
    area_lon_scatter constant numeric := aquasql.param('area_longitude_scatter')::numeric;
    area_lon_period constant integer := aquasql.param('area_longitude_period')::integer;
    tank_depth constant numeric := aquasql.param('hall_tank_depth_m')::numeric;
    floor_factor constant numeric := aquasql.param('hall_floor_factor')::numeric;
    manufacturers constant text[] := ARRAY(
        SELECT m.name FROM aquasql.sensor_manufacturer AS m ORDER BY m.manufacturer_no
    );
BEGIN
    SELECT * INTO prof FROM aquasql.profile WHERE name = p_profile;
    IF NOT found THEN
        RAISE EXCEPTION 'unknown profile "%"', p_profile USING
            ERRCODE = 'invalid_parameter_value',
            HINT = 'known profiles: ' || (SELECT string_agg(name, ', ' ORDER BY name) FROM aquasql.profile);
    END IF;

    INSERT INTO infrastructure_geography (name, description, created_at, updated_at)
    SELECT pg.geography, pg.geography || ' farming region', p_created_at, p_created_at
    FROM aquasql.profile_geography AS pg
    WHERE pg.profile = p_profile
        AND NOT EXISTS (SELECT 1 FROM infrastructure_geography AS g WHERE g.name = pg.geography)
    ORDER BY pg.sort_order;

    INSERT INTO infrastructure_containertype (name, category, max_volume_m3, description, created_at, updated_at)
    SELECT t.name, t.category, t.volume, t.description, p_created_at, p_created_at
    FROM (
        SELECT
            s.container_type AS name,
            s.container_category AS category,
            s.container_volume_m3 AS volume,
            s.description AS description,
            s.stage_order AS sort_order
        FROM aquasql.stage_parameter AS s
        UNION ALL
        VALUES
        -- sort orders 7 and 8: after the six stages' types
        ('Feed Silo', 'SILO', aquasql.param('feed_silo_volume_m3')::numeric, 'Feed silo serving one hall', 7),
        ('Feed Barge', 'BARGE', aquasql.param('feed_barge_volume_m3')::numeric, 'Feed barge serving a sea area', 8)
    ) AS t
    WHERE NOT EXISTS (SELECT 1 FROM infrastructure_containertype AS ct WHERE ct.name = t.name)
    ORDER BY t.sort_order;

    INSERT INTO infrastructure_freshwaterstation (
        name, station_type, geography_id, latitude, longitude, description, active, created_at, updated_at
    )
    SELECT
        format('%s-%s', pg.station_prefix, lpad(i::text, 2, '0')),
        'FRESHWATER',
        g.id,
        gp.latitude + station_lat_step * i,
        gp.longitude - station_lon_step * i,
        format('Freshwater station %s of %s', i, pg.geography),
        TRUE,
        p_created_at,
        p_created_at
    FROM aquasql.profile_geography AS pg
    INNER JOIN infrastructure_geography AS g ON pg.geography = g.name
    INNER JOIN aquasql.geography_parameter AS gp ON pg.geography = gp.geography
    CROSS JOIN generate_series(1, pg.stations) AS i
    WHERE pg.profile = p_profile
        AND NOT EXISTS (
            SELECT 1 FROM infrastructure_freshwaterstation AS s
            WHERE s.geography_id = g.id AND s.name = format('%s-%s', pg.station_prefix, lpad(i::text, 2, '0'))
        )
    ORDER BY pg.sort_order, i;

    INSERT INTO infrastructure_hall (name, freshwater_station_id, description, area_sqm, active, created_at, updated_at)
    SELECT
        s.name || '-Hall-' || sp.hall_letter,
        s.id,
        format('%s hall (%s)', sp.name, sp.container_type),
        -- floor space for the hall's tanks at their depth, plus walkways
        round(prof.containers_per_hall * sp.container_volume_m3 / tank_depth * floor_factor, 2),
        TRUE,
        p_created_at,
        p_created_at
    FROM infrastructure_freshwaterstation AS s
    INNER JOIN infrastructure_geography AS g ON s.geography_id = g.id
    INNER JOIN aquasql.profile_geography AS pg ON pg.profile = p_profile AND g.name = pg.geography
    CROSS JOIN aquasql.stage_parameter AS sp
    WHERE sp.hall_letter IS NOT NULL
        AND NOT EXISTS (
            SELECT 1 FROM infrastructure_hall AS h
            WHERE h.freshwater_station_id = s.id AND h.name = s.name || '-Hall-' || sp.hall_letter
        )
    ORDER BY s.id, sp.stage_order;

    INSERT INTO infrastructure_area (
        name, geography_id, latitude, longitude, max_biomass, active, created_at, updated_at
    )
    SELECT
        format('%s-%s', pg.area_prefix, lpad(i::text, 2, '0')),
        g.id,
        gp.latitude - area_lat_scatter * (i % area_lat_period) + area_lat_step * i,
        gp.longitude + area_lon_scatter * (i % area_lon_period) - area_lon_step * i,
        prof.rings_per_area * sea.container_volume_m3 * sea.max_density_kg_m3,
        TRUE,
        p_created_at,
        p_created_at
    FROM aquasql.profile_geography AS pg
    INNER JOIN infrastructure_geography AS g ON pg.geography = g.name
    INNER JOIN aquasql.geography_parameter AS gp ON pg.geography = gp.geography
    CROSS JOIN generate_series(1, pg.areas) AS i
    CROSS JOIN (SELECT * FROM aquasql.stage_parameter WHERE at_sea) AS sea
    WHERE pg.profile = p_profile
        AND NOT EXISTS (
            SELECT 1 FROM infrastructure_area AS a
            WHERE a.geography_id = g.id AND a.name = format('%s-%s', pg.area_prefix, lpad(i::text, 2, '0'))
        )
    ORDER BY pg.sort_order, i;

    -- Tanks and trays: all containers of a hall serve its stage.
    PERFORM aquasql.stage('infrastructure_container');
    INSERT INTO staged_infrastructure_container (
        name, container_type_id, hall_id, area_id, volume_m3, max_biomass_kg,
        feed_recommendations_enabled, active, created_at, updated_at
    )
    SELECT
        format('%s-%s-C%s', s.name, sp.hall_letter, lpad(i::text, 2, '0')),
        ct.id,
        h.id,
        NULL,
        sp.container_volume_m3,
        sp.container_volume_m3 * sp.max_density_kg_m3,
        sp.fcr IS NOT NULL,
        TRUE,
        p_created_at,
        p_created_at
    FROM infrastructure_hall AS h
    INNER JOIN infrastructure_freshwaterstation AS s ON h.freshwater_station_id = s.id
    INNER JOIN infrastructure_geography AS g ON s.geography_id = g.id
    INNER JOIN aquasql.profile_geography AS pg ON pg.profile = p_profile AND g.name = pg.geography
    INNER JOIN aquasql.stage_parameter AS sp ON h.name = s.name || '-Hall-' || sp.hall_letter
    INNER JOIN infrastructure_containertype AS ct ON sp.container_type = ct.name
    CROSS JOIN generate_series(1, prof.containers_per_hall) AS i
    WHERE NOT EXISTS (
        SELECT 1 FROM infrastructure_container AS c
        WHERE c.hall_id = h.id AND c.name = format('%s-%s-C%s', s.name, sp.hall_letter, lpad(i::text, 2, '0'))
    )
    ORDER BY h.id, i;

    PERFORM aquasql.insert_staged('infrastructure_container');

    -- Sea rings.
    PERFORM aquasql.stage('infrastructure_container');
    INSERT INTO staged_infrastructure_container (
        name, container_type_id, hall_id, area_id, volume_m3, max_biomass_kg,
        feed_recommendations_enabled, active, created_at, updated_at
    )
    SELECT
        format('%s-Ring-%s', a.name, lpad(i::text, 2, '0')),
        ct.id,
        NULL,
        a.id,
        sea.container_volume_m3,
        sea.container_volume_m3 * sea.max_density_kg_m3,
        TRUE,
        TRUE,
        p_created_at,
        p_created_at
    FROM infrastructure_area AS a
    INNER JOIN infrastructure_geography AS g ON a.geography_id = g.id
    INNER JOIN aquasql.profile_geography AS pg ON pg.profile = p_profile AND g.name = pg.geography
    CROSS JOIN (SELECT * FROM aquasql.stage_parameter WHERE at_sea) AS sea
    INNER JOIN infrastructure_containertype AS ct ON sea.container_type = ct.name
    CROSS JOIN generate_series(1, prof.rings_per_area) AS i
    WHERE NOT EXISTS (
        SELECT 1 FROM infrastructure_container AS c
        WHERE c.area_id = a.id AND c.name = format('%s-Ring-%s', a.name, lpad(i::text, 2, '0'))
    )
    ORDER BY a.id, i;
    PERFORM aquasql.insert_staged('infrastructure_container');

    -- Feed: one silo per hall, barges per sea area.
    INSERT INTO infrastructure_feedcontainer (
        name, container_type, hall_id, area_id, capacity_kg, active, created_at, updated_at
    )
    SELECT f.name, f.kind, f.hall_id, f.area_id, f.capacity, TRUE, p_created_at, p_created_at
    FROM (
        SELECT h.name || '-Silo' AS name, 'SILO' AS kind, h.id AS hall_id, NULL::bigint AS area_id,
            sp.silo_capacity_kg AS capacity, 1 AS sort_group, h.id AS sort_id, 1 AS sort_i
        FROM infrastructure_hall AS h
        INNER JOIN infrastructure_freshwaterstation AS s ON h.freshwater_station_id = s.id
        INNER JOIN infrastructure_geography AS g ON s.geography_id = g.id
        INNER JOIN aquasql.profile_geography AS pg ON pg.profile = p_profile AND g.name = pg.geography
        INNER JOIN aquasql.stage_parameter AS sp ON h.name = s.name || '-Hall-' || sp.hall_letter
        UNION ALL
        SELECT format('%s-Barge-%s', a.name, i), 'BARGE', NULL, a.id,
            aquasql.param('barge_capacity_kg'), 2, a.id, i
        FROM infrastructure_area AS a
        INNER JOIN infrastructure_geography AS g ON a.geography_id = g.id
        INNER JOIN aquasql.profile_geography AS pg ON pg.profile = p_profile AND g.name = pg.geography
        CROSS JOIN generate_series(1, prof.barges_per_area) AS i
    ) AS f
    WHERE NOT EXISTS (
        SELECT 1 FROM infrastructure_feedcontainer AS fc
        WHERE fc.name = f.name AND (fc.hall_id = f.hall_id OR fc.area_id = f.area_id)
    )
    ORDER BY f.sort_group, f.sort_id, f.sort_i;

    -- Sensors: one per measured parameter in every container of the profile's geographies.
    INSERT INTO infrastructure_sensor (
        name, sensor_type, container_id, serial_number, manufacturer, installation_date,
        last_calibration_date, active, created_at, updated_at
    )
    SELECT
        c.name || '-' || p.parameter_name,
        p.parameter_name,
        c.id,
        upper(left(md5(c.name || '-' || p.parameter_name), 10)),
        manufacturers[1 + (c.id + p.sort_order) % cardinality(manufacturers)],
        (p_created_at AT TIME ZONE 'UTC')::date,
        (p_created_at AT TIME ZONE 'UTC')::date,
        TRUE,
        p_created_at,
        p_created_at
    FROM infrastructure_container AS c
    LEFT JOIN infrastructure_hall AS h ON c.hall_id = h.id
    LEFT JOIN infrastructure_freshwaterstation AS s ON h.freshwater_station_id = s.id
    LEFT JOIN infrastructure_area AS a ON c.area_id = a.id
    INNER JOIN infrastructure_geography AS g ON coalesce(s.geography_id, a.geography_id) = g.id
    INNER JOIN aquasql.profile_geography AS pg ON pg.profile = p_profile AND g.name = pg.geography
    INNER JOIN aquasql.sensor_parameters() AS p
        ON (c.hall_id IS NOT NULL AND p.freshwater) OR (c.area_id IS NOT NULL AND p.sea)
    WHERE NOT EXISTS (
        SELECT 1 FROM infrastructure_sensor AS x
        WHERE x.container_id = c.id AND x.sensor_type = p.parameter_name
    )
    ORDER BY c.id, p.sort_order;

    RETURN QUERY
    SELECT 'geographies', count(*) FROM infrastructure_geography
    UNION ALL SELECT 'freshwater stations', count(*) FROM infrastructure_freshwaterstation
    UNION ALL SELECT 'halls', count(*) FROM infrastructure_hall
    UNION ALL SELECT 'sea areas', count(*) FROM infrastructure_area
    UNION ALL SELECT 'containers', count(*) FROM infrastructure_container
    UNION ALL SELECT 'feed containers', count(*) FROM infrastructure_feedcontainer
    UNION ALL SELECT 'sensors', count(*) FROM infrastructure_sensor;
END
$$;

COMMENT ON FUNCTION aquasql.generate_infrastructure(text, timestamptz) IS
'Create the infrastructure of a profile (idempotent: existing rows, matched by name, are kept); returns the totals.';
