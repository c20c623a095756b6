-- The target schema, column by column: the tables of shared/domain.md section 2 (plus
-- auth_user, broodstock_eggsupplier and health_mortalityreason) with AquaMind's names,
-- PostgreSQL types and nullability (shared/aquamind-schema.md), aquasql's stricter NOT
-- NULLs, every constraint (PK, FK, UNIQUE, CHECK, EXCLUDE) by name and definition, and
-- every index. Runs with and without TimescaleDB.
--
-- Column spec: one block per table, one column per line: name, type (varchar(n),
-- numeric(p,s), timestamptz, time, double = double precision, ...), and NULL when the
-- column is nullable (NOT NULL otherwise). The first column is the identity key.
BEGIN;

SELECT plan(1396);

CREATE TEMP TABLE spec_table (
    tbl name PRIMARY KEY,
    columns text NOT NULL
);

INSERT INTO spec_table (tbl, columns) VALUES
    ('auth_user', $$
        id integer
        password varchar(128)
        last_login timestamptz NULL
        is_superuser boolean
        username varchar(150)
        first_name varchar(150)
        last_name varchar(150)
        email varchar(254)
        is_staff boolean
        is_active boolean
        date_joined timestamptz
    $$),
    ('broodstock_eggsupplier', $$
        id bigint
        name varchar(100)
        contact_details text
        certifications text
        created_at timestamptz
        updated_at timestamptz
    $$),
    ('infrastructure_geography', $$
        id bigint
        name varchar(100)
        description text
        created_at timestamptz
        updated_at timestamptz
    $$),
    ('infrastructure_freshwaterstation', $$
        id bigint
        name varchar(100)
        station_type varchar(20)
        geography_id bigint
        latitude numeric(9,6)
        longitude numeric(9,6)
        description text
        active boolean
        created_at timestamptz
        updated_at timestamptz
    $$),
    ('infrastructure_hall', $$
        id bigint
        name varchar(100)
        freshwater_station_id bigint
        description text
        area_sqm numeric(10,2) NULL
        active boolean
        created_at timestamptz
        updated_at timestamptz
    $$),
    ('infrastructure_area', $$
        id bigint
        name varchar(100)
        geography_id bigint
        latitude numeric(9,6)
        longitude numeric(9,6)
        max_biomass numeric(12,2)
        active boolean
        created_at timestamptz
        updated_at timestamptz
    $$),
    ('infrastructure_containertype', $$
        id bigint
        name varchar(100)
        category varchar(20)
        max_volume_m3 numeric(10,2)
        description text
        created_at timestamptz
        updated_at timestamptz
    $$),
    ('infrastructure_container', $$
        id bigint
        name varchar(100)
        container_type_id bigint
        hall_id bigint NULL
        area_id bigint NULL
        volume_m3 numeric(10,2)
        max_biomass_kg numeric(10,2)
        feed_recommendations_enabled boolean
        active boolean
        created_at timestamptz
        updated_at timestamptz
    $$),
    ('infrastructure_sensor', $$
        id bigint
        name varchar(100)
        sensor_type varchar(20)
        container_id bigint
        serial_number varchar(100)
        manufacturer varchar(100)
        installation_date date NULL
        last_calibration_date date NULL
        active boolean
        created_at timestamptz
        updated_at timestamptz
    $$),
    ('infrastructure_feedcontainer', $$
        id bigint
        name varchar(100)
        container_type varchar(20)
        hall_id bigint NULL
        area_id bigint NULL
        capacity_kg numeric(10,2)
        active boolean
        created_at timestamptz
        updated_at timestamptz
    $$),
    ('batch_species', $$
        id bigint
        name varchar(100)
        scientific_name varchar(200)
        description text
        optimal_temperature_min numeric(5,2) NULL
        optimal_temperature_max numeric(5,2) NULL
        optimal_oxygen_min numeric(5,2) NULL
        optimal_ph_min numeric(5,2) NULL
        optimal_ph_max numeric(5,2) NULL
        created_at timestamptz
        updated_at timestamptz
    $$),
    ('batch_lifecyclestage', $$
        id bigint
        name varchar(100)
        species_id bigint
        order smallint
        description text
        expected_weight_min_g numeric(10,2) NULL
        expected_weight_max_g numeric(10,2) NULL
        expected_length_min_cm numeric(10,2) NULL
        expected_length_max_cm numeric(10,2) NULL
        typical_duration_days integer NULL
        created_at timestamptz
        updated_at timestamptz
    $$),
    ('batch_batch', $$
        id bigint
        batch_number varchar(50)
        species_id bigint
        lifecycle_stage_id bigint
        status varchar(20)
        batch_type varchar(20)
        start_date date
        expected_end_date date NULL
        actual_end_date date NULL
        notes text
        created_at timestamptz
        updated_at timestamptz
        pinned_scenario_id bigint NULL
    $$),
    ('batch_batchcontainerassignment', $$
        id bigint
        batch_id bigint
        container_id bigint
        lifecycle_stage_id bigint
        population_count integer
        avg_weight_g numeric(10,2) NULL
        biomass_kg numeric(10,2)
        assignment_date date
        departure_date date NULL
        is_active boolean
        last_weighing_date date NULL
        notes text
        created_at timestamptz
        updated_at timestamptz
    $$),
    ('batch_creationworkflow', $$
        id bigint
        workflow_number varchar(50)
        batch_id bigint
        status varchar(20)
        egg_source_type varchar(20)
        egg_production_id bigint NULL
        external_supplier_id bigint NULL
        external_supplier_batch_number varchar(100)
        external_cost_per_thousand numeric(10,2) NULL
        total_eggs_planned integer
        total_eggs_received integer
        total_mortality_on_arrival integer
        planned_start_date date
        planned_completion_date date
        actual_start_date date NULL
        actual_completion_date date NULL
        total_actions integer
        actions_completed integer
        progress_percentage numeric(5,2)
        created_by_id integer NULL
        cancellation_reason text
        cancelled_at timestamptz NULL
        cancelled_by_id integer NULL
        notes text
        created_at timestamptz
        updated_at timestamptz
    $$),
    ('batch_creationaction', $$
        id bigint
        workflow_id bigint
        action_number integer
        status varchar(20)
        dest_assignment_id bigint
        egg_count_planned integer
        egg_count_actual integer NULL
        mortality_on_arrival integer
        expected_delivery_date date
        actual_delivery_date date NULL
        delivery_method varchar(20) NULL
        water_temp_on_arrival numeric(5,2) NULL
        egg_quality_score smallint NULL
        execution_duration_minutes integer NULL
        executed_by_id integer NULL
        notes text
        created_at timestamptz
        updated_at timestamptz
    $$),
    ('batch_batchtransferworkflow', $$
        id bigint
        workflow_number varchar(50)
        batch_id bigint
        workflow_type varchar(30)
        source_lifecycle_stage_id bigint
        dest_lifecycle_stage_id bigint NULL
        status varchar(20)
        planned_start_date date
        planned_completion_date date NULL
        actual_start_date date NULL
        actual_completion_date date NULL
        total_source_count integer
        total_transferred_count integer
        total_mortality_count integer
        total_biomass_kg numeric(12,2)
        total_actions_planned integer
        actions_completed integer
        completion_percentage numeric(5,2)
        is_intercompany boolean
        source_subsidiary varchar(20) NULL
        dest_subsidiary varchar(20) NULL
        finance_transaction_id bigint NULL
        initiated_by_id integer
        completed_by_id integer NULL
        notes text
        cancellation_reason text
        created_at timestamptz
        updated_at timestamptz
    $$),
    ('batch_transferaction', $$
        id bigint
        workflow_id bigint
        action_number integer
        source_assignment_id bigint
        dest_assignment_id bigint NULL
        source_population_before integer
        transferred_count integer
        mortality_during_transfer integer
        transferred_biomass_kg numeric(10,2)
        status varchar(20)
        planned_date date NULL
        actual_execution_date date NULL
        transfer_method varchar(20) NULL
        water_temp_c numeric(5,2) NULL
        oxygen_level numeric(5,2) NULL
        measured_avg_weight_g numeric(10,2) NULL
        measured_std_dev_weight_g numeric(10,2) NULL
        measured_sample_size integer NULL
        measured_avg_length_cm numeric(10,2) NULL
        measured_notes text
        selection_method varchar(16)
        executed_by_id integer NULL
        execution_duration_minutes integer NULL
        notes text
        created_at timestamptz
        updated_at timestamptz
    $$),
    ('batch_mortalityevent', $$
        id bigint
        batch_id bigint
        assignment_id bigint
        event_date date
        count integer
        biomass_kg numeric(10,2)
        cause varchar(20)
        description text
        created_at timestamptz
        updated_at timestamptz
    $$),
    ('batch_growthsample', $$
        id bigint
        assignment_id bigint
        sample_date date
        sample_size integer
        avg_weight_g numeric(10,2)
        avg_length_cm numeric(10,2) NULL
        std_deviation_weight numeric(10,2) NULL
        std_deviation_length numeric(10,2) NULL
        min_weight_g numeric(10,2) NULL
        max_weight_g numeric(10,2) NULL
        condition_factor numeric(10,2) NULL
        notes text NULL
        created_at timestamptz
        updated_at timestamptz
    $$),
    ('batch_individualgrowthobservation', $$
        id bigint
        growth_sample_id bigint
        fish_identifier varchar(50)
        weight_g numeric(10,2)
        length_cm numeric(10,2)
        created_at timestamptz
        updated_at timestamptz
    $$),
    ('batch_actualdailyassignmentstate', $$
        id bigint
        assignment_id bigint
        batch_id bigint
        container_id bigint
        lifecycle_stage_id bigint
        date date
        day_number integer
        avg_weight_g numeric(10,2)
        population integer
        biomass_kg numeric(12,2)
        temp_c numeric(5,2) NULL
        mortality_count integer
        feed_kg numeric(10,2)
        observed_fcr numeric(8,3) NULL
        anchor_type varchar(20) NULL
        sources jsonb
        confidence_scores jsonb
        last_computed_at timestamptz
    $$),
    ('inventory_feed', $$
        id bigint
        name varchar(100)
        brand varchar(100)
        size_category varchar(20)
        pellet_size_mm numeric(5,2) NULL
        protein_percentage numeric(5,2) NULL
        fat_percentage numeric(5,2) NULL
        carbohydrate_percentage numeric(5,2) NULL
        description text
        is_active boolean
        created_at timestamptz
        updated_at timestamptz
    $$),
    ('inventory_feedpurchase', $$
        id bigint
        feed_id bigint
        purchase_date date
        quantity_kg numeric(10,2)
        cost_per_kg numeric(10,2)
        supplier varchar(100)
        batch_number varchar(100)
        expiry_date date NULL
        notes text
        created_at timestamptz
        updated_at timestamptz
    $$),
    ('inventory_feedcontainerstock', $$
        id bigint
        feed_container_id bigint
        feed_purchase_id bigint
        quantity_kg numeric(10,2)
        entry_date timestamptz
        created_at timestamptz
        updated_at timestamptz
    $$),
    ('inventory_feedingevent', $$
        id bigint
        batch_id bigint
        batch_assignment_id bigint
        container_id bigint
        feed_id bigint
        feeding_date date
        feeding_time time
        amount_kg numeric(10,4)
        batch_biomass_kg numeric(10,2)
        feeding_percentage numeric(8,6) NULL
        feed_cost numeric(10,2) NULL
        method varchar(20)
        notes text
        recorded_by_id integer NULL
        created_at timestamptz
        updated_at timestamptz
    $$),
    ('environmental_environmentalparameter', $$
        id bigint
        name varchar(100)
        unit varchar(20)
        description text
        min_value numeric(10,2) NULL
        max_value numeric(10,2) NULL
        optimal_min numeric(10,2) NULL
        optimal_max numeric(10,2) NULL
        created_at timestamptz
        updated_at timestamptz
    $$),
    ('environmental_environmentalreading', $$
        id bigint
        parameter_id bigint
        container_id bigint
        batch_id bigint
        sensor_id bigint
        batch_container_assignment_id bigint
        value numeric(10,4)
        reading_time timestamptz
        is_manual boolean
        recorded_by_id integer NULL
        notes text
        created_at timestamptz
    $$),
    ('health_licetype', $$
        id bigint
        species varchar(100)
        gender varchar(20)
        development_stage varchar(50)
        description text
        is_active boolean
        created_at timestamptz
        updated_at timestamptz
    $$),
    ('health_licecount', $$
        id bigint
        batch_id bigint
        assignment_id bigint
        container_id bigint NULL
        user_id integer
        count_date timestamptz
        adult_female_count integer
        adult_male_count integer
        juvenile_count integer
        lice_type_id bigint NULL
        count_value integer NULL
        detection_method varchar(50) NULL
        confidence_level numeric(3,2) NULL
        fish_sampled integer
        notes text
    $$),
    ('health_journalentry', $$
        id bigint
        batch_id bigint
        container_id bigint NULL
        user_id integer
        entry_date timestamptz
        category varchar(20)
        severity varchar(10) NULL
        description text
        resolution_status boolean
        resolution_notes text
        created_at timestamptz
        updated_at timestamptz
        assignment_id bigint
    $$),
    ('health_mortalityreason', $$
        id bigint
        name varchar(100)
        description text
    $$),
    ('scenario_temperatureprofile', $$
        profile_id bigint
        name varchar(255)
        created_at timestamptz
        updated_at timestamptz
    $$),
    ('scenario_temperaturereading', $$
        reading_id bigint
        profile_id bigint
        day_number integer
        temperature double
        created_at timestamptz
        updated_at timestamptz
    $$),
    ('scenario_tgcmodel', $$
        model_id bigint
        name varchar(255)
        location varchar(255)
        release_period varchar(255)
        tgc_value double
        exponent_n double
        exponent_m double
        profile_id bigint
        created_at timestamptz
        updated_at timestamptz
    $$),
    ('scenario_fcrmodel', $$
        model_id bigint
        name varchar(255)
        created_at timestamptz
        updated_at timestamptz
    $$),
    ('scenario_fcrmodelstage', $$
        id bigint
        model_id bigint
        stage_id bigint
        fcr_value double
        duration_days integer
        created_at timestamptz
        updated_at timestamptz
    $$),
    ('scenario_mortalitymodel', $$
        model_id bigint
        name varchar(255)
        frequency varchar(10)
        rate double
        created_at timestamptz
        updated_at timestamptz
    $$),
    ('scenario', $$
        scenario_id bigint
        name varchar(255)
        start_date date
        duration_days integer
        initial_count integer
        genotype varchar(255)
        supplier varchar(255)
        initial_weight double NULL
        tgc_model_id bigint
        fcr_model_id bigint
        mortality_model_id bigint
        batch_id bigint NULL
        biological_constraints_id bigint NULL
        created_by_id integer NULL
        created_at timestamptz
        updated_at timestamptz
    $$),
    ('scenario_scenarioprojection', $$
        projection_id bigint
        scenario_id bigint
        projection_date date
        day_number integer
        average_weight double
        population double
        biomass double
        daily_feed double
        cumulative_feed double
        temperature double
        current_stage_id bigint
        created_at timestamptz
        updated_at timestamptz
    $$),
    ('harvest_productgrade', $$
        id bigint
        code varchar(50)
        name varchar(100)
        description text
        created_at timestamptz
        updated_at timestamptz
    $$),
    ('harvest_harvestevent', $$
        id bigint
        event_date timestamptz
        batch_id bigint
        assignment_id bigint
        dest_geography_id bigint NULL
        dest_subsidiary varchar(3) NULL
        document_ref varchar(100)
        created_at timestamptz
        updated_at timestamptz
    $$),
    ('harvest_harvestlot', $$
        id bigint
        event_id bigint
        product_grade_id bigint
        live_weight_kg numeric(12,3)
        gutted_weight_kg numeric(12,3) NULL
        fillet_weight_kg numeric(12,3) NULL
        unit_count integer
        created_at timestamptz
        updated_at timestamptz
    $$),
    ('finance_dimcompany', $$
        company_id bigint
        geography_id bigint
        subsidiary varchar(3)
        display_name varchar(150)
        currency varchar(3) NULL
        nav_company_code varchar(50) NULL
    $$),
    ('finance_dimsite', $$
        site_id bigint
        source_model varchar(16)
        source_pk integer
        company_id bigint
        site_name varchar(150)
    $$),
    ('finance_factharvest', $$
        fact_id bigint
        event_id bigint
        lot_id bigint
        event_date timestamptz
        quantity_kg numeric(12,3)
        unit_count integer
        product_grade_id bigint
        dim_company_id bigint
        dim_site_id bigint
        dim_batch_id integer
        created_at timestamptz
        updated_at timestamptz
    $$);

