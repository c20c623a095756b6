-- Feeding events: the daily ration of every fed assignment-day (daily state feed_kg > 0),
-- given in two automatic meals (08:00 and 16:00: model parameters feeding_*). feed_cost stays
-- NULL here: it depends on the FIFO lots of the feed container, which are shared across
-- batches, and is filled by aquasql.generate_feed_inventory() once every batch's feeding is
-- written.

-- The two meals of a day: index (id offset: id = daily-state id * 2 + index) and time.
CREATE OR REPLACE FUNCTION aquasql.feeding_meals()
RETURNS TABLE (meal_index integer, feeding_time time)
LANGUAGE sql STABLE
AS $$
    VALUES
    (0, (time '00:00' + aquasql.param_time('feeding_meal_morning_hour'))::time),
    (1, (time '00:00' + aquasql.param_time('feeding_meal_afternoon_hour'))::time)
$$;

COMMENT ON FUNCTION aquasql.feeding_meals() IS
'The daily meals: meal 0 (feeding_meal_morning_hour, 08:00) gets round(feed x feeding_morning_share, 4), meal 1 '
'(feeding_meal_afternoon_hour, 16:00) the rest of the day''s feed.';

CREATE OR REPLACE FUNCTION aquasql.generate_feeding(p_batches bigint[] DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql
SET timezone = 'UTC'
AS $$
DECLARE
    batches bigint[] := aquasql.plan_batches(p_batches);
    -- numeric, as the amounts are: the split and the floors are exact
    morning_share numeric := aquasql.param('feeding_morning_share')::numeric;
    biomass_floor numeric := aquasql.param('feeding_biomass_floor_kg')::numeric;
    min_amount numeric := aquasql.param('feeding_min_amount_kg')::numeric;
    written bigint;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM aquasql.feed_bands()) THEN
        RAISE EXCEPTION 'there are no feeds to feed with'
            USING ERRCODE = 'object_not_in_prerequisite_state', HINT = 'run aquasql.generate_master_data() first';
    END IF;

    -- Idempotent per batch: only these batches' events are replaced.
    -- (skipped in a fresh load, where the table was emptied and its batch index set aside)
    IF NOT aquasql.fresh_load() THEN
        DELETE FROM inventory_feedingevent WHERE batch_id = ANY(batches);
    END IF;

    INSERT INTO inventory_feedingevent (
        id, batch_id, batch_assignment_id, container_id, feed_id, feeding_date, feeding_time, amount_kg,
        batch_biomass_kg, feeding_percentage, feed_cost, method, notes, recorded_by_id, created_at, updated_at
    )
    WITH fed AS (
        -- the feed for the day's mean weight (feed_bands = aquasql.feed_for_weight as a join)
        SELECT
            s.id AS state_id,
            s.batch_id,
            s.assignment_id,
            s.container_id,
            s.date,
            s.feed_kg,
            greatest(s.biomass_kg, biomass_floor) AS biomass_kg,
            b.feed_id
        FROM batch_actualdailyassignmentstate AS s
        INNER JOIN aquasql.feed_bands() AS b
            ON s.avg_weight_g::double precision >= b.min_weight_g
            AND (b.max_weight_g IS NULL OR s.avg_weight_g::double precision < b.max_weight_g)
        WHERE s.batch_id = ANY(batches) AND s.feed_kg > 0
    ),

    meals AS (
        -- meal 0 takes its share (to 4 decimals), meal 1 the rest: the two add up to feed_kg exactly
        SELECT
            fed.*,
            m.meal_index,
            m.feeding_time,
            CASE m.meal_index
                WHEN 0 THEN round(fed.feed_kg * morning_share, 4)
                ELSE fed.feed_kg - round(fed.feed_kg * morning_share, 4)
            END AS amount_kg
        FROM fed
        CROSS JOIN aquasql.feeding_meals() AS m
    )

    SELECT
        meals.state_id * 2 + meals.meal_index,
        meals.batch_id,
        meals.assignment_id,
        meals.container_id,
        meals.feed_id,
        meals.date,
        meals.feeding_time,
        meals.amount_kg,
        meals.biomass_kg,
        round(meals.amount_kg / meals.biomass_kg * 100, 6),
        NULL,
        'AUTOMATIC',
        '',
        NULL,
        (meals.date + meals.feeding_time) AT TIME ZONE 'UTC',
        (meals.date + meals.feeding_time) AT TIME ZONE 'UTC'
    FROM meals
    WHERE meals.amount_kg >= min_amount;
    GET DIAGNOSTICS written = ROW_COUNT;

    PERFORM aquasql.sync_identity('inventory_feedingevent');
    RETURN written;
END
$$;

COMMENT ON FUNCTION aquasql.generate_feeding(bigint[]) IS
'Feeding events of the given batches (default: all planned): two AUTOMATIC meals (aquasql.feeding_meals) per fed '
'assignment-day splitting the daily state''s feed_kg exactly, feed by mean weight (feed_for_weight), '
'id = daily-state id * 2 + meal index. Replaces the batches'' events; feed_cost is left NULL for '
'aquasql.generate_feed_inventory(). Returns the events written.';
