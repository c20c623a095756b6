-- Master data (shared/domain.md section 4). Idempotent: rows are matched by natural key with
-- WHERE NOT EXISTS (ON CONFLICT would draw identity values for the rows it skips), so a second
-- call writes nothing. Every timestamp is p_created_at. Rows per geography (operators,
-- companies, sites, temperature profiles, TGC models) follow infrastructure_geography: a call
-- after the infrastructure exists adds them.

-- The feeds and the fish-weight band each serves, [min_weight_g, max_weight_g) (max NULL = open):
-- the rows of aquasql.feed_catalog_item (sql/20_parameters_master.sql).
CREATE OR REPLACE FUNCTION aquasql.feed_catalog()
RETURNS TABLE (
    name text,
    brand text,
    size_category text,
    pellet_size_mm numeric,
    protein_percentage numeric,
    fat_percentage numeric,
    carbohydrate_percentage numeric,
    min_weight_g double precision,
    max_weight_g double precision,
    description text
)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT
        f.name, f.brand, f.size_category, f.pellet_size_mm, f.protein_percentage, f.fat_percentage,
        f.carbohydrate_percentage, f.min_weight_g, f.max_weight_g, f.description
    FROM aquasql.feed_catalog_item AS f
    ORDER BY f.pellet_size_mm, f.name
$$;

COMMENT ON FUNCTION aquasql.feed_catalog() IS
'The feeds of aquasql.feed_catalog_item (the six of the domain reference) with the fish-weight band each '
'serves, [min_weight_g, max_weight_g) in grams (max NULL = no upper limit), by pellet size.';

-- The weight bands joined to the generated feeds, for set-based use:
--   JOIN aquasql.feed_bands() AS b
--       ON w >= b.min_weight_g AND (b.max_weight_g IS NULL OR w < b.max_weight_g)
CREATE OR REPLACE FUNCTION aquasql.feed_bands()
RETURNS TABLE (
    feed_id bigint,
    feed_name text,
    pellet_size_mm numeric,
    min_weight_g double precision,
    max_weight_g double precision
)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT f.id, c.name, c.pellet_size_mm, c.min_weight_g, c.max_weight_g
    FROM aquasql.feed_catalog() AS c
    CROSS JOIN LATERAL (
        SELECT i.id FROM inventory_feed AS i
        WHERE i.name = c.name
        ORDER BY i.id
        LIMIT 1
    ) AS f
$$;

COMMENT ON FUNCTION aquasql.feed_bands() IS
'The feed-by-weight bands with the inventory_feed id of each generated feed, for joins on fish weight.';

CREATE OR REPLACE FUNCTION aquasql.feed_for_weight(p_weight_g double precision)
RETURNS bigint
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT b.feed_id
    FROM aquasql.feed_bands() AS b
    WHERE p_weight_g >= b.min_weight_g
        AND (b.max_weight_g IS NULL OR p_weight_g < b.max_weight_g)
$$;

COMMENT ON FUNCTION aquasql.feed_for_weight(double precision) IS
'The inventory_feed id of the feed for fish of p_weight_g grams (aquasql.feed_catalog bands, lower edge '
'inclusive); NULL for a NULL or negative weight or before the feeds exist.';

-- The species and its optimal band (model parameters species_optimal_*): what the stages belong to.
CREATE OR REPLACE FUNCTION aquasql.master_data_species(p_created_at timestamptz, p_species text)
RETURNS void
LANGUAGE plpgsql
AS $$
BEGIN
    INSERT INTO batch_species (
        name, scientific_name, description, optimal_temperature_min, optimal_temperature_max,
        optimal_oxygen_min, optimal_ph_min, optimal_ph_max, created_at, updated_at
    )
    SELECT
        p_species, 'Salmo salar', 'Atlantic salmon (optimal oxygen in % saturation)',
        aquasql.param('species_optimal_temperature_min_c'), aquasql.param('species_optimal_temperature_max_c'),
        aquasql.param('species_optimal_oxygen_min_pct'), aquasql.param('species_optimal_ph_min'),
        aquasql.param('species_optimal_ph_max'), p_created_at, p_created_at
    WHERE NOT EXISTS (SELECT 1 FROM batch_species WHERE name = p_species);
