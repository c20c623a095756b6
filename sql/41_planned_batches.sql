-- Write the planned batches and their container assignments into the AquaMind tables.
-- Ids follow the plan (batch, stage, container name), so they are the same on every run.
-- Populations and weights are the plan's expectations; the lifecycle engine replaces them
-- with the simulated values.

-- The planned batches as AquaMind batches: numbered per geography and year, in the stage they
-- are in on their last day in the history.
CREATE OR REPLACE FUNCTION aquasql.write_planned_batch_rows(p_profile text, p_as_of date)
RETURNS void
LANGUAGE plpgsql
AS $$
BEGIN
    INSERT INTO batch_batch (
        id, batch_number, species_id, lifecycle_stage_id, status, batch_type, start_date,
        expected_end_date, actual_end_date, notes, created_at, updated_at
    )
    SELECT
        p.batch_id,
        format('%s-%s-%s', pg.batch_prefix, extract(YEAR FROM p.start_date),
            lpad(row_number() OVER (
                PARTITION BY p.geography_id, extract(YEAR FROM p.start_date) ORDER BY p.start_date
            )::text, 3, '0')),
        st.species_id,
        st.id,
        CASE WHEN p.harvest_date <= p_as_of THEN 'COMPLETED' ELSE 'ACTIVE' END,
        'STANDARD',
        p.start_date,
        p.harvest_date,
        CASE WHEN p.harvest_date <= p_as_of THEN p.harvest_date END,
        '',
        p.start_date::timestamp AT TIME ZONE 'UTC',
        (p.history_end + 1)::timestamp AT TIME ZONE 'UTC'
    FROM aquasql.plan_batch AS p
    INNER JOIN infrastructure_geography AS g ON p.geography_id = g.id
    INNER JOIN aquasql.profile_geography AS pg ON pg.profile = p_profile AND g.name = pg.geography
    -- the batch's stage on its last day in the history
    INNER JOIN aquasql.batch_day AS d ON p.batch_id = d.batch_id AND p.history_end = d.date
    INNER JOIN batch_lifecyclestage AS st ON d.stage_order = st."order";
END
$$;

-- The planned batches' container assignments up to the run date: every container a stage
-- takes, with the fish the plan expects there, so the schedule is in AquaMind before the
-- lifecycle engine fills in what happened.
CREATE OR REPLACE FUNCTION aquasql.write_planned_assignments(p_as_of date)
RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
    seed bigint := aquasql.run_seed();
    transfer_loss double precision :=
        (aquasql.param('transfer_mortality_min') + aquasql.param('transfer_mortality_max')) / 2;