CREATE TEMP VIEW spec_column AS
SELECT
    s.tbl,
    split_part(l.line, ' ', 1)::name AS col,
    CASE split_part(l.line, ' ', 2)
        WHEN 'timestamptz' THEN 'timestamp with time zone'
        WHEN 'time' THEN 'time without time zone'
        WHEN 'double' THEN 'double precision'
        ELSE regexp_replace(split_part(l.line, ' ', 2), '^varchar', 'character varying')
    END AS typ,
    l.line LIKE '% NULL' AS nullable,
    row_number() OVER (PARTITION BY s.tbl ORDER BY l.ord) AS pos
FROM spec_table AS s
CROSS JOIN LATERAL (
    SELECT btrim(r.line) AS line, r.ord
    FROM regexp_split_to_table(s.columns, E'\n') WITH ORDINALITY AS r (line, ord)
) AS l
WHERE l.line <> '';

-- Constraints by table, name and pg_get_constraintdef() text.
CREATE TEMP TABLE spec_constraint (
    tbl name NOT NULL,
    conname name NOT NULL,
    def text NOT NULL,
    PRIMARY KEY (tbl, conname)
);

INSERT INTO spec_constraint (tbl, conname, def) VALUES
    ('auth_user', 'auth_user_username_key', 'UNIQUE (username)'),
    ('auth_user', 'auth_user_pkey', 'PRIMARY KEY (id)'),
    ('batch_actualdailyassignmentstate', 'unique_assignment_date', 'UNIQUE (assignment_id, date)'),
    ('batch_actualdailyassignmentstate', 'batch_actualdailyassignmentstate_pkey', 'PRIMARY KEY (id, date)'),
    ('batch_actualdailyassignmentstate', 'batch_actualdailyassignmentstate_assignment_id_fkey', 'FOREIGN KEY (assignment_id) REFERENCES batch_batchcontainerassignment(id)'),
    ('batch_actualdailyassignmentstate', 'batch_actualdailyassignmentstate_batch_id_fkey', 'FOREIGN KEY (batch_id) REFERENCES batch_batch(id)'),
    ('batch_actualdailyassignmentstate', 'batch_actualdailyassignmentstate_container_id_fkey', 'FOREIGN KEY (container_id) REFERENCES infrastructure_container(id)'),
    ('batch_actualdailyassignmentstate', 'batch_actualdailyassignmentstate_lifecycle_stage_id_fkey', 'FOREIGN KEY (lifecycle_stage_id) REFERENCES batch_lifecyclestage(id)'),
    ('batch_actualdailyassignmentstate', 'batch_actualdailyassignmentstate_matches_assignment_fkey', 'FOREIGN KEY (assignment_id, batch_id, container_id) REFERENCES batch_batchcontainerassignment(id, batch_id, container_id) MATCH FULL'),
    ('batch_actualdailyassignmentstate', 'batch_actualdailyassignmentstate_anchor_type_check', 'CHECK (((anchor_type)::text = ANY ((ARRAY[''growth_sample''::character varying, ''transfer''::character varying, ''vaccination''::character varying, ''manual''::character varying])::text[])))'),
    ('batch_actualdailyassignmentstate', 'batch_actualdailyassignmentstate_avg_weight_g_check', 'CHECK ((avg_weight_g >= (0)::numeric))'),
    ('batch_actualdailyassignmentstate', 'batch_actualdailyassignmentstate_biomass_kg_check', 'CHECK ((biomass_kg >= (0)::numeric))'),
    ('batch_actualdailyassignmentstate', 'batch_actualdailyassignmentstate_day_number_check', 'CHECK ((day_number >= 0))'),
    ('batch_actualdailyassignmentstate', 'batch_actualdailyassignmentstate_feed_kg_check', 'CHECK ((feed_kg >= (0)::numeric))'),
    ('batch_actualdailyassignmentstate', 'batch_actualdailyassignmentstate_mortality_count_check', 'CHECK ((mortality_count >= 0))'),
    ('batch_actualdailyassignmentstate', 'batch_actualdailyassignmentstate_observed_fcr_check', 'CHECK ((observed_fcr >= (0)::numeric))'),
    ('batch_actualdailyassignmentstate', 'batch_actualdailyassignmentstate_population_check', 'CHECK ((population >= 0))'),
    ('batch_batch', 'batch_batch_batch_number_key', 'UNIQUE (batch_number)'),
    ('batch_batch', 'batch_batch_pkey', 'PRIMARY KEY (id)'),
    ('batch_batch', 'batch_batch_lifecycle_stage_id_fkey', 'FOREIGN KEY (lifecycle_stage_id) REFERENCES batch_lifecyclestage(id)'),
    ('batch_batch', 'batch_batch_pinned_scenario_id_fkey', 'FOREIGN KEY (pinned_scenario_id) REFERENCES scenario(scenario_id)'),
    ('batch_batch', 'batch_batch_species_id_fkey', 'FOREIGN KEY (species_id) REFERENCES batch_species(id)'),
    ('batch_batchcontainerassignment', 'assignment_no_overlap', 'EXCLUDE USING gist (container_id WITH =, daterange(assignment_date, departure_date, ''[)''::text) WITH &&)'),
    ('batch_batchcontainerassignment', 'batch_batchcontainerassignment_id_batch_id_container_id_key', 'UNIQUE (id, batch_id, container_id)'),
    ('batch_batchcontainerassignment', 'batch_batchcontainerassignment_id_batch_id_key', 'UNIQUE (id, batch_id)'),
    ('batch_batchcontainerassignment', 'batch_batchcontainerassignment_pkey', 'PRIMARY KEY (id)'),
    ('batch_batchcontainerassignment', 'batch_batchcontainerassignment_batch_id_fkey', 'FOREIGN KEY (batch_id) REFERENCES batch_batch(id)'),
    ('batch_batchcontainerassignment', 'batch_batchcontainerassignment_container_id_fkey', 'FOREIGN KEY (container_id) REFERENCES infrastructure_container(id)'),
    ('batch_batchcontainerassignment', 'batch_batchcontainerassignment_lifecycle_stage_id_fkey', 'FOREIGN KEY (lifecycle_stage_id) REFERENCES batch_lifecyclestage(id)'),
    ('batch_batchcontainerassignment', 'batch_batchcontainerassignment_departure_date_check', 'CHECK (((departure_date IS NULL) OR (departure_date > assignment_date)))'),
    ('batch_batchcontainerassignment', 'batch_batchcontainerassignment_population_count_check', 'CHECK ((population_count >= 0))'),
    ('batch_batchtransferworkflow', 'batch_batchtransferworkflow_workflow_number_key', 'UNIQUE (workflow_number)'),
    ('batch_batchtransferworkflow', 'batch_batchtransferworkflow_pkey', 'PRIMARY KEY (id)'),
    ('batch_batchtransferworkflow', 'batch_batchtransferworkflow_batch_id_fkey', 'FOREIGN KEY (batch_id) REFERENCES batch_batch(id)'),
    ('batch_batchtransferworkflow', 'batch_batchtransferworkflow_completed_by_id_fkey', 'FOREIGN KEY (completed_by_id) REFERENCES auth_user(id)'),
    ('batch_batchtransferworkflow', 'batch_batchtransferworkflow_dest_lifecycle_stage_id_fkey', 'FOREIGN KEY (dest_lifecycle_stage_id) REFERENCES batch_lifecyclestage(id)'),
    ('batch_batchtransferworkflow', 'batch_batchtransferworkflow_initiated_by_id_fkey', 'FOREIGN KEY (initiated_by_id) REFERENCES auth_user(id)'),
    ('batch_batchtransferworkflow', 'batch_batchtransferworkflow_source_lifecycle_stage_id_fkey', 'FOREIGN KEY (source_lifecycle_stage_id) REFERENCES batch_lifecyclestage(id)'),
    ('batch_batchtransferworkflow', 'batch_batchtransferworkflow_actions_completed_check', 'CHECK ((actions_completed >= 0))'),
    ('batch_batchtransferworkflow', 'batch_batchtransferworkflow_completion_percentage_range_check', 'CHECK (((completion_percentage >= (0)::numeric) AND (completion_percentage <= (100)::numeric)))'),
    ('batch_batchtransferworkflow', 'batch_batchtransferworkflow_total_actions_planned_check', 'CHECK ((total_actions_planned >= 0))'),
    ('batch_batchtransferworkflow', 'batch_batchtransferworkflow_total_mortality_count_check', 'CHECK ((total_mortality_count >= 0))'),
    ('batch_batchtransferworkflow', 'batch_batchtransferworkflow_total_source_count_check', 'CHECK ((total_source_count >= 0))'),
    ('batch_batchtransferworkflow', 'batch_batchtransferworkflow_total_transferred_count_check', 'CHECK ((total_transferred_count >= 0))'),
    ('batch_creationaction', 'batch_creationaction_workflow_id_action_number_key', 'UNIQUE (workflow_id, action_number)'),
    ('batch_creationaction', 'batch_creationaction_pkey', 'PRIMARY KEY (id)'),
    ('batch_creationaction', 'batch_creationaction_dest_assignment_id_fkey', 'FOREIGN KEY (dest_assignment_id) REFERENCES batch_batchcontainerassignment(id)'),
    ('batch_creationaction', 'batch_creationaction_executed_by_id_fkey', 'FOREIGN KEY (executed_by_id) REFERENCES auth_user(id)'),
    ('batch_creationaction', 'batch_creationaction_workflow_id_fkey', 'FOREIGN KEY (workflow_id) REFERENCES batch_creationworkflow(id)'),
    ('batch_creationaction', 'batch_creationaction_action_number_check', 'CHECK ((action_number >= 0))'),
    ('batch_creationaction', 'batch_creationaction_egg_count_actual_check', 'CHECK ((egg_count_actual >= 0))'),
    ('batch_creationaction', 'batch_creationaction_egg_count_planned_check', 'CHECK ((egg_count_planned >= 0))'),
    ('batch_creationaction', 'batch_creationaction_egg_quality_score_check', 'CHECK ((egg_quality_score >= 0))'),
    ('batch_creationaction', 'batch_creationaction_egg_quality_score_range_check', 'CHECK (((egg_quality_score >= 1) AND (egg_quality_score <= 5)))'),
    ('batch_creationaction', 'batch_creationaction_execution_duration_minutes_check', 'CHECK ((execution_duration_minutes >= 0))'),
    ('batch_creationaction', 'batch_creationaction_mortality_on_arrival_check', 'CHECK ((mortality_on_arrival >= 0))'),
    ('batch_creationworkflow', 'batch_creationworkflow_workflow_number_key', 'UNIQUE (workflow_number)'),
    ('batch_creationworkflow', 'batch_creationworkflow_pkey', 'PRIMARY KEY (id)'),
    ('batch_creationworkflow', 'batch_creationworkflow_batch_id_fkey', 'FOREIGN KEY (batch_id) REFERENCES batch_batch(id)'),
    ('batch_creationworkflow', 'batch_creationworkflow_cancelled_by_id_fkey', 'FOREIGN KEY (cancelled_by_id) REFERENCES auth_user(id)'),
    ('batch_creationworkflow', 'batch_creationworkflow_created_by_id_fkey', 'FOREIGN KEY (created_by_id) REFERENCES auth_user(id)'),
    ('batch_creationworkflow', 'batch_creationworkflow_external_supplier_id_fkey', 'FOREIGN KEY (external_supplier_id) REFERENCES broodstock_eggsupplier(id)'),
    ('batch_creationworkflow', 'batch_creationworkflow_actions_completed_check', 'CHECK ((actions_completed >= 0))'),
    ('batch_creationworkflow', 'batch_creationworkflow_progress_percentage_range_check', 'CHECK (((progress_percentage >= (0)::numeric) AND (progress_percentage <= (100)::numeric)))'),
    ('batch_creationworkflow', 'batch_creationworkflow_total_actions_check', 'CHECK ((total_actions >= 0))'),
    ('batch_creationworkflow', 'batch_creationworkflow_total_eggs_planned_check', 'CHECK ((total_eggs_planned >= 0))'),
    ('batch_creationworkflow', 'batch_creationworkflow_total_eggs_received_check', 'CHECK ((total_eggs_received >= 0))'),
    ('batch_creationworkflow', 'batch_creationworkflow_total_mortality_on_arrival_check', 'CHECK ((total_mortality_on_arrival >= 0))'),
    ('batch_growthsample', 'batch_growthsample_pkey', 'PRIMARY KEY (id)'),
    ('batch_growthsample', 'batch_growthsample_assignment_id_fkey', 'FOREIGN KEY (assignment_id) REFERENCES batch_batchcontainerassignment(id)'),
    ('batch_growthsample', 'batch_growthsample_sample_size_check', 'CHECK ((sample_size >= 0))'),
    ('batch_individualgrowthobservation', 'batch_individualgrowthobservation_sample_fish_key', 'UNIQUE (growth_sample_id, fish_identifier)'),
    ('batch_individualgrowthobservation', 'batch_individualgrowthobservation_pkey', 'PRIMARY KEY (id)'),
    ('batch_individualgrowthobservation', 'batch_individualgrowthobservation_growth_sample_id_fkey', 'FOREIGN KEY (growth_sample_id) REFERENCES batch_growthsample(id)'),
    ('batch_lifecyclestage', 'batch_lifecyclestage_name_key', 'UNIQUE (name)'),
    ('batch_lifecyclestage', 'batch_lifecyclestage_species_id_order_key', 'UNIQUE (species_id, "order")'),
    ('batch_lifecyclestage', 'batch_lifecyclestage_pkey', 'PRIMARY KEY (id)'),
    ('batch_lifecyclestage', 'batch_lifecyclestage_species_id_fkey', 'FOREIGN KEY (species_id) REFERENCES batch_species(id)'),
    ('batch_lifecyclestage', 'batch_lifecyclestage_order_check', 'CHECK (("order" >= 0))'),
    ('batch_lifecyclestage', 'batch_lifecyclestage_typical_duration_days_check', 'CHECK ((typical_duration_days >= 0))'),
    ('batch_mortalityevent', 'batch_mortalityevent_pkey', 'PRIMARY KEY (id)'),
    ('batch_mortalityevent', 'batch_mortalityevent_assignment_id_fkey', 'FOREIGN KEY (assignment_id) REFERENCES batch_batchcontainerassignment(id)'),
    ('batch_mortalityevent', 'batch_mortalityevent_batch_id_fkey', 'FOREIGN KEY (batch_id) REFERENCES batch_batch(id)'),
    ('batch_mortalityevent', 'batch_mortalityevent_matches_assignment_fkey', 'FOREIGN KEY (assignment_id, batch_id) REFERENCES batch_batchcontainerassignment(id, batch_id) MATCH FULL'),
    ('batch_mortalityevent', 'batch_mortalityevent_count_check', 'CHECK ((count >= 0))'),
    ('batch_species', 'batch_species_name_key', 'UNIQUE (name)'),
    ('batch_species', 'batch_species_scientific_name_key', 'UNIQUE (scientific_name)'),
    ('batch_species', 'batch_species_pkey', 'PRIMARY KEY (id)'),
    ('batch_transferaction', 'batch_transferaction_workflow_id_action_number_key', 'UNIQUE (workflow_id, action_number)'),
    ('batch_transferaction', 'batch_transferaction_pkey', 'PRIMARY KEY (id)'),
    ('batch_transferaction', 'batch_transferaction_dest_assignment_id_fkey', 'FOREIGN KEY (dest_assignment_id) REFERENCES batch_batchcontainerassignment(id)'),
    ('batch_transferaction', 'batch_transferaction_executed_by_id_fkey', 'FOREIGN KEY (executed_by_id) REFERENCES auth_user(id)'),
    ('batch_transferaction', 'batch_transferaction_source_assignment_id_fkey', 'FOREIGN KEY (source_assignment_id) REFERENCES batch_batchcontainerassignment(id)'),
    ('batch_transferaction', 'batch_transferaction_workflow_id_fkey', 'FOREIGN KEY (workflow_id) REFERENCES batch_batchtransferworkflow(id)'),
    ('batch_transferaction', 'batch_transferaction_action_number_check', 'CHECK ((action_number >= 0))'),
    ('batch_transferaction', 'batch_transferaction_execution_duration_minutes_check', 'CHECK ((execution_duration_minutes >= 0))'),
    ('batch_transferaction', 'batch_transferaction_measured_sample_size_check', 'CHECK ((measured_sample_size >= 0))'),
    ('batch_transferaction', 'batch_transferaction_mortality_during_transfer_check', 'CHECK ((mortality_during_transfer >= 0))'),
    ('batch_transferaction', 'batch_transferaction_source_population_before_check', 'CHECK ((source_population_before >= 0))'),
    ('batch_transferaction', 'batch_transferaction_transferred_count_check', 'CHECK ((transferred_count >= 0))'),
    ('broodstock_eggsupplier', 'broodstock_eggsupplier_name_key', 'UNIQUE (name)'),
    ('broodstock_eggsupplier', 'broodstock_eggsupplier_pkey', 'PRIMARY KEY (id)'),
    ('environmental_environmentalparameter', 'environmental_environmentalparameter_pkey', 'PRIMARY KEY (id)'),
    ('environmental_environmentalreading', 'environmental_environmentalreading_pkey', 'PRIMARY KEY (reading_time, sensor_id)'),
    ('environmental_environmentalreading', 'environmental_environmentalreading_assignment_id_fkey', 'FOREIGN KEY (batch_container_assignment_id) REFERENCES batch_batchcontainerassignment(id)'),
    ('environmental_environmentalreading', 'environmental_environmentalreading_batch_id_fkey', 'FOREIGN KEY (batch_id) REFERENCES batch_batch(id)'),
    ('environmental_environmentalreading', 'environmental_environmentalreading_container_id_fkey', 'FOREIGN KEY (container_id) REFERENCES infrastructure_container(id)'),
    ('environmental_environmentalreading', 'environmental_environmentalreading_matches_assignment_fkey', 'FOREIGN KEY (batch_container_assignment_id, batch_id, container_id) REFERENCES batch_batchcontainerassignment(id, batch_id, container_id) MATCH FULL'),
    ('environmental_environmentalreading', 'environmental_environmentalreading_parameter_id_fkey', 'FOREIGN KEY (parameter_id) REFERENCES environmental_environmentalparameter(id)'),
    ('environmental_environmentalreading', 'environmental_environmentalreading_recorded_by_id_fkey', 'FOREIGN KEY (recorded_by_id) REFERENCES auth_user(id)'),
    ('environmental_environmentalreading', 'environmental_environmentalreading_sensor_id_fkey', 'FOREIGN KEY (sensor_id) REFERENCES infrastructure_sensor(id)'),
    ('finance_dimcompany', 'finance_dimcompany_geography_id_subsidiary_key', 'UNIQUE (geography_id, subsidiary)'),
    ('finance_dimcompany', 'finance_dimcompany_pkey', 'PRIMARY KEY (company_id)'),
    ('finance_dimcompany', 'finance_dimcompany_geography_id_fkey', 'FOREIGN KEY (geography_id) REFERENCES infrastructure_geography(id)'),
    ('finance_dimsite', 'finance_dimsite_source_model_source_pk_key', 'UNIQUE (source_model, source_pk)'),
    ('finance_dimsite', 'finance_dimsite_pkey', 'PRIMARY KEY (site_id)'),
    ('finance_dimsite', 'finance_dimsite_company_id_fkey', 'FOREIGN KEY (company_id) REFERENCES finance_dimcompany(company_id)'),
    ('finance_dimsite', 'finance_dimsite_source_pk_check', 'CHECK ((source_pk >= 0))'),
    ('finance_factharvest', 'finance_factharvest_lot_id_key', 'UNIQUE (lot_id)'),
    ('finance_factharvest', 'finance_factharvest_pkey', 'PRIMARY KEY (fact_id)'),
    ('finance_factharvest', 'finance_factharvest_dim_company_id_fkey', 'FOREIGN KEY (dim_company_id) REFERENCES finance_dimcompany(company_id)'),
    ('finance_factharvest', 'finance_factharvest_dim_site_id_fkey', 'FOREIGN KEY (dim_site_id) REFERENCES finance_dimsite(site_id)'),
    ('finance_factharvest', 'finance_factharvest_event_id_fkey', 'FOREIGN KEY (event_id) REFERENCES harvest_harvestevent(id)'),
    ('finance_factharvest', 'finance_factharvest_lot_id_fkey', 'FOREIGN KEY (lot_id) REFERENCES harvest_harvestlot(id)'),
    ('finance_factharvest', 'finance_factharvest_product_grade_id_fkey', 'FOREIGN KEY (product_grade_id) REFERENCES harvest_productgrade(id)'),
    ('finance_factharvest', 'finance_factharvest_dim_batch_id_check', 'CHECK ((dim_batch_id >= 0))'),
    ('finance_factharvest', 'finance_factharvest_unit_count_check', 'CHECK ((unit_count >= 0))'),
    ('harvest_harvestevent', 'harvest_harvestevent_pkey', 'PRIMARY KEY (id)'),
    ('harvest_harvestevent', 'harvest_harvestevent_assignment_id_fkey', 'FOREIGN KEY (assignment_id) REFERENCES batch_batchcontainerassignment(id)'),
    ('harvest_harvestevent', 'harvest_harvestevent_batch_id_fkey', 'FOREIGN KEY (batch_id) REFERENCES batch_batch(id)'),
    ('harvest_harvestevent', 'harvest_harvestevent_dest_geography_id_fkey', 'FOREIGN KEY (dest_geography_id) REFERENCES infrastructure_geography(id)'),
    ('harvest_harvestevent', 'harvest_harvestevent_matches_assignment_fkey', 'FOREIGN KEY (assignment_id, batch_id) REFERENCES batch_batchcontainerassignment(id, batch_id) MATCH FULL'),
    ('harvest_harvestlot', 'harvest_harvestlot_pkey', 'PRIMARY KEY (id)'),
    ('harvest_harvestlot', 'harvest_harvestlot_event_id_fkey', 'FOREIGN KEY (event_id) REFERENCES harvest_harvestevent(id)'),
    ('harvest_harvestlot', 'harvest_harvestlot_product_grade_id_fkey', 'FOREIGN KEY (product_grade_id) REFERENCES harvest_productgrade(id)'),
    ('harvest_harvestlot', 'harvest_harvestlot_unit_count_check', 'CHECK ((unit_count >= 0))'),
    ('harvest_productgrade', 'harvest_productgrade_code_key', 'UNIQUE (code)'),
    ('harvest_productgrade', 'harvest_productgrade_pkey', 'PRIMARY KEY (id)'),
    ('health_journalentry', 'health_journalentry_pkey', 'PRIMARY KEY (id)'),
    ('health_journalentry', 'health_journalentry_assignment_id_fkey', 'FOREIGN KEY (assignment_id) REFERENCES batch_batchcontainerassignment(id)'),
    ('health_journalentry', 'health_journalentry_batch_id_fkey', 'FOREIGN KEY (batch_id) REFERENCES batch_batch(id)'),
    ('health_journalentry', 'health_journalentry_container_id_fkey', 'FOREIGN KEY (container_id) REFERENCES infrastructure_container(id)'),
    ('health_journalentry', 'health_journalentry_matches_assignment_fkey', 'FOREIGN KEY (assignment_id, batch_id, container_id) REFERENCES batch_batchcontainerassignment(id, batch_id, container_id) MATCH FULL'),
    ('health_journalentry', 'health_journalentry_user_id_fkey', 'FOREIGN KEY (user_id) REFERENCES auth_user(id)'),
    ('health_licecount', 'health_licecount_pkey', 'PRIMARY KEY (id)'),
    ('health_licecount', 'health_licecount_assignment_id_fkey', 'FOREIGN KEY (assignment_id) REFERENCES batch_batchcontainerassignment(id)'),
    ('health_licecount', 'health_licecount_batch_id_fkey', 'FOREIGN KEY (batch_id) REFERENCES batch_batch(id)'),
    ('health_licecount', 'health_licecount_container_id_fkey', 'FOREIGN KEY (container_id) REFERENCES infrastructure_container(id)'),
    ('health_licecount', 'health_licecount_lice_type_id_fkey', 'FOREIGN KEY (lice_type_id) REFERENCES health_licetype(id)'),
    ('health_licecount', 'health_licecount_matches_assignment_fkey', 'FOREIGN KEY (assignment_id, batch_id, container_id) REFERENCES batch_batchcontainerassignment(id, batch_id, container_id) MATCH FULL'),
    ('health_licecount', 'health_licecount_user_id_fkey', 'FOREIGN KEY (user_id) REFERENCES auth_user(id)'),
    ('health_licecount', 'health_licecount_adult_female_count_check', 'CHECK ((adult_female_count >= 0))'),
    ('health_licecount', 'health_licecount_adult_male_count_check', 'CHECK ((adult_male_count >= 0))'),
    ('health_licecount', 'health_licecount_count_value_check', 'CHECK ((count_value >= 0))'),
    ('health_licecount', 'health_licecount_fish_sampled_check', 'CHECK ((fish_sampled >= 0))'),
    ('health_licecount', 'health_licecount_juvenile_count_check', 'CHECK ((juvenile_count >= 0))'),
    ('health_licetype', 'health_licetype_species_gender_development_stage_key', 'UNIQUE (species, gender, development_stage)'),
    ('health_licetype', 'health_licetype_pkey', 'PRIMARY KEY (id)'),
    ('health_mortalityreason', 'health_mortalityreason_name_key', 'UNIQUE (name)'),
    ('health_mortalityreason', 'health_mortalityreason_pkey', 'PRIMARY KEY (id)'),
    ('infrastructure_area', 'infrastructure_area_pkey', 'PRIMARY KEY (id)'),
    ('infrastructure_area', 'infrastructure_area_geography_id_fkey', 'FOREIGN KEY (geography_id) REFERENCES infrastructure_geography(id)'),
    ('infrastructure_container', 'infrastructure_container_pkey', 'PRIMARY KEY (id)'),
    ('infrastructure_container', 'infrastructure_container_area_id_fkey', 'FOREIGN KEY (area_id) REFERENCES infrastructure_area(id)'),
    ('infrastructure_container', 'infrastructure_container_container_type_id_fkey', 'FOREIGN KEY (container_type_id) REFERENCES infrastructure_containertype(id)'),
    ('infrastructure_container', 'infrastructure_container_hall_id_fkey', 'FOREIGN KEY (hall_id) REFERENCES infrastructure_hall(id)'),
    ('infrastructure_container', 'container_in_either_hall_or_area', 'CHECK ((((hall_id IS NOT NULL) AND (area_id IS NULL)) OR ((hall_id IS NULL) AND (area_id IS NOT NULL))))'),
    ('infrastructure_containertype', 'infrastructure_containertype_pkey', 'PRIMARY KEY (id)'),
    ('infrastructure_feedcontainer', 'infrastructure_feedcontainer_pkey', 'PRIMARY KEY (id)'),
    ('infrastructure_feedcontainer', 'infrastructure_feedcontainer_area_id_fkey', 'FOREIGN KEY (area_id) REFERENCES infrastructure_area(id)'),
    ('infrastructure_feedcontainer', 'infrastructure_feedcontainer_hall_id_fkey', 'FOREIGN KEY (hall_id) REFERENCES infrastructure_hall(id)'),
    ('infrastructure_feedcontainer', 'feed_container_in_either_hall_or_area', 'CHECK ((((hall_id IS NOT NULL) AND (area_id IS NULL)) OR ((hall_id IS NULL) AND (area_id IS NOT NULL))))'),
    ('infrastructure_freshwaterstation', 'infrastructure_freshwaterstation_pkey', 'PRIMARY KEY (id)'),
    ('infrastructure_freshwaterstation', 'infrastructure_freshwaterstation_geography_id_fkey', 'FOREIGN KEY (geography_id) REFERENCES infrastructure_geography(id)'),
    ('infrastructure_geography', 'infrastructure_geography_name_key', 'UNIQUE (name)'),
    ('infrastructure_geography', 'infrastructure_geography_pkey', 'PRIMARY KEY (id)'),
    ('infrastructure_hall', 'infrastructure_hall_pkey', 'PRIMARY KEY (id)'),
    ('infrastructure_hall', 'infrastructure_hall_freshwater_station_id_fkey', 'FOREIGN KEY (freshwater_station_id) REFERENCES infrastructure_freshwaterstation(id)'),
    ('infrastructure_sensor', 'infrastructure_sensor_pkey', 'PRIMARY KEY (id)'),
    ('infrastructure_sensor', 'infrastructure_sensor_container_id_fkey', 'FOREIGN KEY (container_id) REFERENCES infrastructure_container(id)'),
    ('inventory_feed', 'inventory_feed_pkey', 'PRIMARY KEY (id)'),
    ('inventory_feedcontainerstock', 'inventory_feedcontainerstock_pkey', 'PRIMARY KEY (id)'),
    ('inventory_feedcontainerstock', 'inventory_feedcontainerstock_feed_container_id_fkey', 'FOREIGN KEY (feed_container_id) REFERENCES infrastructure_feedcontainer(id)'),
    ('inventory_feedcontainerstock', 'inventory_feedcontainerstock_feed_purchase_id_fkey', 'FOREIGN KEY (feed_purchase_id) REFERENCES inventory_feedpurchase(id)'),
    ('inventory_feedingevent', 'inventory_feedingevent_pkey', 'PRIMARY KEY (id)'),
    ('inventory_feedingevent', 'inventory_feedingevent_batch_assignment_id_fkey', 'FOREIGN KEY (batch_assignment_id) REFERENCES batch_batchcontainerassignment(id)'),
    ('inventory_feedingevent', 'inventory_feedingevent_batch_id_fkey', 'FOREIGN KEY (batch_id) REFERENCES batch_batch(id)'),
    ('inventory_feedingevent', 'inventory_feedingevent_container_id_fkey', 'FOREIGN KEY (container_id) REFERENCES infrastructure_container(id)'),
    ('inventory_feedingevent', 'inventory_feedingevent_feed_id_fkey', 'FOREIGN KEY (feed_id) REFERENCES inventory_feed(id)'),
    ('inventory_feedingevent', 'inventory_feedingevent_matches_assignment_fkey', 'FOREIGN KEY (batch_assignment_id, batch_id, container_id) REFERENCES batch_batchcontainerassignment(id, batch_id, container_id) MATCH FULL'),
    ('inventory_feedingevent', 'inventory_feedingevent_recorded_by_id_fkey', 'FOREIGN KEY (recorded_by_id) REFERENCES auth_user(id)'),
    ('inventory_feedpurchase', 'inventory_feedpurchase_pkey', 'PRIMARY KEY (id)'),
    ('inventory_feedpurchase', 'inventory_feedpurchase_feed_id_fkey', 'FOREIGN KEY (feed_id) REFERENCES inventory_feed(id)'),
    ('scenario', 'scenario_pkey', 'PRIMARY KEY (scenario_id)'),
    ('scenario', 'scenario_batch_id_fkey', 'FOREIGN KEY (batch_id) REFERENCES batch_batch(id)'),
    ('scenario', 'scenario_created_by_id_fkey', 'FOREIGN KEY (created_by_id) REFERENCES auth_user(id)'),
    ('scenario', 'scenario_fcr_model_id_fkey', 'FOREIGN KEY (fcr_model_id) REFERENCES scenario_fcrmodel(model_id)'),
    ('scenario', 'scenario_mortality_model_id_fkey', 'FOREIGN KEY (mortality_model_id) REFERENCES scenario_mortalitymodel(model_id)'),
    ('scenario', 'scenario_tgc_model_id_fkey', 'FOREIGN KEY (tgc_model_id) REFERENCES scenario_tgcmodel(model_id)'),
    ('scenario', 'scenario_duration_days_check', 'CHECK ((duration_days >= 1))'),
    ('scenario', 'scenario_initial_count_check', 'CHECK ((initial_count >= 1))'),
    ('scenario_fcrmodel', 'scenario_fcrmodel_name_key', 'UNIQUE (name)'),
    ('scenario_fcrmodel', 'scenario_fcrmodel_pkey', 'PRIMARY KEY (model_id)'),
    ('scenario_fcrmodelstage', 'scenario_fcrmodelstage_model_id_stage_id_key', 'UNIQUE (model_id, stage_id)'),
    ('scenario_fcrmodelstage', 'scenario_fcrmodelstage_pkey', 'PRIMARY KEY (id)'),
    ('scenario_fcrmodelstage', 'scenario_fcrmodelstage_model_id_fkey', 'FOREIGN KEY (model_id) REFERENCES scenario_fcrmodel(model_id)'),
    ('scenario_fcrmodelstage', 'scenario_fcrmodelstage_stage_id_fkey', 'FOREIGN KEY (stage_id) REFERENCES batch_lifecyclestage(id)'),
    ('scenario_fcrmodelstage', 'scenario_fcrmodelstage_duration_days_check', 'CHECK ((duration_days >= 1))'),
    ('scenario_mortalitymodel', 'scenario_mortalitymodel_name_key', 'UNIQUE (name)'),
    ('scenario_mortalitymodel', 'scenario_mortalitymodel_pkey', 'PRIMARY KEY (model_id)'),
    ('scenario_mortalitymodel', 'scenario_mortalitymodel_rate_range_check', 'CHECK (((rate >= (0)::double precision) AND (rate <= (100)::double precision)))'),
    ('scenario_scenarioprojection', 'scenario_scenarioprojection_pkey', 'PRIMARY KEY (projection_id)'),
    ('scenario_scenarioprojection', 'scenario_scenarioprojection_current_stage_id_fkey', 'FOREIGN KEY (current_stage_id) REFERENCES batch_lifecyclestage(id)'),
    ('scenario_scenarioprojection', 'scenario_scenarioprojection_scenario_id_fkey', 'FOREIGN KEY (scenario_id) REFERENCES scenario(scenario_id)'),
    ('scenario_temperatureprofile', 'scenario_temperatureprofile_name_key', 'UNIQUE (name)'),
    ('scenario_temperatureprofile', 'scenario_temperatureprofile_pkey', 'PRIMARY KEY (profile_id)'),
    ('scenario_temperaturereading', 'scenario_temperaturereading_profile_id_day_number_key', 'UNIQUE (profile_id, day_number)'),
    ('scenario_temperaturereading', 'scenario_temperaturereading_pkey', 'PRIMARY KEY (reading_id)'),
    ('scenario_temperaturereading', 'scenario_temperaturereading_profile_id_fkey', 'FOREIGN KEY (profile_id) REFERENCES scenario_temperatureprofile(profile_id)'),
    ('scenario_temperaturereading', 'scenario_temperaturereading_day_number_check', 'CHECK ((day_number >= 1))'),
    ('scenario_tgcmodel', 'scenario_tgcmodel_name_key', 'UNIQUE (name)'),
    ('scenario_tgcmodel', 'scenario_tgcmodel_pkey', 'PRIMARY KEY (model_id)'),
    ('scenario_tgcmodel', 'scenario_tgcmodel_profile_id_fkey', 'FOREIGN KEY (profile_id) REFERENCES scenario_temperatureprofile(profile_id)')