END
$$;

COMMENT ON FUNCTION aquasql.master_data_species(timestamptz, text) IS
'The species and its optimal band (model parameters species_optimal_*): what the stages belong to. Idempotent '
'(matched by natural key).';

-- The lifecycle stages from aquasql.stage_parameter, with expected lengths from the stage's condition factor.
CREATE OR REPLACE FUNCTION aquasql.master_data_stages(p_created_at timestamptz, p_species text)
RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
    -- length of the sea stage where a duration is needed (it really lasts until harvest)
    sea_days constant integer := aquasql.param('sea_reference_days')::integer;
BEGIN
    -- Expected lengths follow from the weights through Fulton's condition factor
    -- K = 100 W / L^3 of the stage (stage_parameter.condition_factor).
    INSERT INTO batch_lifecyclestage (
        name, species_id, "order", description, expected_weight_min_g, expected_weight_max_g,
        expected_length_min_cm, expected_length_max_cm, typical_duration_days, created_at, updated_at
    )
    SELECT
        s.name,
        sp.id,
        s.stage_order,
        s.description,
        s.expected_weight_min_g,
        s.expected_weight_max_g,
        round(power(100 * s.expected_weight_min_g / k.k, 1.0 / 3), 1),
        round(power(100 * s.expected_weight_max_g / k.k, 1.0 / 3), 1),
        coalesce(s.duration_days, sea_days),
        p_created_at,
        p_created_at
    FROM aquasql.stage_parameter AS s
    INNER JOIN batch_species AS sp ON sp.name = p_species
    CROSS JOIN LATERAL (SELECT s.condition_factor AS k) AS k
    WHERE NOT EXISTS (
        SELECT 1 FROM batch_lifecyclestage AS l
        WHERE l.name = s.name OR (l.species_id = sp.id AND l."order" = s.stage_order)
    )
    ORDER BY s.stage_order;
END
$$;

COMMENT ON FUNCTION aquasql.master_data_stages(timestamptz, text) IS
'The lifecycle stages from aquasql.stage_parameter, with expected lengths from the stage''s condition factor. '
'Idempotent (matched by natural key).';

-- The feeds of the catalog (aquasql.feed_catalog_item), by pellet size: what feeding draws on.
CREATE OR REPLACE FUNCTION aquasql.master_data_feeds(p_created_at timestamptz)
RETURNS void
LANGUAGE plpgsql
AS $$
BEGIN
    INSERT INTO inventory_feed (
        name, brand, size_category, pellet_size_mm, protein_percentage, fat_percentage,
        carbohydrate_percentage, description, is_active, created_at, updated_at
    )
    SELECT
        c.name, c.brand, c.size_category, c.pellet_size_mm, c.protein_percentage, c.fat_percentage,
        c.carbohydrate_percentage, c.description, TRUE, p_created_at, p_created_at
    FROM aquasql.feed_catalog() AS c
    WHERE NOT EXISTS (SELECT 1 FROM inventory_feed AS f WHERE f.name = c.name)
    ORDER BY c.pellet_size_mm;
END
$$;

COMMENT ON FUNCTION aquasql.master_data_feeds(timestamptz) IS
'The feeds of the catalog (aquasql.feed_catalog_item), by pellet size: what feeding draws on. Idempotent '
'(matched by natural key).';

-- The environmental parameters the sensors measure (aquasql.sensor_parameter): the readings' master data.
CREATE OR REPLACE FUNCTION aquasql.master_data_environmental_parameters(p_created_at timestamptz)
RETURNS void
LANGUAGE plpgsql
AS $$
BEGIN
    -- Environmental parameters (name = sensor_type), from aquasql.sensor_parameter. optimal_*:
    -- the normal band (domain reference section 5); min/max_value: tolerance limits.
    INSERT INTO environmental_environmentalparameter (
        name, unit, description, min_value, max_value, optimal_min, optimal_max, created_at, updated_at
    )
    SELECT p.name, p.unit, p.description, p.min_value, p.max_value, p.optimal_min, p.optimal_max,
        p_created_at, p_created_at
    FROM aquasql.sensor_parameter AS p
    WHERE NOT EXISTS (SELECT 1 FROM environmental_environmentalparameter AS e WHERE e.name = p.name)
    ORDER BY p.slot;
