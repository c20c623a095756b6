-- Differences that persist: every container of a batch grows and survives a little
-- differently, and sea sites have episodes (algae, jellyfish, low oxygen) that raise the
-- mortality of all their rings for weeks. Every difference is a seeded draw keyed by the
-- entity (assignment, area and month), so the same seed gives the same rows.

-- A container's standing in its batch: a normal draw per batch and container (a batch uses
-- a container once), kept within ±container_z_max sd. Keyed so, the planner knows it before
-- the assignments have ids: it harvests the heaviest rings first.
CREATE OR REPLACE FUNCTION aquasql.container_weight_z(p_seed bigint, p_batch_id bigint, p_container_id bigint)
RETURNS double precision
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT greatest(-z.z_max, least(z.z_max,
        aquasql.rand_normal(p_seed, aquasql.stream('container_weight'), p_batch_id, p_container_id)))
    FROM (SELECT aquasql.param('container_z_max') AS z_max) AS z
$$;

-- Its weight relative to the batch's mean: 1 on arrival (fish come mixed from the sources),
-- drifting to exp(sd × z) over p_ramp_days. Pure, so it inlines into the lifecycle's row scan.
CREATE OR REPLACE FUNCTION aquasql.weight_factor(
    p_z double precision, p_sd double precision, p_ramp_days double precision, p_day_index integer
)
RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT exp(p_sd * p_z * least(1.0, greatest(0, p_day_index) / p_ramp_days))
$$;

CREATE OR REPLACE FUNCTION aquasql.container_weight_sd(p_stage_order integer)
RETURNS double precision
LANGUAGE sql STABLE
AS $$
    SELECT aquasql.param(CASE WHEN s.at_sea THEN 'container_weight_sd_sea' ELSE 'container_weight_sd_tank' END)
    FROM aquasql.stage_parameter AS s
    WHERE s.stage_order = p_stage_order
$$;

CREATE OR REPLACE FUNCTION aquasql.container_weight_ramp_days(p_stage_order integer)
RETURNS double precision
LANGUAGE sql STABLE
AS $$
    SELECT aquasql.param(CASE WHEN s.at_sea THEN 'container_weight_ramp_days_sea'
        ELSE 'container_weight_ramp_days_tank' END)
    FROM aquasql.stage_parameter AS s
    WHERE s.stage_order = p_stage_order
$$;