;

-- Indexes that back no constraint, by table, name and definition after
-- "USING btree" (so a non-btree index fails too).
CREATE TEMP TABLE spec_index (
    tbl name NOT NULL,
    idxname name NOT NULL,
    def text NOT NULL,
    PRIMARY KEY (tbl, idxname)
);

INSERT INTO spec_index (tbl, idxname, def) VALUES
    ('batch_actualdailyassignmentstate', 'batch_actualdailyassignmentstate_container_id_idx', '(container_id)'),
    ('batch_actualdailyassignmentstate', 'batch_actualdailyassignmentstate_lifecycle_stage_id_idx', '(lifecycle_stage_id)'),
    ('batch_actualdailyassignmentstate', 'idx_anchor_type', '(anchor_type)'),
    ('batch_actualdailyassignmentstate', 'idx_batch_date', '(batch_id, date)'),
    ('batch_actualdailyassignmentstate', 'idx_date', '(date)'),
    ('batch_batch', 'batch_batch_lifecycle_stage_id_idx', '(lifecycle_stage_id)'),
    ('batch_batch', 'batch_batch_pinned_scenario_id_idx', '(pinned_scenario_id)'),
    ('batch_batch', 'batch_batch_species_id_idx', '(species_id)'),
    ('batch_batchcontainerassignment', 'batch_batchcontainerassignment_batch_id_idx', '(batch_id)'),
    ('batch_batchcontainerassignment', 'batch_batchcontainerassignment_container_id_idx', '(container_id)'),
    ('batch_batchcontainerassignment', 'batch_batchcontainerassignment_lifecycle_stage_id_idx', '(lifecycle_stage_id)'),
    ('batch_batchcontainerassignment', 'unique_active_batch_container', 'UNIQUE (batch_id, container_id) WHERE is_active'),
    ('batch_batchtransferworkflow', 'batch_batchtransferworkflow_batch_id_idx', '(batch_id)'),
    ('batch_batchtransferworkflow', 'batch_batchtransferworkflow_batch_id_status_idx', '(batch_id, status)'),
    ('batch_batchtransferworkflow', 'batch_batchtransferworkflow_completed_by_id_idx', '(completed_by_id)'),
    ('batch_batchtransferworkflow', 'batch_batchtransferworkflow_dest_lifecycle_stage_id_idx', '(dest_lifecycle_stage_id)'),
    ('batch_batchtransferworkflow', 'batch_batchtransferworkflow_finance_transaction_id_idx', '(finance_transaction_id)'),
    ('batch_batchtransferworkflow', 'batch_batchtransferworkflow_initiated_by_id_idx', '(initiated_by_id)'),
    ('batch_batchtransferworkflow', 'batch_batchtransferworkflow_planned_start_date_idx', '(planned_start_date)'),
    ('batch_batchtransferworkflow', 'batch_batchtransferworkflow_source_lifecycle_stage_id_idx', '(source_lifecycle_stage_id)'),
    ('batch_batchtransferworkflow', 'batch_batchtransferworkflow_status_idx', '(status)'),
    ('batch_batchtransferworkflow', 'batch_batchtransferworkflow_workflow_type_idx', '(workflow_type)'),
    ('batch_creationaction', 'batch_creationaction_dest_assignment_id_idx', '(dest_assignment_id)'),
    ('batch_creationaction', 'batch_creationaction_executed_by_id_idx', '(executed_by_id)'),
    ('batch_creationaction', 'batch_creationaction_expected_delivery_date_idx', '(expected_delivery_date)'),
    ('batch_creationaction', 'batch_creationaction_workflow_id_idx', '(workflow_id)'),
    ('batch_creationaction', 'batch_creationaction_workflow_id_status_idx', '(workflow_id, status)'),
    ('batch_creationworkflow', 'batch_creationworkflow_batch_id_idx', '(batch_id)'),
    ('batch_creationworkflow', 'batch_creationworkflow_cancelled_by_id_idx', '(cancelled_by_id)'),
    ('batch_creationworkflow', 'batch_creationworkflow_created_by_id_idx', '(created_by_id)'),
    ('batch_creationworkflow', 'batch_creationworkflow_egg_production_id_idx', '(egg_production_id)'),
    ('batch_creationworkflow', 'batch_creationworkflow_egg_source_type_idx', '(egg_source_type)'),
    ('batch_creationworkflow', 'batch_creationworkflow_external_supplier_id_idx', '(external_supplier_id)'),
    ('batch_creationworkflow', 'batch_creationworkflow_planned_start_date_idx', '(planned_start_date)'),
    ('batch_creationworkflow', 'batch_creationworkflow_status_idx', '(status)'),
    ('batch_growthsample', 'batch_growthsample_assignment_id_idx', '(assignment_id)'),
    ('batch_individualgrowthobservation', 'batch_individualgrowthobservation_growth_sample_id_idx', '(growth_sample_id)'),
    ('batch_lifecyclestage', 'batch_lifecyclestage_species_id_idx', '(species_id)'),
    ('batch_mortalityevent', 'batch_mortalityevent_assignment_id_idx', '(assignment_id)'),
    ('batch_mortalityevent', 'batch_mortalityevent_batch_id_idx', '(batch_id)'),
    ('batch_transferaction', 'batch_transferaction_actual_execution_date_idx', '(actual_execution_date)'),
    ('batch_transferaction', 'batch_transferaction_dest_assignment_id_idx', '(dest_assignment_id)'),
    ('batch_transferaction', 'batch_transferaction_executed_by_id_idx', '(executed_by_id)'),
    ('batch_transferaction', 'batch_transferaction_source_assignment_id_idx', '(source_assignment_id)'),
    ('batch_transferaction', 'batch_transferaction_status_idx', '(status)'),
    ('batch_transferaction', 'batch_transferaction_workflow_id_idx', '(workflow_id)'),
    ('batch_transferaction', 'batch_transferaction_workflow_id_status_idx', '(workflow_id, status)'),
    ('environmental_environmentalreading', 'environmental_environmentalreading_assignment_param_time_idx', '(batch_container_assignment_id, parameter_id, reading_time)'),
    ('environmental_environmentalreading', 'environmental_environmentalreading_batch_param_time_idx', '(batch_id, parameter_id, reading_time)'),
    ('environmental_environmentalreading', 'environmental_environmentalreading_container_param_time_idx', '(container_id, parameter_id, reading_time)'),
    ('environmental_environmentalreading', 'environmental_environmentalreading_parameter_id_idx', '(parameter_id)'),
    ('environmental_environmentalreading', 'environmental_environmentalreading_recorded_by_id_idx', '(recorded_by_id)'),
    ('environmental_environmentalreading', 'environmental_environmentalreading_sensor_id_idx', '(sensor_id)'),
    ('finance_dimcompany', 'finance_dimcompany_geography_id_idx', '(geography_id)'),
    ('finance_dimsite', 'finance_dimsite_company_id_idx', '(company_id)'),
    ('finance_factharvest', 'finance_factharvest_dim_company_id_idx', '(dim_company_id)'),
    ('finance_factharvest', 'finance_factharvest_dim_site_id_idx', '(dim_site_id)'),
    ('finance_factharvest', 'finance_factharvest_event_id_idx', '(event_id)'),
    ('finance_factharvest', 'finance_factharvest_product_grade_id_idx', '(product_grade_id)'),
    ('finance_factharvest', 'ix_fact_harvest_company_grade', '(dim_company_id, product_grade_id)'),
    ('finance_factharvest', 'ix_fact_harvest_event_date', '(event_date)'),
    ('harvest_harvestevent', 'harvest_harvestevent_assignment_id_idx', '(assignment_id)'),
    ('harvest_harvestevent', 'harvest_harvestevent_batch_id_idx', '(batch_id)'),
    ('harvest_harvestevent', 'harvest_harvestevent_dest_geography_id_idx', '(dest_geography_id)'),
    ('harvest_harvestevent', 'harvest_harvestevent_dest_subsidiary_idx', '(dest_subsidiary)'),
    ('harvest_harvestevent', 'harvest_harvestevent_event_date_batch_id_idx', '(event_date, batch_id)'),
    ('harvest_harvestevent', 'harvest_harvestevent_event_date_idx', '(event_date)'),
    ('harvest_harvestlot', 'harvest_harvestlot_event_id_idx', '(event_id)'),
    ('harvest_harvestlot', 'harvest_harvestlot_product_grade_id_idx', '(product_grade_id)'),
    ('health_journalentry', 'health_journalentry_assignment_id_idx', '(assignment_id)'),
    ('health_journalentry', 'health_journalentry_batch_id_idx', '(batch_id)'),
    ('health_journalentry', 'health_journalentry_container_id_idx', '(container_id)'),
    ('health_journalentry', 'health_journalentry_user_id_idx', '(user_id)'),
    ('health_licecount', 'health_licecount_assignment_id_idx', '(assignment_id)'),
    ('health_licecount', 'health_licecount_batch_id_idx', '(batch_id)'),
    ('health_licecount', 'health_licecount_container_id_idx', '(container_id)'),
    ('health_licecount', 'health_licecount_lice_type_id_idx', '(lice_type_id)'),
    ('health_licecount', 'health_licecount_user_id_idx', '(user_id)'),
    ('health_licetype', 'health_licetype_is_active_idx', '(is_active)'),
    ('health_licetype', 'health_licetype_species_development_stage_idx', '(species, development_stage)'),
    ('infrastructure_area', 'infrastructure_area_geography_id_idx', '(geography_id)'),
    ('infrastructure_container', 'infrastructure_container_area_id_idx', '(area_id)'),
    ('infrastructure_container', 'infrastructure_container_container_type_id_idx', '(container_type_id)'),
    ('infrastructure_container', 'infrastructure_container_hall_id_idx', '(hall_id)'),
    ('infrastructure_feedcontainer', 'infrastructure_feedcontainer_area_id_idx', '(area_id)'),
    ('infrastructure_feedcontainer', 'infrastructure_feedcontainer_hall_id_idx', '(hall_id)'),
    ('infrastructure_freshwaterstation', 'infrastructure_freshwaterstation_geography_id_idx', '(geography_id)'),
    ('infrastructure_hall', 'infrastructure_hall_freshwater_station_id_idx', '(freshwater_station_id)'),
    ('infrastructure_sensor', 'infrastructure_sensor_container_id_idx', '(container_id)'),
    ('inventory_feedcontainerstock', 'inventory_feedcontainerstock_feed_container_id_entry_date_idx', '(feed_container_id, entry_date)'),
    ('inventory_feedcontainerstock', 'inventory_feedcontainerstock_feed_container_id_idx', '(feed_container_id)'),
    ('inventory_feedcontainerstock', 'inventory_feedcontainerstock_feed_purchase_id_idx', '(feed_purchase_id)'),
    ('inventory_feedingevent', 'inventory_feedingevent_batch_assignment_id_idx', '(batch_assignment_id)'),
    ('inventory_feedingevent', 'inventory_feedingevent_batch_id_idx', '(batch_id)'),
    ('inventory_feedingevent', 'inventory_feedingevent_container_id_idx', '(container_id)'),
    ('inventory_feedingevent', 'inventory_feedingevent_feed_id_idx', '(feed_id)'),
    ('inventory_feedingevent', 'inventory_feedingevent_recorded_by_id_idx', '(recorded_by_id)'),
    ('inventory_feedpurchase', 'inventory_feedpurchase_feed_id_idx', '(feed_id)'),
    ('scenario', 'scenario_batch_id_idx', '(batch_id)'),
    ('scenario', 'scenario_biological_constraints_id_idx', '(biological_constraints_id)'),
    ('scenario', 'scenario_created_by_id_idx', '(created_by_id)'),
    ('scenario', 'scenario_fcr_model_id_idx', '(fcr_model_id)'),
    ('scenario', 'scenario_mortality_model_id_idx', '(mortality_model_id)'),
    ('scenario', 'scenario_start_date_idx', '(start_date)'),
    ('scenario', 'scenario_tgc_model_id_idx', '(tgc_model_id)'),
    ('scenario_fcrmodelstage', 'scenario_fcrmodelstage_model_id_idx', '(model_id)'),
    ('scenario_fcrmodelstage', 'scenario_fcrmodelstage_stage_id_idx', '(stage_id)'),
    ('scenario_scenarioprojection', 'scenario_scenarioprojection_current_stage_id_idx', '(current_stage_id)'),
    ('scenario_scenarioprojection', 'scenario_scenarioprojection_scenario_id_day_number_idx', '(scenario_id, day_number)'),
    ('scenario_scenarioprojection', 'scenario_scenarioprojection_scenario_id_idx', '(scenario_id)'),
    ('scenario_scenarioprojection', 'scenario_scenarioprojection_scenario_id_projection_date_idx', '(scenario_id, projection_date)'),
    ('scenario_temperaturereading', 'scenario_temperaturereading_profile_id_idx', '(profile_id)'),
    ('scenario_tgcmodel', 'scenario_tgcmodel_profile_id_idx', '(profile_id)')