BEGIN
    INSERT INTO batch_batchcontainerassignment (
        id, batch_id, container_id, lifecycle_stage_id, population_count, avg_weight_g, biomass_kg,
        assignment_date, departure_date, is_active, last_weighing_date, notes, created_at, updated_at
    )
    WITH span AS MATERIALIZED (
        -- every planned stage, read once: a few rows a batch
        SELECT * FROM aquasql.batch_stage_span(aquasql.plan_batches())
    ),

    placed AS (
        -- freshwater: every container of the stage's hall at the batch's station, for the
        -- stage's days on the batch's curve
        SELECT
            p.batch_id,
            o.stage_order,
            c.id AS container_id,
            c.name AS container_name,
            o.first_day AS arrive,
            o.last_day + 1 AS leave
        FROM aquasql.plan_batch AS p
        INNER JOIN span AS o ON p.batch_id = o.batch_id
        INNER JOIN aquasql.stage_parameter AS sp ON o.stage_order = sp.stage_order AND NOT sp.at_sea
        INNER JOIN infrastructure_freshwaterstation AS s ON p.station_id = s.id
        INNER JOIN infrastructure_hall AS h
            ON s.id = h.freshwater_station_id AND h.name = s.name || '-Hall-' || sp.hall_letter
        INNER JOIN infrastructure_container AS c ON h.id = c.hall_id AND c.active
        UNION ALL
        -- sea: the first `rings` rings of the batch's area, harvested one after another
        -- over the harvest window (the last on harvest_date), the heaviest first
        SELECT
            p.batch_id, (SELECT sp.stage_order FROM aquasql.stage_parameter AS sp WHERE sp.at_sea), r.id, r.name,
            p.sea_start_date,
            p.harvest_start_date + ceil(row_number() OVER (
                PARTITION BY p.batch_id ORDER BY aquasql.container_weight_z(seed, p.batch_id, r.id) DESC, r.name
            ) * (p.harvest_date - p.harvest_start_date)::numeric / p.rings)::integer
        FROM aquasql.plan_batch AS p
        CROSS JOIN LATERAL (
            SELECT c.id, c.name FROM infrastructure_container AS c
            WHERE c.area_id = p.area_id AND c.active
            ORDER BY c.name LIMIT p.rings
        ) AS r
    ),

    in_history AS (
        SELECT
            placed.*,
            p.eggs,
            p.mortality_multiplier,
            least(placed.leave - 1, p.history_end) AS last_day,
            count(*) OVER (PARTITION BY placed.batch_id, placed.stage_order) AS containers,
            row_number() OVER (
                PARTITION BY placed.batch_id, placed.stage_order ORDER BY placed.container_name
            ) AS container_rank
        FROM placed
        INNER JOIN aquasql.plan_batch AS p ON placed.batch_id = p.batch_id
        WHERE placed.arrive <= p.history_end
    ),

    expected AS (
        -- fish expected alive on the assignment's last day: the stage hazards so far and
        -- the mean transfer loss of every transfer so far
        SELECT
            i.*,
            d.weight_g,
            round(i.eggs * power(1 - transfer_loss, i.stage_order - 1) * exp((
                -- each stage's hazard over the days of it up to the assignment's last day
                SELECT sum(ln(1 - aquasql.daily_hazard(o.stage_order, i.mortality_multiplier, o.days))
                    * greatest(0, least(o.last_day, i.last_day) - o.first_day + 1))
                FROM span AS o WHERE o.batch_id = i.batch_id
            )))::bigint AS alive
        FROM in_history AS i
        INNER JOIN aquasql.batch_day AS d ON i.batch_id = d.batch_id AND i.last_day = d.date
    ),

    shares AS (
        SELECT
            e.*,
            (e.alive / e.containers + CASE WHEN e.container_rank <= e.alive % e.containers THEN 1 ELSE 0 END)::integer
                AS population
        FROM expected AS e
    )

    SELECT
        aquasql.id_base('batch_batchcontainerassignment')
        + row_number() OVER (ORDER BY s.batch_id, s.stage_order, s.container_name),
        s.batch_id,
        s.container_id,
        st.id,
        s.population,
        round(s.weight_g::numeric, 2),
        round((s.population * s.weight_g / 1000)::numeric, 2),
        s.arrive,
        CASE WHEN s.leave <= p_as_of THEN s.leave END,
        s.leave > p_as_of,
        NULL,
        '',
        s.arrive::timestamp AT TIME ZONE 'UTC',
        (s.last_day + 1)::timestamp AT TIME ZONE 'UTC'
    FROM shares AS s
    INNER JOIN batch_lifecyclestage AS st ON s.stage_order = st."order";
END
$$;

-- Both of the above, then the identity sequences past the ids they wrote.
CREATE OR REPLACE FUNCTION aquasql.write_planned_batches(p_profile text, p_as_of date)
RETURNS void
LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM aquasql.write_planned_batch_rows(p_profile, p_as_of);
    PERFORM aquasql.write_planned_assignments(p_as_of);
    PERFORM aquasql.sync_identity('batch_batch');
    PERFORM aquasql.sync_identity('batch_batchcontainerassignment');
END
$$;

COMMENT ON FUNCTION aquasql.write_planned_batch_rows(text, date) IS
'The planned batches into batch_batch, numbered per geography and year.';
COMMENT ON FUNCTION aquasql.write_planned_assignments(date) IS
'The planned batches'' container assignments up to the run date, with the fish the plan expects.';
COMMENT ON FUNCTION aquasql.write_planned_batches(text, date) IS
'The planned batches and their container assignments into AquaMind''s tables.';
