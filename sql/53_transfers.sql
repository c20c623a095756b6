-- Stage changes: every fish leaves the source containers; a small share dies in the move;
-- the survivors are split evenly over the destination containers. Moves pair sources and
-- destinations by overlapping their cumulative fish ranges (like merging two sorted lists),
-- so every fish is accounted for once and each destination starts with exactly what it got.

CREATE OR REPLACE FUNCTION aquasql.transfer_moves(p_batches bigint[], p_to_stage integer)
RETURNS TABLE (
    batch_id bigint,
    action_number integer,
    source_assignment_id bigint,
    dest_assignment_id bigint,
    source_population integer,
    transferred integer,
    mortality integer,
    transfer_date date
)
LANGUAGE sql STABLE
AS $$
    WITH source AS (
        SELECT
            l.assignment_id,
            l.batch_id,
            l.container_rank,
            l.end_population AS population,
            round(l.end_population * (aquasql.param('transfer_mortality_min')
                + (aquasql.param('transfer_mortality_max') - aquasql.param('transfer_mortality_min'))
                * aquasql.rand_uniform(aquasql.run_seed(), aquasql.stream('transfer_mortality'), l.assignment_id)
            ))::integer AS lost
        FROM aquasql.assignment_life AS l
        WHERE l.stage_order = p_to_stage - 1 AND l.departed AND l.batch_id = ANY(p_batches)
    ),

    source_range AS (
        SELECT
            source.*,
            sum(source.population - source.lost) OVER w - (source.population - source.lost) AS lo,
            sum(source.population - source.lost) OVER w AS hi
        FROM source
        WINDOW w AS (PARTITION BY source.batch_id ORDER BY source.container_rank)
    ),

    dest AS (
        SELECT
            l.assignment_id,
            l.batch_id,
            l.container_rank,
            l.first_day,
            count(*) OVER (PARTITION BY l.batch_id) AS containers,
            t.survivors
        FROM aquasql.assignment_life AS l
        INNER JOIN (
            SELECT s.batch_id, sum(s.population - s.lost) AS survivors FROM source AS s GROUP BY s.batch_id
        ) AS t ON l.batch_id = t.batch_id
        WHERE l.stage_order = p_to_stage
    ),

    dest_range AS (
        SELECT
            dest.*,
            sum(dest.share) OVER w - dest.share AS lo,
            sum(dest.share) OVER w AS hi
        FROM (
            SELECT
                d.*,
                d.survivors / d.containers + CASE WHEN d.container_rank <= d.survivors % d.containers THEN 1 ELSE 0 END
                    AS share
            FROM dest AS d
        ) AS dest
        WINDOW w AS (PARTITION BY dest.batch_id ORDER BY dest.container_rank)
    ),

    moves AS (
        SELECT
            s.batch_id,
            s.assignment_id AS source_id,
            d.assignment_id AS dest_id,
            s.population,
            s.lost,
            least(s.hi, d.hi) - greatest(s.lo, d.lo) AS moved,
            d.first_day,
            s.container_rank AS source_rank,
            d.container_rank AS dest_rank
        FROM source_range AS s
        INNER JOIN dest_range AS d
            ON s.batch_id = d.batch_id AND greatest(s.lo, d.lo) < least(s.hi, d.hi)
    )

    SELECT
        m.batch_id,
        row_number() OVER (PARTITION BY m.batch_id ORDER BY m.source_rank, m.dest_rank)::integer,
        m.source_id,
        m.dest_id,
        m.population,
        m.moved::integer,
        -- the source's transfer losses are booked on its first move
        CASE WHEN m.dest_rank = min(m.dest_rank) OVER (PARTITION BY m.source_id) THEN m.lost ELSE 0 END,
        m.first_day
    FROM moves AS m
$$;