;

-- Tables: exactly the expected set in public.
SELECT tables_are(
    'public',
    ARRAY(SELECT tbl FROM spec_table ORDER BY tbl),
    'public holds exactly the AquaMind tables aquasql writes'
);

-- Columns: exact set per table, then type and nullability per column.
SELECT columns_are(
    'public', tbl,
    ARRAY(SELECT c.col FROM spec_column AS c WHERE c.tbl = s.tbl ORDER BY c.pos),
    format('%I has exactly the expected columns', tbl)
)
FROM spec_table AS s
ORDER BY tbl;

SELECT col_type_is(
    'public', tbl, col, typ,
    format('%I.%I is %s', tbl, col, typ)
)
FROM spec_column
ORDER BY tbl, pos;

SELECT CASE
    WHEN nullable THEN col_is_null('public', tbl, col, format('%I.%I is nullable', tbl, col))
    ELSE col_not_null('public', tbl, col, format('%I.%I is NOT NULL', tbl, col))
END
FROM spec_column
ORDER BY tbl, pos;

-- Keys are GENERATED BY DEFAULT AS IDENTITY (the first column of each table), and
-- Django puts no DEFAULT clauses in the database.
SELECT set_eq(
    $$
        SELECT c.relname, a.attname, a.attidentity::text
        FROM pg_catalog.pg_attribute AS a
        INNER JOIN pg_catalog.pg_class AS c ON a.attrelid = c.oid
        WHERE c.relnamespace = 'public'::regnamespace
            AND c.relkind IN ('r', 'p')
            AND a.attidentity <> ''
    $$,
    $$ SELECT tbl, col, 'd' FROM spec_column WHERE pos = 1 $$,
    'each table''s key (and only it) is an identity column, BY DEFAULT'
);