END
$$;

COMMENT ON FUNCTION aquasql.master_data_environmental_parameters(timestamptz) IS
'The environmental parameters the sensors measure (aquasql.sensor_parameter): the readings'' master data. '
'Idempotent (matched by natural key).';

-- The 15 lice types of aquasql.lice_type: what the lice counts name.
CREATE OR REPLACE FUNCTION aquasql.master_data_lice_types(p_created_at timestamptz)
RETURNS void
LANGUAGE plpgsql
AS $$
BEGIN
    -- Lice types: the 15 rows of aquasql.lice_type (domain reference section 2), L. salmonis and
    -- Caligus by gender.
    INSERT INTO health_licetype (
        species, gender, development_stage, description, is_active, created_at, updated_at
    )
    SELECT l.species, l.gender, l.development_stage, format('%s, %s %s', l.species, l.development_stage, l.gender),
        TRUE, p_created_at, p_created_at
    FROM aquasql.lice_type AS l
    WHERE NOT EXISTS (
        SELECT 1 FROM health_licetype AS t
        WHERE t.species = l.species AND t.gender = l.gender AND t.development_stage = l.development_stage
    )
    ORDER BY l.sort_order;
END
$$;

COMMENT ON FUNCTION aquasql.master_data_lice_types(timestamptz) IS
'The 15 lice types of aquasql.lice_type: what the lice counts name. Idempotent (matched by natural key).';

-- AquaMind's mortality reasons (no timestamps).
CREATE OR REPLACE FUNCTION aquasql.master_data_mortality_reasons()
RETURNS void
LANGUAGE plpgsql
AS $$
BEGIN
    INSERT INTO health_mortalityreason (name, description)
    SELECT r.name, r.description
    FROM (
        VALUES
        (1, 'Natural Death', 'Natural causes, background mortality'),
        (2, 'Disease', 'Infectious or non-infectious disease'),
        (3, 'Stress', 'Stress-induced mortality'),
        (4, 'Handling', 'Mortality during or after handling, transfer or treatment'),
        (5, 'Predation', 'Predation by birds, seals or other predators'),
        (6, 'Environmental', 'Environmental conditions (temperature, oxygen, algae, jellyfish)'),
        (7, 'Unknown', 'Cause unknown or not determined')
    ) AS r (sort_order, name, description)
    WHERE NOT EXISTS (SELECT 1 FROM health_mortalityreason AS m WHERE m.name = r.name)
    ORDER BY r.sort_order;
END
$$;

COMMENT ON FUNCTION aquasql.master_data_mortality_reasons() IS
'AquaMind''s mortality reasons (no timestamps). Idempotent (matched by natural key).';

-- The harvest product grades the harvest lots are sorted into.
CREATE OR REPLACE FUNCTION aquasql.master_data_product_grades(p_created_at timestamptz)
RETURNS void
LANGUAGE plpgsql
AS $$
BEGIN
    INSERT INTO harvest_productgrade (code, name, description, created_at, updated_at)
    SELECT g.code, g.name, g.description, p_created_at, p_created_at
    FROM (
        VALUES
        (1, 'SUPERIOR', 'Superior', 'Superior quality, 5-7 kg live weight, premium appearance'),
        (2, 'GRADE_A', 'Grade A', 'Grade A, 4-6 kg live weight, excellent quality'),
        (3, 'GRADE_B', 'Grade B', 'Grade B, 3-5 kg live weight, good quality'),
        (4, 'GRADE_C', 'Grade C', 'Grade C, 2-4 kg live weight, standard quality'),
        (5, 'REJECT', 'Reject', 'Below standard (downgraded, damaged or undersized fish); processing only')
    ) AS g (sort_order, code, name, description)
    WHERE NOT EXISTS (SELECT 1 FROM harvest_productgrade AS p WHERE p.code = g.code)
    ORDER BY g.sort_order;
END
$$;

COMMENT ON FUNCTION aquasql.master_data_product_grades(timestamptz) IS
'The harvest product grades the harvest lots are sorted into. Idempotent (matched by natural key).';

