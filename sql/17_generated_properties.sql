-- The guarantees of every dataset aquasql writes, as data: AquaMind's schema does not enforce
-- them (its event tables' assignment keys are nullable, journal entries have none, and at
-- cb41030 two batches may share a container), so a run checks them on its own rows before it
-- reports success, and `--strict` can add them as constraints on a fixture database.
-- One row per property: how many of aquasql's rows break it (0 is a pass).

CREATE OR REPLACE FUNCTION aquasql.generated_property_violations()
RETURNS TABLE (property text, violations bigint)
LANGUAGE plpgsql
STABLE
AS $$
DECLARE
    ev record;
BEGIN
    -- every per-container event names its assignment, and agrees with it on batch and container
    -- (the registry's tables with an assignment column; batch and container where they have them)
    FOR ev IN
        SELECT g.family, g.table_name, g.assignment_column, g.rows_of_batches,
            EXISTS (SELECT 1 FROM information_schema.columns AS c
                WHERE c.table_schema = 'public' AND c.table_name = g.table_name AND c.column_name = 'batch_id')
                AS has_batch,
            EXISTS (SELECT 1 FROM information_schema.columns AS c
                WHERE c.table_schema = 'public' AND c.table_name = g.table_name AND c.column_name = 'container_id')
                AS has_container
        FROM aquasql.generated_table() WITH ORDINALITY AS g
        WHERE g.assignment_column IS NOT NULL AND to_regclass('public.' || g.table_name) IS NOT NULL
        ORDER BY g.ordinality
    LOOP
        property := format('%s name their assignment%s%s', ev.family,
            CASE WHEN ev.has_batch THEN ', batch' ELSE '' END,
            CASE WHEN ev.has_container THEN ' and container' ELSE '' END);
        EXECUTE format(
            'SELECT count(*) FROM (SELECT * FROM public.%I WHERE %s) AS e'
            ' LEFT JOIN batch_batchcontainerassignment AS a ON e.%I = a.id WHERE a.id IS NULL%s%s',
            ev.table_name, ev.rows_of_batches, ev.assignment_column,
            CASE WHEN ev.has_batch THEN ' OR e.batch_id IS DISTINCT FROM a.batch_id' ELSE '' END,
            CASE WHEN ev.has_container THEN ' OR e.container_id IS DISTINCT FROM a.container_id' ELSE '' END
        ) INTO violations USING ARRAY(SELECT p.batch_id FROM aquasql.plan_batch AS p);
        RETURN NEXT;
    END LOOP;
    RETURN QUERY
    WITH ours AS (SELECT p.batch_id FROM aquasql.plan_batch AS p),

    assignment AS (
        SELECT a.id, a.batch_id, a.container_id, a.assignment_date, a.departure_date
        FROM batch_batchcontainerassignment AS a
        WHERE a.batch_id IN (SELECT o.batch_id FROM ours AS o)
    )

    -- AquaMind's journal entry has no assignment column: its batch and container must have
    -- an assignment holding fish on the entry's day
    SELECT 'journal entries fall within an assignment of their batch and container', count(*)
    FROM health_journalentry AS j
    WHERE j.batch_id IN (SELECT o.batch_id FROM ours AS o)
        AND NOT EXISTS (
            SELECT 1 FROM assignment AS a
            WHERE a.batch_id = j.batch_id AND a.container_id = j.container_id
                AND (j.entry_date AT TIME ZONE 'UTC')::date >= a.assignment_date
                AND (a.departure_date IS NULL OR (j.entry_date AT TIME ZONE 'UTC')::date < a.departure_date)
        )
    UNION ALL
    SELECT 'generated assignments of one container never overlap', count(*)
    FROM assignment AS a
    INNER JOIN assignment AS b
        ON a.container_id = b.container_id AND a.id < b.id
        AND daterange(a.assignment_date, a.departure_date) && daterange(b.assignment_date, b.departure_date)
    UNION ALL
    -- fish are conserved: what left each source is what arrived plus what died on the way,
    -- and a day's fish are the day before's less that day's deaths
    SELECT 'transfer workflows add up to their actions', count(*)
    FROM batch_batchtransferworkflow AS w
    INNER JOIN LATERAL (
        SELECT sum(t.transferred_count) AS moved, sum(t.mortality_during_transfer) AS died
        FROM batch_transferaction AS t WHERE t.workflow_id = w.id
    ) AS t ON TRUE
    WHERE w.batch_id IN (SELECT o.batch_id FROM ours AS o)
        AND (w.total_transferred_count <> t.moved OR w.total_mortality_count <> t.died
            OR w.total_source_count <> t.moved + t.died)
    UNION ALL
    SELECT 'a batch''s fish = the day before''s less deaths, transfer losses and harvest', count(*)
    FROM (
        SELECT
            d.fish,
            d.deaths,
            lag(d.fish) OVER (PARTITION BY d.batch_id ORDER BY d.date) AS fish_before,
            coalesce((
                SELECT sum(w.total_mortality_count) FROM batch_batchtransferworkflow AS w
                WHERE w.batch_id = d.batch_id AND w.actual_start_date = d.date
            ), 0) AS moved_dead,
            -- rings harvested that day (a site is harvested ring after ring over weeks)
            coalesce((
                SELECT sum(l.unit_count) FROM harvest_harvestevent AS e
                INNER JOIN harvest_harvestlot AS l ON e.id = l.event_id
                WHERE e.batch_id = d.batch_id AND (e.event_date AT TIME ZONE 'UTC')::date = d.date
            ), 0) AS harvested
        FROM (
            SELECT s.batch_id, s.date, sum(s.population) AS fish, sum(s.mortality_count) AS deaths
            FROM batch_actualdailyassignmentstate AS s
            WHERE s.batch_id IN (SELECT o.batch_id FROM ours AS o)
            GROUP BY s.batch_id, s.date
        ) AS d
    ) AS x
    WHERE x.fish_before IS NOT NULL AND x.fish <> x.fish_before - x.deaths - x.moved_dead - x.harvested;
END
$$;

COMMENT ON FUNCTION aquasql.generated_property_violations() IS
'The properties of every dataset aquasql writes, over aquasql''s own batches: per-container events name '
'their assignment and agree with it, generated assignments never overlap, fish are conserved. One row per '
'property with the number of rows breaking it (0 = holds).';
