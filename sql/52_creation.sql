-- Day 1: the eggs arrive. One creation workflow per batch and one delivery per tray; each
-- tray starts with the eggs delivered to it less those dead on arrival.

CREATE OR REPLACE FUNCTION aquasql.egg_deliveries(p_batches bigint[])
RETURNS TABLE (assignment_id bigint, batch_id bigint, action_number integer, eggs integer, dead_on_arrival integer)
LANGUAGE sql STABLE
AS $$
    WITH trays AS (
        SELECT
            l.assignment_id,
            l.batch_id,
            l.container_rank,
            p.eggs,
            count(*) OVER (PARTITION BY l.batch_id) AS trays
        FROM aquasql.assignment_life AS l
        INNER JOIN aquasql.plan_batch AS p ON l.batch_id = p.batch_id
        -- eggs are delivered into the incubation stage's trays
        INNER JOIN aquasql.stage_parameter AS sp ON l.stage_order = sp.stage_order
        WHERE sp.incubation AND l.batch_id = ANY(p_batches)
    ),

    shares AS (
        SELECT
            trays.*,
            (trays.eggs / trays.trays + CASE WHEN trays.container_rank <= trays.eggs % trays.trays THEN 1 ELSE 0 END)
                AS share
        FROM trays
    )

    SELECT
        assignment_id,
        batch_id,
        container_rank::integer,
        share::integer,
        round(share * (aquasql.param('egg_doa_min') + (aquasql.param('egg_doa_max') - aquasql.param('egg_doa_min'))
            * aquasql.rand_uniform(aquasql.run_seed(), aquasql.stream('dead_on_arrival'), assignment_id, 1)))::integer
    FROM shares
$$;

CREATE OR REPLACE FUNCTION aquasql.lifecycle_creation(p_batches bigint[])
RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
    seed bigint := aquasql.run_seed();
    admin integer := aquasql.user_id('system_admin');
    price_min double precision := aquasql.param('egg_price_min_per_thousand');
    price_spread double precision := aquasql.param('egg_price_spread_per_thousand');
    lead_days integer := aquasql.param('egg_order_lead_days')::integer;
    quality_min integer := aquasql.param('egg_quality_score_min')::integer;
    quality_max integer := aquasql.param('egg_quality_score_max')::integer;
    minutes_min integer := aquasql.param('egg_delivery_minutes_min')::integer;
    minutes_max integer := aquasql.param('egg_delivery_minutes_max')::integer;
BEGIN
    UPDATE aquasql.assignment_life AS l SET start_population = e.eggs - e.dead_on_arrival
    FROM aquasql.egg_deliveries(p_batches) AS e
    WHERE l.assignment_id = e.assignment_id;

    INSERT INTO batch_creationworkflow (
        id, workflow_number, batch_id, status, egg_source_type, egg_production_id, external_supplier_id,
        external_supplier_batch_number, external_cost_per_thousand, total_eggs_planned, total_eggs_received,
        total_mortality_on_arrival, planned_start_date, planned_completion_date, actual_start_date,
        actual_completion_date, total_actions, actions_completed, progress_percentage, created_by_id,
        cancellation_reason, cancelled_at, cancelled_by_id, notes, created_at, updated_at
    )
    SELECT
        b.id,
        'CRT-' || b.batch_number,
        b.id,
        'COMPLETED',
        'EXTERNAL',
        NULL,
        (SELECT s.id FROM broodstock_eggsupplier AS s ORDER BY s.id
            OFFSET aquasql.rand_int(seed, aquasql.stream('egg_supplier'), b.id, 0, 0, 0,
                (SELECT count(*)::integer - 1 FROM broodstock_eggsupplier)) LIMIT 1),
        format('EGG-%s-%s', extract(YEAR FROM b.start_date), lpad(b.id::text, 4, '0')),
        round((price_min + price_spread * aquasql.rand_uniform(seed, aquasql.stream('egg_price'), b.id, 1))::numeric, 2),
        e.eggs,
        e.eggs,
        e.dead,
        b.start_date - lead_days,
        b.start_date,
        b.start_date,
        b.start_date,
        e.actions,
        e.actions,
        100,
        admin,
        '',
        NULL,
        NULL,
        '',
        (b.start_date - lead_days)::timestamp AT TIME ZONE 'UTC',
        b.start_date::timestamp AT TIME ZONE 'UTC'
    FROM batch_batch AS b
    INNER JOIN (
        SELECT batch_id, sum(eggs)::integer AS eggs, sum(dead_on_arrival)::integer AS dead, count(*)::integer AS actions
        FROM aquasql.egg_deliveries(p_batches) GROUP BY batch_id
    ) AS e ON b.id = e.batch_id;

    INSERT INTO batch_creationaction (
        id, workflow_id, action_number, status, dest_assignment_id, egg_count_planned, egg_count_actual,
        mortality_on_arrival, expected_delivery_date, actual_delivery_date, delivery_method,
        water_temp_on_arrival, egg_quality_score, execution_duration_minutes, executed_by_id, notes,
        created_at, updated_at
    )
    SELECT
        e.batch_id * 100 + e.action_number,
        e.batch_id,
        e.action_number,
        'COMPLETED',
        e.assignment_id,
        e.eggs,
        e.eggs,
        e.dead_on_arrival,
        l.first_day,
        l.first_day,
        'TRANSPORT',
        round(d.temp_c::numeric, 2),
        aquasql.rand_int(seed, aquasql.stream('egg_quality'), e.assignment_id, 2, 0, quality_min, quality_max),
        aquasql.rand_int(
            seed, aquasql.stream('egg_delivery_minutes'), e.assignment_id, 3, 0, minutes_min, minutes_max
        ),
        admin,
        '',
        (l.first_day - lead_days)::timestamp AT TIME ZONE 'UTC',
        l.first_day::timestamp AT TIME ZONE 'UTC'
    FROM aquasql.egg_deliveries(p_batches) AS e
    INNER JOIN aquasql.assignment_life AS l ON e.assignment_id = l.assignment_id
    INNER JOIN aquasql.batch_day AS d ON e.batch_id = d.batch_id AND l.first_day = d.date;
END
$$;