-- The egg suppliers the creation workflows buy from (addresses in the reserved example.com domain).
CREATE OR REPLACE FUNCTION aquasql.master_data_egg_suppliers(p_created_at timestamptz)
RETURNS void
LANGUAGE plpgsql
AS $$
BEGIN
    INSERT INTO broodstock_eggsupplier (name, contact_details, certifications, created_at, updated_at)
    SELECT s.name, s.contact, s.certifications, p_created_at, p_created_at
    FROM (
        VALUES
        (
            1, 'AquaGen', 'Trondheim, Norway; eggs@aquagen.example.com',
            'ISA- and IPN-free broodstock; IPN-QTL eggs; ISO 9001'
        ),
        (
            2, 'Benchmark Genetics', 'Bergen, Norway; sales@benchmark.example.com',
            'Land-based broodstock, disease-free; ISO 9001'
        ),
        (
            3, 'Stofnfiskur', 'Hafnarfjordur, Iceland; eggs@stofnfiskur.example.com',
            'Icelandic disease-free zone; year-round eggs'
        ),
        (
            4, 'Landcatch', 'Ormsary, Scotland; eggs@landcatch.example.com',
            'Scottish broodstock, ISA- and IPN-free'
        )
    ) AS s (sort_order, name, contact, certifications)
    WHERE NOT EXISTS (SELECT 1 FROM broodstock_eggsupplier AS e WHERE e.name = s.name)
    ORDER BY s.sort_order;
END
$$;

COMMENT ON FUNCTION aquasql.master_data_egg_suppliers(timestamptz) IS
'The egg suppliers the creation workflows buy from (addresses in the reserved example.com domain). Idempotent '
'(matched by natural key).';

-- The users the generator names (administrator, vet, manager, one operator per geography).
CREATE OR REPLACE FUNCTION aquasql.master_data_users(p_created_at timestamptz)
RETURNS void
LANGUAGE plpgsql
AS $$
BEGIN
    -- Users, with unusable passwords ('!' + a fixed string, as Django writes them); one operator
    -- per geography, named by its batch prefix (operator_fi) or else by its name.
    INSERT INTO auth_user (
        password, last_login, is_superuser, username, first_name, last_name, email,
        is_staff, is_active, date_joined
    )
    SELECT
        '!' || md5('aquasql unusable password ' || u.username), NULL, u.superuser, u.username,
        u.first_name, u.last_name, u.username || '@aquamind.example.com', u.superuser, TRUE, p_created_at
    FROM (
        SELECT v.sort_order::bigint, v.username, v.first_name, v.last_name, v.superuser
        FROM (
            VALUES
            (1, 'system_admin', 'System', 'Administrator', TRUE),
            (2, 'vet_01', 'Fish Health', 'Veterinarian', FALSE),
            (3, 'manager_01', 'Production', 'Manager', FALSE)
        ) AS v (sort_order, username, first_name, last_name, superuser)
        UNION ALL
        (
            SELECT DISTINCT ON (o.username) 100 + g.id, o.username, 'Farm Operator', g.name, FALSE
            FROM infrastructure_geography AS g
            CROSS JOIN LATERAL (
                SELECT 'operator_' || coalesce(
                    (SELECT lower(min(b.batch_prefix)) FROM aquasql.profile_geography AS b WHERE b.geography = g.name),
                    trim(BOTH '_' FROM lower(regexp_replace(g.name, '[^[:alnum:]]+', '_', 'g')))
                ) AS username
            ) AS o
            ORDER BY o.username, g.id
        )
    ) AS u
    WHERE NOT EXISTS (SELECT 1 FROM auth_user AS a WHERE a.username = u.username)
    ORDER BY u.sort_order;
END
$$;

COMMENT ON FUNCTION aquasql.master_data_users(timestamptz) IS
'The users the generator names (administrator, vet, manager, one operator per geography). Idempotent (matched '
'by natural key).';