SELECT is_empty(
    $$
        SELECT c.relname, a.attname
        FROM pg_catalog.pg_attrdef AS d
        INNER JOIN pg_catalog.pg_class AS c ON d.adrelid = c.oid
        INNER JOIN pg_catalog.pg_attribute AS a ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE c.relnamespace = 'public'::regnamespace
    $$,
    'no column in public has a DEFAULT'
);

-- Constraints: each by name and definition (FK targets, MATCH FULL, no DEFERRABLE
-- and no ON DELETE action show in the definition), then no unexpected ones.
SELECT is(
    (
        SELECT pg_catalog.pg_get_constraintdef(k.oid)
        FROM pg_catalog.pg_constraint AS k
        WHERE k.conrelid = to_regclass(format('public.%I', s.tbl))
            AND k.conname = s.conname
    ),
    s.def,
    format('%I.%I: %s', s.tbl, s.conname, s.def)
)
FROM spec_constraint AS s
ORDER BY s.tbl, s.conname;

SELECT set_eq(
    $$
        SELECT c.relname, k.conname
        FROM pg_catalog.pg_constraint AS k
        INNER JOIN pg_catalog.pg_class AS c ON k.conrelid = c.oid
        WHERE c.relnamespace = 'public'::regnamespace
    $$,
    $$ SELECT tbl, conname FROM spec_constraint $$,
    'public has no constraints beyond the expected ones'
);