CREATE OR REPLACE FUNCTION aquasql.lifecycle_transfer(p_batches bigint[], p_to_stage integer)
RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
    seed bigint := aquasql.run_seed();
    admin integer := aquasql.user_id('system_admin');
    -- a move to the sea rings, and a move out of the incubation trays
    to_sea boolean := (SELECT s.at_sea FROM aquasql.stage_parameter AS s WHERE s.stage_order = p_to_stage);
    from_trays boolean := (SELECT s.incubation FROM aquasql.stage_parameter AS s WHERE s.stage_order = p_to_stage - 1);
    planning_days integer := aquasql.param('transfer_planning_days')::integer;
    oxygen_min double precision := aquasql.param('transfer_oxygen_min_pct');
    oxygen_spread double precision := aquasql.param('transfer_oxygen_spread_pct');
    weight_error_sd double precision := aquasql.param('transfer_weight_error_sd');
    sample_size integer := aquasql.param('transfer_sample_size')::integer;
    condition_factor double precision := aquasql.param('transfer_condition_factor');
    minutes_min integer := aquasql.param('transfer_minutes_min')::integer;
    minutes_max integer := aquasql.param('transfer_minutes_max')::integer;
    overfull record;
BEGIN
    DROP TABLE IF EXISTS pg_temp.lifecycle_move;
    -- with the weight of the source's fish at the end of the day before the move (each
    -- container's own: aquasql.container_weight_factor)
    CREATE TEMP TABLE pg_temp.lifecycle_move ON COMMIT DROP AS
    SELECT
        m.*,
        d.weight_g * aquasql.container_weight_factor(
            seed, l.batch_id, l.container_id, p_to_stage - 1, m.transfer_date - 1 - l.first_day
        ) AS source_weight_g
    FROM aquasql.transfer_moves(p_batches, p_to_stage) AS m
    INNER JOIN aquasql.assignment_life AS l ON m.source_assignment_id = l.assignment_id
    INNER JOIN aquasql.batch_day AS d ON m.batch_id = d.batch_id AND d.date = m.transfer_date - 1;
    -- a few rows: without statistics the planner would scan all of batch_day to join them
    ANALYZE pg_temp.lifecycle_move;

    UPDATE aquasql.assignment_life AS l SET start_population = m.received
    FROM (
        SELECT dest_assignment_id, sum(transferred)::integer AS received
        FROM pg_temp.lifecycle_move GROUP BY dest_assignment_id
    ) AS m
    WHERE l.assignment_id = m.dest_assignment_id;

    SELECT l.assignment_id, l.start_population INTO overfull FROM aquasql.assignment_life AS l
    WHERE to_sea AND l.stage_order = p_to_stage AND l.batch_id = ANY(p_batches)
        AND l.start_population > aquasql.param('ring_max_fish')
    LIMIT 1;
    IF found THEN
        RAISE EXCEPTION 'sea ring of assignment % would hold % fish, more than ring_max_fish',
            overfull.assignment_id, overfull.start_population
            USING HINT = 'raise ring_fill_margin so the planner gives the batch more rings';
    END IF;

    PERFORM aquasql.stage('batch_batchtransferworkflow');
    INSERT INTO staged_batch_batchtransferworkflow (
        id, workflow_number, batch_id, workflow_type, source_lifecycle_stage_id, dest_lifecycle_stage_id,
        status, planned_start_date, planned_completion_date, actual_start_date, actual_completion_date,
        total_source_count, total_transferred_count, total_mortality_count, total_biomass_kg,
        total_actions_planned, actions_completed, completion_percentage, is_intercompany, source_subsidiary,
        dest_subsidiary, finance_transaction_id, initiated_by_id, completed_by_id, notes, cancellation_reason,
        created_at, updated_at
    )
    SELECT
        m.batch_id * 10 + p_to_stage,
        format('TRF-%s-%s', b.batch_number, p_to_stage - 1),
        m.batch_id,
        'LIFECYCLE_TRANSITION',
        src.id,
        dst.id,
        'COMPLETED',
        m.transfer_date,
        m.transfer_date,
        m.transfer_date,
        m.transfer_date,
        m.source_count,
        m.transferred,
        m.mortality,
        round((m.biomass_kg)::numeric, 2),
        m.actions,
        m.actions,
        100,
        FALSE,
        'FW',
        CASE WHEN to_sea THEN 'FM' ELSE 'FW' END,
        NULL,
        admin,
        admin,
        '',
        '',
        (m.transfer_date - planning_days)::timestamp AT TIME ZONE 'UTC',
        m.transfer_date::timestamp AT TIME ZONE 'UTC'
    FROM (
        SELECT
            mv.batch_id,
            min(mv.transfer_date) AS transfer_date,
            sum(mv.transferred)::integer AS transferred,
            sum(mv.mortality)::integer AS mortality,
            (sum(mv.transferred) + sum(mv.mortality))::integer AS source_count,
            count(*)::integer AS actions,
            sum(mv.transferred * mv.source_weight_g) / 1000 AS biomass_kg
        FROM pg_temp.lifecycle_move AS mv GROUP BY mv.batch_id
    ) AS m
    INNER JOIN batch_batch AS b ON m.batch_id = b.id
    INNER JOIN batch_lifecyclestage AS src ON src."order" = p_to_stage - 1
    INNER JOIN batch_lifecyclestage AS dst ON dst."order" = p_to_stage;

    PERFORM aquasql.insert_staged('batch_batchtransferworkflow');

    PERFORM aquasql.stage('batch_transferaction');
    INSERT INTO staged_batch_transferaction (
        id, workflow_id, action_number, source_assignment_id, dest_assignment_id, source_population_before,
        transferred_count, mortality_during_transfer, transferred_biomass_kg, status, planned_date,
        actual_execution_date, transfer_method, water_temp_c, oxygen_level, measured_avg_weight_g,
        measured_std_dev_weight_g, measured_sample_size, measured_avg_length_cm, measured_notes,
        selection_method, executed_by_id, execution_duration_minutes, notes, created_at, updated_at
    )
    SELECT
        (m.batch_id * 10 + p_to_stage) * 1000 + m.action_number,
        m.batch_id * 10 + p_to_stage,
        m.action_number,
        m.source_assignment_id,
        m.dest_assignment_id,
        m.source_population,
        m.transferred,
        m.mortality,
        round((m.transferred * m.source_weight_g / 1000)::numeric, 2),
        'COMPLETED',
        m.transfer_date,
        m.transfer_date,
        CASE WHEN from_trays THEN 'MANUAL' ELSE 'PUMP' END,
        round(d.temp_c::numeric, 2),
        round((oxygen_min + oxygen_spread * aquasql.rand_uniform(seed, aquasql.stream('transfer_oxygen'), m.source_assignment_id,
            m.dest_assignment_id, 1))::numeric, 2),
        round((m.source_weight_g * (1 + weight_error_sd * aquasql.rand_normal(seed, aquasql.stream('transfer_weight'),
            m.source_assignment_id, m.dest_assignment_id, 2)))::numeric, 2),
        round((m.source_weight_g * aquasql.weight_cv(d.day_number))::numeric, 2),
        sample_size,
        -- length from Fulton's condition factor K = 100 W / L³ (transfer_condition_factor)
        round(cbrt(100 * m.source_weight_g / condition_factor)::numeric, 2),
        '',
        'AVERAGE',
        admin,
        aquasql.rand_int(
            seed, aquasql.stream('transfer_minutes'), m.source_assignment_id, m.dest_assignment_id, 3,
            minutes_min, minutes_max
        ),
        '',
        (m.transfer_date - planning_days)::timestamp AT TIME ZONE 'UTC',
        m.transfer_date::timestamp AT TIME ZONE 'UTC'
    FROM pg_temp.lifecycle_move AS m
    INNER JOIN aquasql.batch_day AS d ON m.batch_id = d.batch_id AND d.date = m.transfer_date - 1;
    PERFORM aquasql.insert_staged('batch_transferaction');
END
$$;