-- The factor of one assignment on one day, for callers that need it for a few rows
-- (transfers, harvest, the assignments' final figures); the lifecycle computes the same
-- from the same parts once per assignment.
CREATE OR REPLACE FUNCTION aquasql.container_weight_factor(
    p_seed bigint, p_batch_id bigint, p_container_id bigint, p_stage_order integer, p_day_index integer
)
RETURNS double precision
LANGUAGE sql STABLE
AS $$
    SELECT aquasql.weight_factor(
        aquasql.container_weight_z(p_seed, p_batch_id, p_container_id), aquasql.container_weight_sd(p_stage_order),
        aquasql.container_weight_ramp_days(p_stage_order), p_day_index
    )
$$;

-- A container's hazard relative to its batch's: log-normal with mean 1, kept within
-- ±container_z_max sd
-- (some rings or tanks simply do worse: position, current, handling). The lifecycle divides it
-- by the mean of the batch's containers in the stage, so it moves deaths between containers,
-- not the batch's total.
CREATE OR REPLACE FUNCTION aquasql.container_hazard_factor(p_seed bigint, p_assignment_id bigint, p_stage_order integer)
RETURNS double precision
LANGUAGE sql STABLE
AS $$
    SELECT exp(s.sd * greatest(-s.z_max, least(s.z_max,
        aquasql.rand_normal(p_seed, aquasql.stream('container_hazard'), p_assignment_id))) - s.sd * s.sd / 2)
    FROM (
        SELECT
            aquasql.param(CASE WHEN sp.at_sea THEN 'container_hazard_sd_sea' ELSE 'container_hazard_sd_tank' END) AS sd,
            aquasql.param('container_z_max') AS z_max
        FROM aquasql.stage_parameter AS sp
        WHERE sp.stage_order = p_stage_order
    ) AS s
$$;

-- The raised hazard of the first weeks at sea (stress, wounds and infections after the
-- move): a factor of 1 + peak that fades with a time constant of decay days.
CREATE OR REPLACE FUNCTION aquasql.post_transfer_factor(
    p_day_index integer, p_peak double precision, p_decay_days double precision
)
RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT 1 + p_peak * exp(-p_day_index / p_decay_days)
$$;

-- Site episodes: in a year a sea area may have one summer-autumn episode (starting July to
-- October: algal blooms, jellyfish, warm water with low oxygen) and one in the first half of
-- the year (winter ulcers, gill disease), each with its own chance, lasting
-- site_episode_days_min-max days with a hazard factor site_episode_factor_min-max for all its
-- rings. At most two a year, so a batch's sea phase sees one or two, rarely more. Returns the
-- episode days of the given areas between two dates (the larger factor where two overlap).
CREATE OR REPLACE FUNCTION aquasql.site_episode_days(p_seed bigint, p_areas bigint[], p_from date, p_to date)
RETURNS TABLE (area_id bigint, date date, factor double precision)
LANGUAGE sql STABLE
AS $$
    WITH setting AS (
        SELECT
            aquasql.param('site_episode_probability_summer') AS p_summer,
            aquasql.param('site_episode_probability_other') AS p_other,
            aquasql.param('site_episode_days_min')::integer AS days_min,
            aquasql.param('site_episode_days_max')::integer AS days_max,
            aquasql.param('site_episode_factor_min') AS factor_min,
            aquasql.param('site_episode_factor_max') AS factor_max,
            aquasql.param('site_episode_other_start_days')::integer AS other_start_days,
            aquasql.param('site_episode_summer_first_month')::integer AS summer_month,
            aquasql.param('site_episode_summer_start_days')::integer AS summer_start_days
    ),

    season AS (
        -- every season that can hold an episode reaching into the range: kind 1 starts in
        -- the first site_episode_other_start_days of the year (January-June), kind 2 in the
        -- site_episode_summer_start_days from the first of the summer month (July-October)
        SELECT
            a.area_id,
            y * 2 + k AS season_key,
            CASE k WHEN 1 THEN make_date(y, 1, 1) ELSE make_date(y, s.summer_month, 1) END AS first_day,
            CASE k WHEN 1 THEN s.other_start_days ELSE s.summer_start_days END AS start_days,
            CASE k WHEN 1 THEN s.p_other ELSE s.p_summer END AS chance
        FROM unnest(p_areas) AS a (area_id)
        CROSS JOIN setting AS s
        CROSS JOIN generate_series(extract(YEAR FROM p_from)::integer - 1, extract(YEAR FROM p_to)::integer) AS y
        CROSS JOIN generate_series(1, 2) AS k
    ),

    episode AS (
        SELECT
            m.area_id,
            m.first_day + floor(m.start_days * aquasql.rand_uniform(
                p_seed, aquasql.stream('site_episode_start'), m.area_id, m.season_key
            ))::integer AS first_day,
            aquasql.rand_int(p_seed, aquasql.stream('site_episode_days'), m.area_id, m.season_key, 0,
                s.days_min, s.days_max) AS days,
            s.factor_min + (s.factor_max - s.factor_min) * aquasql.rand_uniform(
                p_seed, aquasql.stream('site_episode_factor'), m.area_id, m.season_key
            ) AS factor
        FROM season AS m
        CROSS JOIN setting AS s
        WHERE aquasql.rand_uniform(p_seed, aquasql.stream('site_episode_occurs'), m.area_id, m.season_key) < m.chance
    )

    SELECT e.area_id, d::date, max(e.factor)
    FROM episode AS e
    CROSS JOIN generate_series(e.first_day::timestamp, (e.first_day + e.days - 1)::timestamp, interval '1 day') AS d
    WHERE d::date BETWEEN p_from AND p_to
    GROUP BY e.area_id, d::date
$$;

-- Feed withdrawal: fish are starved for some days before they are handled, so that their
-- gut is empty (harvest, sea transfer, tank transfers): stage_parameter.feed_withdrawal_days.
-- The days before an assignment's last day without feed, or 0 when it does not end by a move
-- or harvest within the history.
CREATE OR REPLACE FUNCTION aquasql.feed_withdrawal_days(p_stage_order integer, p_departed boolean)
RETURNS integer
LANGUAGE sql STABLE
AS $$
    SELECT CASE WHEN p_departed THEN s.feed_withdrawal_days ELSE 0 END
    FROM aquasql.stage_parameter AS s
    WHERE s.stage_order = p_stage_order
$$;

COMMENT ON FUNCTION aquasql.container_weight_z(bigint, bigint, bigint) IS
'A container''s growth standing in its batch: a normal draw per batch and container within ±container_z_max.';
COMMENT ON FUNCTION aquasql.weight_factor(double precision, double precision, double precision, integer) IS
'Mean weight in a container relative to its batch''s: 1 on arrival, exp(sd × z) after ramp days.';
COMMENT ON FUNCTION aquasql.container_weight_factor(bigint, bigint, bigint, integer, integer) IS
'aquasql.weight_factor of one assignment on day p_day_index of its stay.';
COMMENT ON FUNCTION aquasql.container_hazard_factor(bigint, bigint, integer) IS
'A container''s daily hazard relative to its batch''s: log-normal with mean 1.';
COMMENT ON FUNCTION aquasql.post_transfer_factor(integer, double precision, double precision) IS
'Hazard factor of the first weeks at sea: 1 + peak × exp(-day / decay).';
COMMENT ON FUNCTION aquasql.site_episode_days(bigint, bigint[], date, date) IS
'Days of site episodes (algae, jellyfish, low oxygen) of the given sea areas between two dates, with '
'their hazard factor for every ring of the area.';
COMMENT ON FUNCTION aquasql.feed_withdrawal_days(integer, boolean) IS
'Days without feed before an assignment''s last day (harvest, sea or tank transfer); 0 when it does not end.';