-- Indexes that back no constraint: each by definition, then no unexpected ones.
SELECT is(
    (
        SELECT regexp_replace(
            pg_catalog.pg_get_indexdef(i.indexrelid),
            '^CREATE (UNIQUE )?INDEX \S+ ON \S+ USING btree ', '\1'
        )
        FROM pg_catalog.pg_index AS i
        WHERE i.indrelid = to_regclass(format('public.%I', s.tbl))
            AND i.indexrelid = to_regclass(format('public.%I', s.idxname))
    ),
    s.def,
    format('index %I on %I: %s', s.idxname, s.tbl, s.def)
)
FROM spec_index AS s
ORDER BY s.tbl, s.idxname;

SELECT set_eq(
    $$
        SELECT c.relname AS tbl, ic.relname AS idxname
        FROM pg_catalog.pg_index AS i
        INNER JOIN pg_catalog.pg_class AS c ON i.indrelid = c.oid
        INNER JOIN pg_catalog.pg_class AS ic ON i.indexrelid = ic.oid
        WHERE c.relnamespace = 'public'::regnamespace
            AND NOT EXISTS (
                SELECT 1 FROM pg_catalog.pg_constraint AS k
                WHERE k.conrelid = i.indrelid AND k.conindid = i.indexrelid
            )
    $$,
    $$ SELECT tbl, idxname FROM spec_index $$,
    'public has no indexes beyond the constraint indexes and the expected ones'
);

-- Hypertables exist exactly when the timescaledb extension does. The query text is
-- only parsed in the branch that runs, so this file also runs without the extension.
SELECT CASE
    WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_extension WHERE extname = 'timescaledb')
        THEN results_eq(
            $$
                SELECT
                    hypertable_name::text COLLATE "default",
                    column_name::text COLLATE "default",
                    time_interval
                FROM timescaledb_information.dimensions
                WHERE hypertable_schema = 'public'
                ORDER BY hypertable_name, dimension_number
            $$,
            $$
                VALUES
                ('batch_actualdailyassignmentstate', 'date', INTERVAL '14 days'),
                ('environmental_environmentalreading', 'reading_time', INTERVAL '7 days')
            $$,
            'readings (7-day chunks) and daily states (14-day chunks) are the only hypertables'
        )
    ELSE skip('TimescaleDB is not installed in this database', 1)
END;

SELECT * FROM finish();
ROLLBACK;