-- An access profile for each of those users, as AquaMind creates one with each user.
CREATE OR REPLACE FUNCTION aquasql.master_data_user_profiles(p_created_at timestamptz)
RETURNS void
LANGUAGE plpgsql
AS $$
BEGIN
    -- Every AquaMind user has an access profile (AquaMind creates one with each user): the
    -- administrator and the managers see everything, operators their own geography.
    INSERT INTO users_userprofile (
        full_name, phone, profile_picture, job_title, department, geography, subsidiary, role,
        language_preference, date_format_preference, created_at, updated_at, user_id
    )
    SELECT
        u.first_name || ' ' || u.last_name,
        NULL,
        NULL,
        CASE WHEN u.username LIKE 'operator_%' THEN 'Farm Operator' ELSE u.first_name || ' ' || u.last_name END,
        NULL,
        CASE
            WHEN u.last_name = 'Faroe Islands' THEN 'FO'
            WHEN u.last_name = 'Scotland' THEN 'SC'
            ELSE 'ALL'
        END,
        CASE WHEN u.username LIKE 'operator_%' THEN 'FM' ELSE 'ALL' END,
        CASE u.username
            WHEN 'system_admin' THEN 'ADMIN'
            WHEN 'vet_01' THEN 'VET'
            WHEN 'manager_01' THEN 'MGR'
            ELSE 'OPR'
        END,
        'en',
        'DMY',
        p_created_at,
        p_created_at,
        u.id
    FROM auth_user AS u
    WHERE u.email LIKE '%@aquamind.example.com'
        AND NOT EXISTS (SELECT 1 FROM users_userprofile AS p WHERE p.user_id = u.id)
    ORDER BY u.id;
END
$$;

COMMENT ON FUNCTION aquasql.master_data_user_profiles(timestamptz) IS
'An access profile for each of those users, as AquaMind creates one with each user. Idempotent (matched by '
'natural key).';

-- Finance dimensions: a farming company per geography, a site per station and sea area.
CREATE OR REPLACE FUNCTION aquasql.master_data_finance()
RETURNS void
LANGUAGE plpgsql
AS $$
BEGIN
    -- Finance: one farming company (subsidiary FM) per geography, one site per freshwater
    -- station and per sea area.
    INSERT INTO finance_dimcompany (geography_id, subsidiary, display_name, currency, nav_company_code)
    SELECT g.id, 'FM', g.name || ' Farming', gp.currency, NULL
    FROM infrastructure_geography AS g
    LEFT JOIN aquasql.geography_parameter AS gp ON g.name = gp.geography
    WHERE NOT EXISTS (
        SELECT 1 FROM finance_dimcompany AS c WHERE c.geography_id = g.id AND c.subsidiary = 'FM'
    )
    ORDER BY g.id;

    INSERT INTO finance_dimsite (source_model, source_pk, company_id, site_name)
    SELECT s.source_model, s.source_pk, c.company_id, s.site_name
    FROM (
        SELECT 'station' AS source_model, st.id::integer AS source_pk, st.geography_id, st.name AS site_name
        FROM infrastructure_freshwaterstation AS st
        UNION ALL
        SELECT 'area', a.id::integer, a.geography_id, a.name
        FROM infrastructure_area AS a
    ) AS s
    INNER JOIN finance_dimcompany AS c ON s.geography_id = c.geography_id AND c.subsidiary = 'FM'
    WHERE NOT EXISTS (
        SELECT 1 FROM finance_dimsite AS d
        WHERE d.source_model = s.source_model AND d.source_pk = s.source_pk
    )
    ORDER BY s.source_model DESC, s.source_pk;
END
$$;

COMMENT ON FUNCTION aquasql.master_data_finance() IS
'Finance dimensions: a farming company per geography, a site per station and sea area. Idempotent (matched by '
'natural key).';

-- The scenario temperature profiles: a geography's seasonal sea-temperature curve, day by day.
CREATE OR REPLACE FUNCTION aquasql.master_data_temperature_profiles(p_created_at timestamptz)
RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
    profile_days constant integer := aquasql.param('scenario_temperature_profile_days')::integer;
