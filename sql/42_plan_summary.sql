-- What the plan holds at its run date: batches, stages, container utilisation.
CREATE OR REPLACE FUNCTION aquasql.plan_summary()
RETURNS TABLE (section text, geography text, item text, value text)
LANGUAGE sql STABLE
AS $$
    WITH run AS (SELECT * FROM aquasql.run_setting),

    batches AS (
        SELECT
            g.name AS geography,
            b.id,
            b.status,
            b.start_date,
            st.name AS stage,
            st."order" AS stage_order
        FROM batch_batch AS b
        INNER JOIN aquasql.plan_batch AS p ON b.id = p.batch_id
        INNER JOIN infrastructure_geography AS g ON p.geography_id = g.id
        INNER JOIN batch_lifecyclestage AS st ON b.lifecycle_stage_id = st.id
    ),

    container_place AS (
        -- every active container with its geography and the stage it serves
        SELECT
            c.id,
            g.name AS geography,
            coalesce(sp.name, sea.name) AS stage,
            coalesce(sp.stage_order, sea.stage_order) AS stage_order
        FROM infrastructure_container AS c
        LEFT JOIN infrastructure_hall AS h ON c.hall_id = h.id
        LEFT JOIN infrastructure_freshwaterstation AS s ON h.freshwater_station_id = s.id
        LEFT JOIN aquasql.stage_parameter AS sp ON h.name = s.name || '-Hall-' || sp.hall_letter
        LEFT JOIN infrastructure_area AS a ON c.area_id = a.id
        LEFT JOIN aquasql.stage_parameter AS sea ON c.area_id IS NOT NULL AND sea.hall_letter IS NULL
        INNER JOIN infrastructure_geography AS g ON coalesce(s.geography_id, a.geography_id) = g.id
        WHERE c.active AND g.name IN (SELECT geography FROM batches)
    ),

    occupied AS (
        SELECT DISTINCT container_id FROM batch_batchcontainerassignment WHERE is_active
    ),

    utilisation AS (
        SELECT
            cp.geography,
            cp.stage,
            cp.stage_order,
            count(*) AS containers,
            count(o.container_id) AS in_use
        FROM container_place AS cp
        LEFT JOIN occupied AS o ON cp.id = o.container_id
        GROUP BY GROUPING SETS ((cp.geography), (cp.geography, cp.stage, cp.stage_order))
    )

    SELECT 'run', NULL, 'profile / seed / run date', format('%s / %s / %s', profile, seed, as_of) FROM run
    UNION ALL
    SELECT
        'run', NULL, 'history',
        format('%s to %s (%s years)', min(start_date), (SELECT as_of FROM run),
            round(((SELECT as_of FROM run) - min(start_date)) / 365.25, 1))
    FROM batches
    UNION ALL
    SELECT * FROM (
        SELECT
            'batches', geography, 'planned / completed / active',
            format('%s / %s / %s', count(*), count(*) FILTER (WHERE status = 'COMPLETED'),
                count(*) FILTER (WHERE status = 'ACTIVE'))
        FROM batches GROUP BY geography ORDER BY geography
    ) AS per_geography
    UNION ALL
    SELECT * FROM (
        SELECT 'active batches per stage', geography, stage, count(*)::text
        FROM batches WHERE status = 'ACTIVE'
        GROUP BY geography, stage, stage_order ORDER BY geography, stage_order
    ) AS per_stage
    UNION ALL
    SELECT * FROM (
        SELECT
            'utilisation at run date', geography, coalesce(stage, 'all containers'),
            format('%s of %s (%s %%)', in_use, containers, round(100.0 * in_use / containers, 1))
        FROM utilisation ORDER BY geography, stage_order NULLS FIRST
    ) AS per_container
$$;

COMMENT ON FUNCTION aquasql.plan_summary() IS
'The plan at its run date: batches per geography, completed vs active, active batches per stage, '
'container utilisation.';