BEGIN
    -- Scenario models. Temperature profiles: profile_days days from 1 January on the geography's
    -- seasonal sea-temperature curve (no noise); day 366 is 1 January again.
    INSERT INTO scenario_temperatureprofile (name, created_at, updated_at)
    SELECT g.name || ' Sea Temperature', p_created_at, p_created_at
    FROM infrastructure_geography AS g
    INNER JOIN aquasql.geography_parameter AS gp ON g.name = gp.geography
    WHERE NOT EXISTS (
        SELECT 1 FROM scenario_temperatureprofile AS t WHERE t.name = g.name || ' Sea Temperature'
    )
    ORDER BY g.id;

    INSERT INTO scenario_temperaturereading (profile_id, day_number, temperature, created_at, updated_at)
    SELECT
        t.profile_id,
        d.day_number,
        round((
            gp.sea_temp_mean - gp.sea_temp_amplitude
            * cos(2 * pi() * (((d.day_number - 1) % 365 + 1) - gp.sea_temp_coldest_day) / 365.25)
        )::numeric, 3)::double precision,
        p_created_at,
        p_created_at
    FROM infrastructure_geography AS g
    INNER JOIN aquasql.geography_parameter AS gp ON g.name = gp.geography
    INNER JOIN scenario_temperatureprofile AS t ON t.name = g.name || ' Sea Temperature'
    CROSS JOIN generate_series(1, profile_days) AS d (day_number)
    WHERE NOT EXISTS (
        SELECT 1 FROM scenario_temperaturereading AS r
        WHERE r.profile_id = t.profile_id AND r.day_number = d.day_number
    )
    ORDER BY t.profile_id, d.day_number;
END
$$;

COMMENT ON FUNCTION aquasql.master_data_temperature_profiles(timestamptz) IS
'The scenario temperature profiles: a geography''s seasonal sea-temperature curve, day by day. Idempotent '
'(matched by natural key).';

-- The scenario growth, FCR and mortality models the scenarios project with.
CREATE OR REPLACE FUNCTION aquasql.master_data_scenario_models(p_created_at timestamptz)
RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
    -- length of the sea stage where a duration is needed (it really lasts until harvest)
    sea_days constant integer := aquasql.param('sea_reference_days')::integer;
BEGIN
    -- TGC per geography: the sea stage's TGC (×1000 form, as in stage_parameter).
    INSERT INTO scenario_tgcmodel (
        name, location, release_period, tgc_value, exponent_n, exponent_m, profile_id, created_at, updated_at
    )
    SELECT
        g.name || ' Sea TGC', g.name, 'Year-round', sea.tgc, aquasql.param('tgc_exponent_n'),
        aquasql.param('tgc_exponent_m'), t.profile_id, p_created_at, p_created_at
    FROM infrastructure_geography AS g
    INNER JOIN scenario_temperatureprofile AS t ON t.name = g.name || ' Sea Temperature'
    CROSS JOIN (
        SELECT s.tgc FROM aquasql.stage_parameter AS s WHERE s.at_sea ORDER BY s.stage_order DESC LIMIT 1
    ) AS sea
    WHERE NOT EXISTS (SELECT 1 FROM scenario_tgcmodel AS m WHERE m.name = g.name || ' Sea TGC')
    ORDER BY g.id;

    INSERT INTO scenario_fcrmodel (name, created_at, updated_at)
    SELECT 'Standard FCR', p_created_at, p_created_at
    WHERE NOT EXISTS (SELECT 1 FROM scenario_fcrmodel WHERE name = 'Standard FCR');

    -- One row per stage; Egg&Alevin is not fed (fcr NULL in stage_parameter): 0.
    INSERT INTO scenario_fcrmodelstage (model_id, stage_id, fcr_value, duration_days, created_at, updated_at)
    SELECT m.model_id, l.id, coalesce(s.fcr, 0), coalesce(s.duration_days, sea_days), p_created_at, p_created_at
    FROM aquasql.stage_parameter AS s
    INNER JOIN batch_lifecyclestage AS l ON s.name = l.name
    INNER JOIN scenario_fcrmodel AS m ON m.name = 'Standard FCR'
    WHERE NOT EXISTS (
        SELECT 1 FROM scenario_fcrmodelstage AS x WHERE x.model_id = m.model_id AND x.stage_id = l.id
    )
    ORDER BY s.stage_order;

    -- Mortality: the average daily rate (percent) over a whole cycle, from the stage survivals
    -- over the stage durations (sea stage over sea_days): ≈ 0.046 %/day with the defaults.
    INSERT INTO scenario_mortalitymodel (name, frequency, rate, created_at, updated_at)
    SELECT
        'Standard Mortality',
        'daily',
        round((100 * (1 - exp(sum(ln(s.stage_survival)) / sum(coalesce(s.duration_days, sea_days)))))::numeric, 4),
        p_created_at,
        p_created_at
    FROM aquasql.stage_parameter AS s
    HAVING NOT EXISTS (SELECT 1 FROM scenario_mortalitymodel WHERE name = 'Standard Mortality');
END
$$;

COMMENT ON FUNCTION aquasql.master_data_scenario_models(timestamptz) IS
'The scenario growth, FCR and mortality models the scenarios project with. Idempotent (matched by natural key).';

-- The totals of the master-data tables, as generate_master_data reports them.
CREATE OR REPLACE FUNCTION aquasql.master_data_totals()
RETURNS TABLE (item text, total bigint)
LANGUAGE sql STABLE
AS $$
    SELECT 'species', count(*) FROM batch_species
    UNION ALL SELECT 'lifecycle stages', count(*) FROM batch_lifecyclestage
    UNION ALL SELECT 'feeds', count(*) FROM inventory_feed
    UNION ALL SELECT 'environmental parameters', count(*) FROM environmental_environmentalparameter
    UNION ALL SELECT 'lice types', count(*) FROM health_licetype
    UNION ALL SELECT 'mortality reasons', count(*) FROM health_mortalityreason
    UNION ALL SELECT 'product grades', count(*) FROM harvest_productgrade
    UNION ALL SELECT 'egg suppliers', count(*) FROM broodstock_eggsupplier
    UNION ALL SELECT 'users', count(*) FROM auth_user
    UNION ALL SELECT 'companies', count(*) FROM finance_dimcompany
    UNION ALL SELECT 'sites', count(*) FROM finance_dimsite
    UNION ALL SELECT 'temperature profiles', count(*) FROM scenario_temperatureprofile
    UNION ALL SELECT 'temperature profile days', count(*) FROM scenario_temperaturereading
    UNION ALL SELECT 'TGC models', count(*) FROM scenario_tgcmodel
    UNION ALL SELECT 'FCR model stages', count(*) FROM scenario_fcrmodelstage
    UNION ALL SELECT 'mortality models', count(*) FROM scenario_mortalitymodel
$$;

COMMENT ON FUNCTION aquasql.master_data_totals() IS
'Row counts of the master-data tables (species to mortality models), as aquasql.generate_master_data returns. '
'Idempotent (matched by natural key).';

-- The master data of the domain reference, step by step in the order AquaMind's keys need (the
-- stages name the species, the users' profiles their users, the scenario models the stages and
-- the temperature profiles); each step is idempotent, so a later call adds only what is new.
CREATE OR REPLACE FUNCTION aquasql.generate_master_data(
    p_created_at timestamptz DEFAULT '2018-01-01 00:00+00'
)
RETURNS TABLE (item text, total bigint)
LANGUAGE plpgsql
SET timezone = 'UTC'
AS $$
DECLARE
    species_name constant text := 'Atlantic Salmon';
BEGIN
    PERFORM aquasql.master_data_species(p_created_at, species_name);
    PERFORM aquasql.master_data_stages(p_created_at, species_name);
    PERFORM aquasql.master_data_feeds(p_created_at);
    PERFORM aquasql.master_data_environmental_parameters(p_created_at);
    PERFORM aquasql.master_data_lice_types(p_created_at);
    PERFORM aquasql.master_data_mortality_reasons();
    PERFORM aquasql.master_data_product_grades(p_created_at);
    PERFORM aquasql.master_data_egg_suppliers(p_created_at);
    PERFORM aquasql.master_data_users(p_created_at);
    PERFORM aquasql.master_data_user_profiles(p_created_at);
    PERFORM aquasql.master_data_finance();
    PERFORM aquasql.master_data_temperature_profiles(p_created_at);
    PERFORM aquasql.master_data_scenario_models(p_created_at);
    RETURN QUERY SELECT t.item, t.total FROM aquasql.master_data_totals() AS t;
END
$$;

COMMENT ON FUNCTION aquasql.generate_master_data(timestamptz) IS
'Write the master data of the domain reference, every timestamp = p_created_at; returns the table totals. '
'Idempotent (matched by natural key); rows per geography are added by a call after the infrastructure.';
